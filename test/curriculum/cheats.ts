// The validator's attacks. Each cheat builds a learner folder that did not do the work, or
// sabotaged it, and every check run on it must refuse it.
//
// Generic cheats come from the check kinds an exercise uses, so every new exercise is
// attacked without writing anything; each exercise adds its own under `cheats:`.

import { execFile } from 'child_process';
import { existsSync } from 'fs';
import { promises as fs } from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import { deflateSync } from 'zlib';
import { parseDocument } from 'yaml';
import { projectNotebooks } from '../../src/checks/projectNotebooks';
import { isPattern, matchingFiles } from '../../src/checks/workflowFiles';
import type { CatchBugsCheck, CheckType, CommandCheck, DockerfileRules, Exercise, PytestCheck, WorkflowCheck } from '../../src/core/model';

const execFileAsync = promisify(execFile);
export const HISTORY_SCRIPT = 'make-history.sh';

export interface CheatCase {
  readonly name: string;
  /** The check kinds this cheat attacks. */
  readonly kinds: readonly CheckType[];
  /** Built over the starter (the work not done) or over the solved folder (sabotaged). */
  readonly base: 'starter' | 'solution';
  apply(dir: string): Promise<void>;
}

async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(
    () => true,
    () => false,
  );
}

/** Lays `folder` over `dir`; a make-history.sh in it is run there instead of copied. */
export async function layOver(dir: string, folder: string): Promise<void> {
  await fs.cp(folder, dir, { recursive: true, filter: (src) => path.relative(folder, src) !== HISTORY_SCRIPT });
  const script = path.join(folder, HISTORY_SCRIPT);
  if (await exists(script)) {
    // No global git identity or hooks are needed: the script passes `-c user.name=…` itself.
    await execFileAsync('bash', [script], { cwd: dir, timeout: 60_000 });
  }
}

async function filesIn(dir: string, rel = ''): Promise<string[]> {
  if (!(await exists(dir))) return [];
  const out: string[] = [];
  for (const e of await fs.readdir(path.join(dir, rel), { withFileTypes: true })) {
    const r = path.join(rel, e.name);
    if (e.isDirectory()) out.push(...(await filesIn(dir, r)));
    else if (e.isFile()) out.push(r);
  }
  return out.sort();
}

const isTest = (f: string) => /(^|\/)test_[^/]*\.py$/.test(f);
const isModule = (f: string) => f.endsWith('.py') && !isTest(f) && path.basename(f) !== 'conftest.py';

async function prepend(file: string, line: string): Promise<void> {
  await fs.writeFile(file, `${line}\n${await fs.readFile(file, 'utf8')}`);
}

/** Puts `line` first in the first code cell (or every code cell) of a notebook. */
async function prependToCells(file: string, line: string, every = false): Promise<void> {
  const nb = JSON.parse(await fs.readFile(file, 'utf8')) as { cells?: { cell_type?: string; source?: string | string[] }[] };
  for (const cell of nb.cells ?? []) {
    if (cell.cell_type !== 'code') continue;
    const src = Array.isArray(cell.source) ? cell.source.join('') : (cell.source ?? '');
    cell.source = `${line}\n${src}`;
    if (!every) break;
  }
  await fs.writeFile(file, JSON.stringify(nb, null, 1) + '\n');
}

export async function genericCheats(ex: Exercise, python?: string): Promise<CheatCase[]> {
  const kinds = new Set(ex.checks.map((c) => c.type));
  const starterFiles = ex.starter ? await filesIn(path.join(ex.dir, ex.starter)) : [];
  const solutionFiles = ex.solution ? (await filesIn(path.join(ex.dir, ex.solution))).filter((f) => f !== HISTORY_SCRIPT) : [];
  const starterPy = starterFiles.filter((f) => f.endsWith('.py'));
  const starterNb = starterFiles.filter((f) => f.endsWith('.ipynb'));
  const cheats: CheatCase[] = [];
  let attacked: readonly CheckType[] = [...kinds];
  const add = (name: string, base: CheatCase['base'], apply: (dir: string) => Promise<void>) => cheats.push({ name, kinds: attacked, base, apply });
  const against = (...k: CheckType[]) => {
    attacked = k.filter((x) => kinds.has(x));
  };

  // Empty or deleted files: the solution's files present but empty; the starter's files gone.
  if (solutionFiles.length) {
    add('empty files: every file of the solution present but empty', 'solution', async (dir) => {
      for (const f of solutionFiles) await fs.writeFile(path.join(dir, f), '');
    });
  }
  const deletable = starterFiles.filter((f) => solutionFiles.includes(f) || isModule(f));
  if (deletable.length) {
    add(`deleted files: ${deletable.join(', ')} removed`, 'starter', async (dir) => {
      for (const f of deletable) await fs.rm(path.join(dir, f), { force: true });
    });
  }

  if (kinds.has('pytest') || kinds.has('no-network') || kinds.has('tests-catch-bugs')) {
    against('pytest', 'no-network', 'tests-catch-bugs');
    add('a conftest.py that exits 0 when pytest starts', 'starter', async (dir) => {
      await fs.writeFile(path.join(dir, 'conftest.py'), 'import os\n\n\ndef pytest_configure(config):\n    os._exit(0)\n');
    });
    add('a conftest.py that turns every outcome into a pass', 'starter', async (dir) => {
      await fs.writeFile(
        path.join(dir, 'conftest.py'),
        'import pytest\n\n\n@pytest.hookimpl(hookwrapper=True)\ndef pytest_runtest_makereport(item, call):\n    outcome = yield\n    outcome.get_result().outcome = "passed"\n\n\ndef pytest_sessionfinish(session, exitstatus):\n    session.exitstatus = 0\n',
      );
    });
    add('a pytest.ini that collects nothing', 'starter', async (dir) => {
      await fs.writeFile(path.join(dir, 'pytest.ini'), '[pytest]\npython_files = nothing_*.py\naddopts = -p no:randomly\n');
    });
    const tests = starterFiles.filter(isTest);
    if (tests.length) {
      add(`deleted tests: ${tests.join(', ')} removed`, 'starter', async (dir) => {
        for (const f of tests) await fs.rm(path.join(dir, f), { force: true });
      });
      add('tests that assert nothing', 'starter', async (dir) => {
        for (const f of tests) await fs.writeFile(path.join(dir, f), 'def test_ok() -> None:\n    assert True\n');
      });
    }
    for (const spec of ex.checks.filter((c): c is PytestCheck => c.type === 'pytest' && c.hiddenTests !== undefined)) {
      const hidden = await filesIn(path.join(ex.dir, spec.hiddenTests!));
      add(`pre-created hidden-test files (${hidden.join(', ')}) with tests that always pass`, 'starter', async (dir) => {
        for (const f of hidden) {
          await fs.mkdir(path.dirname(path.join(dir, f)), { recursive: true });
          await fs.writeFile(path.join(dir, f), 'def test_edge_cases() -> None:\n    assert True\n');
        }
      });
      if (kinds.has('tests-catch-bugs')) {
        // A first check reveals the hidden tests in the learner's folder; they are the
        // exercise's, so they must not count as the learner's tests that catch the bugs.
        const own = solutionFiles.filter((f) => isTest(f) && !hidden.includes(f));
        const sourceDir = path.join(ex.dir, spec.hiddenTests!);
        const saved = attacked;
        against('tests-catch-bugs');
        add(`the revealed hidden tests (${hidden.join(', ')}) in place of the learner's own${own.length ? ` (${own.join(', ')} removed)` : ''}`, 'solution', async (dir) => {
          for (const f of own) await fs.rm(path.join(dir, f), { force: true });
          await fs.cp(sourceDir, dir, { recursive: true });
        });
        attacked = saved;
      }
    }
  }
  if (kinds.has('no-network')) {
    against('no-network');
    // The solution's tests, plus one that reaches for the network and passes on the refusal:
    // offline it checks nothing, so the suite must not count as one that runs offline.
    add('a test that reaches the network and passes by catching the refused call', 'solution', async (dir) => {
      await fs.writeFile(
        path.join(dir, 'test_upskill_offline_fallback.py'),
        'import urllib.request\n\n\ndef test_offline_fallback() -> None:\n    try:\n        data = urllib.request.urlopen("http://upskill-cheat.invalid/data", timeout=3).read()\n    except Exception:\n        data = b"saved"\n    assert data == b"saved"\n',
      );
    });
  }
  if (kinds.has('mypy')) {
    against('mypy');
    // A starter of notebooks only has no module to put these on: they would be the starter itself.
    if (starterPy.length || !starterNb.length) {
      add('file-level suppression: "# mypy: ignore-errors" on every module', 'starter', async (dir) => {
        for (const f of starterPy) await prepend(path.join(dir, f), '# mypy: ignore-errors');
      });
      add('file-level suppression: "# type: ignore" on the first line of every module', 'starter', async (dir) => {
        for (const f of starterPy) await prepend(path.join(dir, f), '# type: ignore');
      });
      add('stub files: a .pyi beside every module that makes everything Any', 'starter', async (dir) => {
        for (const f of starterPy.filter(isModule)) await fs.writeFile(path.join(dir, f.replace(/\.py$/, '.pyi')), 'from typing import Any\n\ndef __getattr__(name: str) -> Any: ...\n');
      });
    }
    for (const comment of ['# mypy: ignore-errors', '# type: ignore']) {
      if (starterNb.length) {
        add(`notebook suppression: "${comment}" first in the first code cell of every notebook`, 'starter', async (dir) => {
          for (const f of starterNb) await prependToCells(path.join(dir, f), comment);
        });
      }
    }
  }
  if (kinds.has('ruff-lint')) {
    against('ruff-lint');
    for (const comment of ['# ruff: noqa', '# flake8: noqa']) {
      if (starterPy.length || !starterNb.length) {
        add(`file-level suppression: "${comment}" on every module`, 'starter', async (dir) => {
          for (const f of starterPy) await prepend(path.join(dir, f), comment);
        });
      }
      if (starterNb.length) {
        add(`notebook suppression: "${comment}" first in the first code cell of every notebook`, 'starter', async (dir) => {
          for (const f of starterNb) await prependToCells(path.join(dir, f), comment);
        });
      }
    }
  }
  if (kinds.has('ruff-format')) {
    against('ruff-format');
    if (starterPy.length || !starterNb.length) {
      add('file-level suppression: "# fmt: off" on every module', 'starter', async (dir) => {
        for (const f of starterPy) await prepend(path.join(dir, f), '# fmt: off');
      });
    }
    if (starterNb.length) {
      add('notebook suppression: "# fmt: off" first in every code cell of every notebook', 'starter', async (dir) => {
        for (const f of starterNb) await prependToCells(path.join(dir, f), '# fmt: off', true);
      });
    }
  }
  against('notebook-run');
  for (const spec of ex.checks) {
    if (spec.type !== 'notebook-run') continue;
    // A pattern ("your project"): every notebook the check would run.
    const notebooks = async (dir: string) => (isPattern(spec.notebook) ? (await projectNotebooks(dir, spec.notebook)).map((n) => n.rel) : [spec.notebook]);
    add(`a kernel that ends itself: os._exit(0) first in ${spec.notebook}`, 'solution', async (dir) => {
      for (const nb of await notebooks(dir)) await prependToCells(path.join(dir, nb), 'import os\nos._exit(0)');
    });
    add(`every cell's errors swallowed: ${spec.notebook}'s first cell turns exceptions into nothing`, 'starter', async (dir) => {
      for (const nb of await notebooks(dir)) await prependToCells(path.join(dir, nb), 'import sys\nsys.excepthook = lambda *a: None\nget_ipython().set_custom_exc((Exception,), lambda *a, **k: None)');
    });
  }
  against('workflow');
  for (const spec of ex.checks.filter((c): c is WorkflowCheck => c.type === 'workflow')) {
    const rewrite = (label: string, edit: (wf: ReturnType<typeof parseDocument>) => void, kind = 'a workflow that never runs') =>
      add(`${kind}: ${label}`, 'solution', async (dir) => {
        // A pattern ("apply to your project": any file of .github/workflows/) sabotages every matching file.
        for (const rel of isPattern(spec.file) ? await matchingFiles(dir, spec.file) : [spec.file]) {
          const file = path.join(dir, rel);
          const doc = parseDocument(await fs.readFile(file, 'utf8'));
          edit(doc);
          await fs.writeFile(file, doc.toString());
        }
      });
    rewrite('every job has "if: false"', (doc) => {
      const jobs = doc.get('jobs') as { items: { key: unknown }[] } | undefined;
      for (const j of jobs?.items ?? []) doc.setIn(['jobs', String((j.key as { value?: unknown }).value ?? j.key), 'if'], false);
    });
    rewrite("every trigger has branches-ignore: ['**']", (doc) => {
      const on = doc.toJS().on as unknown;
      const events = Array.isArray(on) ? on : on && typeof on === 'object' ? Object.keys(on) : [String(on)];
      doc.set('on', Object.fromEntries(events.map((e) => [e, { 'branches-ignore': ['**'] }])));
    });
    // Every other way of not really running a tool: the workflow is run on seeded changes, so
    // each of these is refused because a broken change passes, whatever the spelling.
    const eachJob = (edit: (job: Record<string, unknown>) => void) => (doc: ReturnType<typeof parseDocument>) => {
      const js = doc.toJS() as { jobs?: Record<string, Record<string, unknown>> };
      for (const [id, job] of Object.entries(js.jobs ?? {})) {
        edit(job);
        doc.setIn(['jobs', id], doc.createNode(job));
      }
    };
    rewrite('every job has "if:" on an event it never gets (workflow_dispatch)', eachJob((job) => (job.if = "github.event_name == 'workflow_dispatch'")));
    const swallowed = 'a workflow whose failures do not count';
    rewrite('every job has "continue-on-error: true"', eachJob((job) => (job['continue-on-error'] = true)), swallowed);
    rewrite('every run: step is "( … ) || true"', eachJob((job) => {
      for (const step of (job.steps ?? []) as Record<string, unknown>[]) if (typeof step.run === 'string') step.run = `(\n${step.run.trimEnd()}\n) || true\n`;
    }), swallowed);
  }
  // pre-commit hooks that never see a new file, or never run at commit time.
  against('structure');
  for (const spec of ex.checks) {
    if (spec.type !== 'structure') continue;
    for (const a of spec.assert) {
      if ('notebookImports' in a) {
        // The notebook's functions kept under new names, the module imported beside them:
        // leftovers are judged by likeness of code, not by the names a notebook defines.
        const { notebook, module } = a.notebookImports;
        if (!ex.starter) continue;
        add(`the starter's ${notebook} kept with each function renamed, ${module} imported beside it`, 'solution', async (dir) => {
          const nb = JSON.parse(await fs.readFile(path.join(ex.dir, ex.starter!, notebook), 'utf8')) as { cells: { cell_type: string; source: string | string[] }[] };
          const code = (c: { source: string | string[] }) => (Array.isArray(c.source) ? c.source.join('') : c.source);
          const names = nb.cells.filter((c) => c.cell_type === 'code').flatMap((c) => [...code(c).matchAll(/^def (\w+)\(/gm)].map((m) => m[1]));
          for (const c of nb.cells) {
            if (c.cell_type !== 'code') continue;
            c.source = names.reduce((src, n) => src.replace(new RegExp(`\\b${n}\\b`, 'g'), `${n}_kept`), code(c));
          }
          nb.cells.unshift({ cell_type: 'code', source: `import ${module}  # noqa: F401\n`, ...{ metadata: {}, outputs: [], execution_count: null } });
          await fs.writeFile(path.join(dir, notebook), JSON.stringify(nb, null, 1));
        });
        continue;
      }
      if (!('preCommitHooks' in a)) continue;
      const config = a.preCommitHooks.file;
      const today = starterPy.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      const eachHook = (label: string, edit: (hook: Record<string, unknown>) => void) =>
        add(`pre-commit hooks that catch nothing new: ${label}`, 'solution', async (dir) => {
          const file = path.join(dir, config);
          const doc = parseDocument(await fs.readFile(file, 'utf8'));
          const js = doc.toJS() as { repos?: { hooks?: Record<string, unknown>[] }[] };
          for (const repo of js.repos ?? []) for (const hook of repo.hooks ?? []) edit(hook);
          doc.set('repos', doc.createNode(js.repos ?? []));
          await fs.writeFile(file, doc.toString());
        });
      if (today.length) eachHook(`every hook's files: covers only today's files (${starterPy.join(', ')})`, (hook) => (hook.files = `^(${today.join('|')})$`));
      eachHook('every hook moved to the manual stage', (hook) => (hook.stages = ['manual']));
      eachHook('every hook\'s entry replaced by "true"', (hook) => (hook.entry = 'true'));
    }
  }
  const commands = ex.checks.filter((c): c is CommandCheck => c.type === 'command');
  const script = commands.flatMap((c) => c.run).find((a) => starterFiles.includes(a));
  const csv = starterFiles.find((f) => f.endsWith('.csv'));
  against('command');
  if (script && csv) {
    const rows = (await fs.readFile(path.join(ex.dir, ex.starter!, csv), 'utf8')).trimEnd().split('\n').length - 1;
    add(`hard-coded output: ${script} prints ${rows}, the row count of the shipped ${csv}`, 'starter', async (dir) => {
      await fs.writeFile(path.join(dir, script), `#!/usr/bin/env bash\nif [ "$#" -ne 1 ]; then echo "Usage: $0 FILE" >&2; exit 2; fi\necho ${rows}\n`);
    });
  }
  against('git');
  if (kinds.has('git')) {
    add('every branch created and nothing done on it: one commit of everything, raw data included', 'starter', async (dir) => {
      const git = (...args: string[]) => execFileAsync('git', ['-c', 'user.name=Cheat', '-c', 'user.email=cheat@upskill.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: dir });
      await git('init', '-q', '-b', 'main');
      await fs.writeFile(path.join(dir, '.gitignore'), 'data/raw.csv\n.venv/\n');
      await git('add', '-A', '-f');
      await git('commit', '-q', '-m', 'feat: everything');
      for (const spec of ex.checks) {
        if (spec.type !== 'git') continue;
        for (const a of spec.assert) if ('branchExists' in a && a.branchExists !== 'main') await git('branch', a.branchExists);
      }
    });
  }
  cheats.push(...gitFakeCheats(ex));
  cheats.push(...dockerfileCheats(ex));
  cheats.push(...shapeCheats(ex, solutionFiles, python));
  return cheats;
}

export function exerciseCheats(ex: Exercise): CheatCase[] {
  return (ex.cheats ?? []).map((c) => ({
    name: `${c.folder}: ${c.description}`,
    kinds: [...new Set(ex.checks.map((k) => k.type))],
    base: c.base ?? 'starter',
    apply: (dir: string) => layOver(dir, path.join(ex.dir, c.folder)),
  }));
}

// ---- Git state that git can be told to fake (issue 16) -------------------------------------

const fakeGit = (dir: string, ...args: string[]) =>
  execFileAsync('git', ['-c', 'user.name=Cheat', '-c', 'user.email=cheat@upskill.invalid', '-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null', ...args], { cwd: dir }).then((r) => r.stdout.trim());

/**
 * Over the solved folder: the last commit's twin with a forbidden file slipped in before it
 * (a commit between it and its parents), then the history made to look as it was, by a
 * replace ref or a grafts file. Plain git shows the solution's history; the real one holds
 * the file.
 */
async function hideCommittedFile(dir: string, file: string, how: 'replace' | 'graft'): Promise<void> {
  const branch = await fakeGit(dir, 'symbolic-ref', '--short', 'HEAD');
  const head = await fakeGit(dir, 'rev-parse', 'HEAD');
  const parents = (await fakeGit(dir, 'rev-list', '--parents', '-n', '1', 'HEAD')).split(' ').slice(1);
  const message = await fakeGit(dir, 'log', '-1', '--format=%B');
  const blob = (await execFileAsync('bash', ['-c', 'printf "secret,data\\n1,2\\n" | git hash-object -w --stdin'], { cwd: dir })).stdout.trim();
  const index = path.join(dir, '.git', 'cheat-index');
  const withIndex = (...args: string[]) => execFileAsync('git', args, { cwd: dir, env: { ...process.env, GIT_INDEX_FILE: index } }).then((r) => r.stdout.trim());
  await withIndex('read-tree', 'HEAD');
  await withIndex('update-index', '--add', '--cacheinfo', `100644,${blob},${file}`);
  const leakyTree = await withIndex('write-tree');
  await fs.rm(index, { force: true });
  const leak = await fakeGit(dir, 'commit-tree', leakyTree, ...parents.flatMap((p) => ['-p', p]), '-m', 'wip');
  const twin = await fakeGit(dir, 'commit-tree', 'HEAD^{tree}', '-p', leak, '-m', message);
  await fakeGit(dir, 'update-ref', `refs/heads/${branch}`, twin);
  if (how === 'replace') await fakeGit(dir, 'replace', twin, head);
  else await fs.appendFile(path.join(dir, '.git', 'info', 'grafts'), `${twin}${parents.map((p) => ` ${p}`).join('')}\n`);
}

function gitFakeCheats(ex: Exercise): CheatCase[] {
  const asserts = ex.checks.flatMap((c) => (c.type === 'git' ? c.assert : []));
  const never = asserts.flatMap((a) => ('neverCommitted' in a ? a.neverCommitted : []));
  const rules = asserts.some((a) => 'ignored' in a || 'notIgnored' in a);
  const cheats: CheatCase[] = [];
  if (never.length && ex.solution) {
    const file = never[0].replace(/\*+/g, 'leak');
    for (const how of ['replace', 'graft'] as const) {
      cheats.push({ name: `${file} committed, then hidden by a ${how === 'replace' ? 'replace ref (git replace)' : 'grafts file'} that shows the solution's history`, kinds: ['git'], base: 'solution', apply: (dir) => hideCommittedFile(dir, file, how) });
    }
  }
  if (rules && ex.solution) {
    cheats.push({
      name: 'a .gitignore that ignores nothing committed, the right one only in the work tree',
      kinds: ['git'],
      base: 'solution',
      apply: async (dir) => {
        const file = path.join(dir, '.gitignore');
        const good = await fs.readFile(file, 'utf8');
        await fs.writeFile(file, '# rules to come\n');
        await fakeGit(dir, 'add', '-f', '.gitignore');
        await fakeGit(dir, 'commit', '-q', '-m', await fakeGit(dir, 'log', '-1', '--format=%B'));
        await fs.writeFile(file, good);
      },
    });
  }
  return cheats;
}

// ---- Dockerfile secrets and health checks, judged by what they are and do (issue 16) -------

/** Secret-shaped text made at run time, so that none sits in the repository. */
const FAKE_KEY = ['-----BEGIN OPENSSH', 'PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU\n-----END OPENSSH', 'PRIVATE KEY-----\n'].join(' ');
const FAKE_SERVICE_ACCOUNT = JSON.stringify({ type: 'service_account', project_id: 'churn-prod', private_key_id: '0f1e', client_email: 'ci@churn-prod.iam.gserviceaccount.com' });
const FAKE_TOKEN = ['ghp', '_', 'Zx9'.repeat(12)].join('');

function dockerfileCheats(ex: Exercise): CheatCase[] {
  const cheats: CheatCase[] = [];
  const specs = ex.checks.flatMap((c) => (c.type === 'structure' ? c.assert : [])).flatMap((a) => ('dockerfile' in a ? [a.dockerfile] : []));
  if (!ex.solution) return cheats;
  for (const spec of specs) {
    const rules: DockerfileRules = spec;
    const at = (dir: string, rel: string) => path.join(dir, path.dirname(spec.file), rel);
    const append = async (dir: string, lines: string) => fs.appendFile(path.join(dir, spec.file), `\n${lines}\n`);
    const add = (name: string, apply: (dir: string) => Promise<void>) => cheats.push({ name, kinds: ['structure'], base: 'solution', apply });
    if (rules.noSecrets) {
      add('a private key under an innocent file name (settings.cfg), copied into the image', async (dir) => {
        await fs.writeFile(at(dir, 'settings.cfg'), FAKE_KEY);
        await append(dir, 'COPY settings.cfg /tmp/settings.cfg');
      });
      add('a service-account JSON copied into the image by a RUN from a bind mount', async (dir) => {
        await fs.writeFile(at(dir, 'cloud.json'), FAKE_SERVICE_ACCOUNT);
        await append(dir, 'RUN --mount=type=bind,source=cloud.json,target=/tmp/cloud.json cp /tmp/cloud.json /tmp/app-config.json');
      });
      add('a token written into CMD', async (dir) => {
        await append(dir, `CMD ["python", "-c", "print('serving')", "--token", "${FAKE_TOKEN}"]`);
      });
      add("a value of the build context's .env (kept out by .dockerignore) copied in under another name", async (dir) => {
        const env = at(dir, '.env');
        const existing = await fs.readFile(env, 'utf8').catch(() => '');
        const secret = /^\s*\w*(?:KEY|TOKEN|SECRET|PASSWORD)\w*\s*=\s*(\S{6,})\s*$/im.exec(existing)?.[1];
        const value = secret ?? 'svc-0a9b8c7d6e5f';
        if (!secret) {
          await fs.appendFile(env, `SERVICE_TOKEN=${value}\n`);
          await fs.appendFile(at(dir, '.dockerignore'), '\n.env\n');
        }
        await fs.writeFile(at(dir, 'app.cfg'), `[service]\nauth = ${value}\n`);
        await append(dir, 'COPY app.cfg /tmp/app.cfg');
      });
    }
    if (rules.healthcheck) {
      const port = rules.expose?.[0] ?? 8000;
      const where = `http://localhost:${port}${typeof rules.healthcheck === 'string' ? rules.healthcheck : '/health'}`;
      add('a HEALTHCHECK that can never fail: its failure swallowed by "|| exit 0"', (dir) => append(dir, `HEALTHCHECK CMD curl -f ${where} || exit 0`));
      add('a HEALTHCHECK that passes on a server answering 500 (curl without --fail)', (dir) => append(dir, `HEALTHCHECK CMD curl -s ${where}`));
    }
  }
  return cheats;
}

// ---- Tests that pin the code's shape (tests-catch-bugs) -------------------------------------
// Each replaces the learner's own tests with one that "catches" every seeded bug without
// testing any behaviour: it pins a fingerprint of the module (its bytecode, its syntax
// tree), or compares the module with a frozen copy of it kept in the test file, in a helper
// module in a subfolder, or in a text file that the test execs. Built over the solved
// folder, so only the tests are missing. The alternatives refuse the fingerprints; the
// likeness check (src/checks/likeness.ts) refuses the copies, wherever they live.

/** Python that lists a module's functions and methods and hashes their compiled code (line numbers and file names aside). */
const PIN_HELPERS = String.raw`import hashlib as _pin_hashlib
import inspect as _pin_inspect


def _pin_functions(module):
    for name, obj in sorted(vars(module).items()):
        if _pin_inspect.isfunction(obj) and obj.__module__ == module.__name__:
            yield name, obj
        elif _pin_inspect.isclass(obj) and obj.__module__ == module.__name__:
            for attr, member in sorted(vars(obj).items()):
                if _pin_inspect.isfunction(member):
                    yield name + "." + attr, member


def _pin_code(code, digest):
    digest.update(code.co_code)
    digest.update(repr((code.co_names, code.co_varnames)).encode())
    for const in code.co_consts:
        if _pin_inspect.iscode(const):
            _pin_code(const, digest)
        elif isinstance(const, frozenset):
            digest.update(repr(sorted(map(repr, const))).encode())
        else:
            digest.update(repr(const).encode())


def _pin_digest(functions):
    digest = _pin_hashlib.sha256()
    for name, function in functions:
        digest.update(name.encode())
        _pin_code(function.__code__, digest)
    return digest.hexdigest()
`;

/**
 * A test function around `body`, parametrized and built on a tmp_path fixture of its own,
 * so that exercises whose conftest asks for those (fixtures, parametrize) run it: the cheat
 * is then refused for what it is, not for its form.
 */
function pinTest(name: string, body: string): string {
  return `\n\n@pytest.fixture\ndef scratch(tmp_path):\n    return tmp_path\n\n\n@pytest.mark.parametrize("case", [1])\ndef ${name}(case, scratch) -> None:\n    assert scratch.is_dir() and case == 1\n${body}`;
}

function pythonForCheats(python?: string): string {
  return python ?? (process.env.UPSKILL_TEST_PYTHON || (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3'));
}

function shapeCheats(ex: Exercise, solutionFiles: readonly string[], python?: string): CheatCase[] {
  const out: CheatCase[] = [];
  const hidden = new Set<string>();
  for (const c of ex.checks) if (c.type === 'pytest' && c.hiddenTests !== undefined) hidden.add(c.hiddenTests);
  for (const spec of ex.checks.filter((c): c is CatchBugsCheck => c.type === 'tests-catch-bugs')) {
    const stem = path.basename(spec.module).replace(/\.py$/, '');
    const reference = path.join(ex.dir, spec.reference);
    const add = (name: string, files: (dir: string, source: string) => Promise<Record<string, string>>) =>
      out.push({
        name,
        kinds: ['tests-catch-bugs'],
        base: 'solution',
        apply: async (dir) => {
          // The learner's own tests go; the exercise's revealed hidden tests are left out by the check itself.
          const hiddenNames = new Set<string>();
          for (const h of hidden) for (const f of await filesIn(path.join(ex.dir, h))) hiddenNames.add(f);
          for (const f of solutionFiles) if (isTest(f) && !hiddenNames.has(f)) await fs.rm(path.join(dir, f), { force: true });
          for (const [rel, text] of Object.entries(await files(dir, await fs.readFile(reference, 'utf8')))) {
            await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
            await fs.writeFile(path.join(dir, rel), text);
          }
        },
      });
    // What a learner does: print the fingerprint of the code as it is, and paste it into a test.
    const pinOf = async (dir: string, expr: string) => {
      const program = `import importlib.util, sys\nsys.path.insert(0, ${JSON.stringify(dir)})\nspec = importlib.util.spec_from_file_location(${JSON.stringify(stem)}, ${JSON.stringify(reference)})\nmodule = importlib.util.module_from_spec(spec)\nsys.modules[${JSON.stringify(stem)}] = module\nspec.loader.exec_module(module)\n${PIN_HELPERS}\nprint(${expr})\n`;
      const { stdout } = await execFileAsync(pythonForCheats(python), ['-c', program], { cwd: dir, timeout: 60_000 });
      return stdout.trim();
    };
    add(`a bytecode fingerprint: a test pins a hash of the compiled code of every function of ${spec.module}`, async (dir) => ({
      'test_pinned.py': `import pytest\n\nimport ${stem}\n${PIN_HELPERS}${pinTest('test_the_code_is_unchanged', `    assert _pin_digest(_pin_functions(${stem})) == ${JSON.stringify(await pinOf(dir, '_pin_digest(_pin_functions(module))'))}\n`)}`,
    }));
    add(`a syntax-tree fingerprint: a test pins a hash of ast.dump of ${spec.module}'s source`, async (dir) => ({
      'test_pinned.py': `import ast\nimport hashlib\nimport inspect\n\nimport pytest\n\nimport ${stem}${pinTest('test_the_tree_is_unchanged', `    tree = ast.dump(ast.parse(inspect.getsource(${stem})))\n    assert hashlib.sha256(tree.encode()).hexdigest() == ${JSON.stringify(await pinOf(dir, '_pin_hashlib.sha256(__import__("ast").dump(__import__("ast").parse(_pin_inspect.getsource(module))).encode()).hexdigest()'))}\n`)}`,
    }));
    // The oracle: the module must compile to what the frozen copy compiles to.
    const compare = (frozen: string) =>
      `\nimport pytest${pinTest('test_same_as_the_frozen_copy', '')}    live = dict(_pin_functions(${stem}))\n    frozen = dict(_pin_functions(${frozen}))\n    for name in live:\n        assert name in frozen, name\n        assert _pin_digest([(name, live[name])]) == _pin_digest([(name, frozen[name])]), name\n`;
    add(`a frozen copy of ${spec.module} in the test file, used as the oracle`, async (_dir, source) => ({
      'test_frozen.py': `import sys\n\nimport ${stem}\n${PIN_HELPERS}\n# ---- a copy of ${spec.module} as it was when the tests were written\n${source}\n# ----\n_pin_self = sys.modules[__name__]${compare('_pin_self')}`,
    }));
    add(`a frozen copy of ${spec.module} in a helper module in a subfolder, imported by the tests as the oracle`, async (_dir, source) => ({
      [`oracle/frozen_${stem}.py`]: source,
      'test_frozen.py': `import importlib.util\nimport pathlib\nimport sys\n\nimport ${stem}\n${PIN_HELPERS}\n_pin_spec = importlib.util.spec_from_file_location("frozen_${stem}", pathlib.Path(__file__).parent / "oracle" / "frozen_${stem}.py")\nfrozen_module = importlib.util.module_from_spec(_pin_spec)\nsys.modules["frozen_${stem}"] = frozen_module\n_pin_spec.loader.exec_module(frozen_module)${compare('frozen_module')}`,
    }));
    add(`a frozen copy of ${spec.module} in a text file that the tests exec as the oracle`, async (_dir, source) => ({
      'frozen.txt': source,
      'test_frozen.py': `import pathlib\nimport sys\nimport types\n\nimport ${stem}\n${PIN_HELPERS}\nfrozen_module = types.ModuleType("frozen_copy")\nsys.modules["frozen_copy"] = frozen_module\nexec(compile((pathlib.Path(__file__).parent / "frozen.txt").read_text(), "frozen_copy", "exec"), frozen_module.__dict__)${compare('frozen_module')}`,
    }));
    add(`a frozen copy of ${spec.module}, compressed and base64-encoded in the test file, exec'd as the oracle`, async (_dir, source) => ({
      'test_frozen.py': `import base64\nimport sys\nimport types\nimport zlib\n\nimport ${stem}\n${PIN_HELPERS}\nPACKED = ${JSON.stringify(deflateSync(Buffer.from(source)).toString('base64'))}\nfrozen_module = types.ModuleType("frozen_copy")\nsys.modules["frozen_copy"] = frozen_module\nexec(zlib.decompress(base64.b64decode(PACKED)), frozen_module.__dict__)${compare('frozen_module')}`,
    }));
  }
  return out;
}
