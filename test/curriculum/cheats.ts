// The validator's attacks. Each cheat builds a learner folder that did not do the work, or
// sabotaged it, and every check run on it must refuse it.
//
// Generic cheats come from the check kinds an exercise uses, so every new exercise is
// attacked without writing anything; each exercise adds its own under `cheats:`.

import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import { parseDocument } from 'yaml';
import { isPattern, matchingFiles } from '../../src/checks/workflowFiles';
import type { CheckType, CommandCheck, Exercise, PytestCheck, WorkflowCheck } from '../../src/core/model';

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

export async function genericCheats(ex: Exercise): Promise<CheatCase[]> {
  const kinds = new Set(ex.checks.map((c) => c.type));
  const starterFiles = ex.starter ? await filesIn(path.join(ex.dir, ex.starter)) : [];
  const solutionFiles = ex.solution ? (await filesIn(path.join(ex.dir, ex.solution))).filter((f) => f !== HISTORY_SCRIPT) : [];
  const starterPy = starterFiles.filter((f) => f.endsWith('.py'));
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
  if (kinds.has('mypy')) {
    against('mypy');
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
  if (kinds.has('ruff-lint')) {
    against('ruff-lint');
    for (const comment of ['# ruff: noqa', '# flake8: noqa']) {
      add(`file-level suppression: "${comment}" on every module`, 'starter', async (dir) => {
        for (const f of starterPy) await prepend(path.join(dir, f), comment);
      });
    }
  }
  if (kinds.has('ruff-format')) {
    against('ruff-format');
    add('file-level suppression: "# fmt: off" on every module', 'starter', async (dir) => {
      for (const f of starterPy) await prepend(path.join(dir, f), '# fmt: off');
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
