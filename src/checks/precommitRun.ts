// Runs a pre-commit configuration's hooks here, as `git commit` would have pre-commit run
// them, without pre-commit and without the network: each hook at the commit stage gets
// the committed files that its `files`/`exclude` (and the top-level ones), `types`,
// `types_or` and `exclude_types` select (decided in the learner's Python, with `re` as
// pre-commit does), then runs `entry` + `args` (+ the files unless `pass_filenames: false`,
// or with none at all unless `always_run`). A hook fails when it exits non-zero or changes
// a file, as in pre-commit.
//
// Hooks of the well-known repositories run local stand-ins with their manifests' entries,
// types and default args: ruff-pre-commit's `ruff-check`/`ruff`/`ruff-format` (the `ruff`
// of toolShims.ts), mirrors-mypy's `mypy` (the learner's mypy), and the basic hooks of
// pre-commit-hooks. `language: system`, `python` and `script` hooks run their entry;
// `pygrep` and `fail` are pre-commit's own. Hooks of other repositories or languages are
// not run, and the trace says so: they can never refuse a commit here.

import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import { commandLine, runProcess } from './process';
import { HOOKS_STANDIN } from './shimSources';
import type { Shims } from './toolShims';
import type { CommandRun, PythonInfo } from './types';

export interface ConfiguredHook {
  readonly repo: string;
  readonly hook: Readonly<Record<string, unknown>>;
}

interface Manifest {
  readonly entry: string;
  readonly language: string;
  readonly types?: readonly string[];
  readonly types_or?: readonly string[];
  readonly args?: readonly string[];
  /** A stand-in command of HOOKS_STANDIN instead of the entry. */
  readonly standIn?: string;
  readonly note?: string;
}

const RUFF: Record<string, Manifest> = {
  'ruff-check': { entry: 'ruff check --force-exclude', language: 'python', types_or: ['python', 'pyi', 'jupyter'] },
  ruff: { entry: 'ruff check --force-exclude', language: 'python', types_or: ['python', 'pyi', 'jupyter'] },
  'ruff-format': { entry: 'ruff format --force-exclude', language: 'python', types_or: ['python', 'pyi', 'jupyter'] },
};
const text = (standIn: string, types: string[] = ['text']): Manifest => ({ entry: standIn, language: 'python', types, standIn });
/** Hooks of well-known repositories, with their manifests (`.pre-commit-hooks.yaml`). */
const KNOWN: Record<string, Record<string, Manifest>> = {
  'github.com/astral-sh/ruff-pre-commit': RUFF,
  'github.com/charliermarsh/ruff-pre-commit': RUFF,
  'github.com/pre-commit/mirrors-mypy': {
    // The manifest also passes --scroll-output, which changes only how mypy prints (and older mypy refuses it).
    mypy: { entry: 'mypy', language: 'python', types_or: ['python', 'pyi'], args: ['--ignore-missing-imports'], note: 'default args --ignore-missing-imports (--scroll-output left out: it only changes how mypy prints)' },
  },
  'github.com/pre-commit/pre-commit-hooks': {
    'trailing-whitespace': text('trailing-whitespace'),
    'end-of-file-fixer': text('end-of-file-fixer'),
    'mixed-line-ending': text('mixed-line-ending'),
    'check-yaml': text('check-yaml', ['yaml']),
    'check-toml': text('check-toml', ['toml']),
    'check-json': text('check-json', ['json']),
    'check-ast': text('check-ast', ['python']),
    'debug-statements': text('debug-statements', ['python']),
    'check-merge-conflict': text('check-merge-conflict'),
    'detect-private-key': text('detect-private-key'),
    'check-added-large-files': { ...text('check-added-large-files', ['file']) },
  },
};

/** A repository URL as host/owner/name: scheme, `git@host:`, case, a trailing slash or `.git` do not matter. */
export function repoKey(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^(https?:\/\/|ssh:\/\/git@|git@)/, '')
    .replace(/^([^/:]+):/, '$1/')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
}

/** Words of an entry as shlex.split reads them (pre-commit's own splitting). */
export function shellWords(s: string): string[] {
  const words: string[] = [];
  let cur = '';
  let has = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "'") {
      const j = s.indexOf("'", i + 1);
      if (j < 0) throw new Error(`the entry "${s}" has an unclosed quote`);
      cur += s.slice(i + 1, j);
      has = true;
      i = j;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < s.length && s[j] !== '"'; j++) {
        if (s[j] === '\\' && j + 1 < s.length) cur += s[++j];
        else cur += s[j];
      }
      if (j >= s.length) throw new Error(`the entry "${s}" has an unclosed quote`);
      has = true;
      i = j;
    } else if (c === '\\' && i + 1 < s.length) {
      cur += s[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (has) words.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) words.push(cur);
  return words;
}

export interface HookTrace {
  readonly id: string;
  readonly repo: string;
  readonly result: 'passed' | 'failed' | 'skipped' | 'not run';
  /** Why skipped or not run; for a failure, what the output ended with. */
  readonly note?: string;
  readonly command?: string;
  readonly exitCode?: number | null;
  readonly modified?: readonly string[];
}

export interface CommitTrace {
  readonly refused: boolean;
  readonly hooks: readonly HookTrace[];
}

export interface CommitSettings {
  /** The repository root: where the configuration is; the committed paths are relative to it. */
  readonly root: string;
  readonly committed: readonly string[];
  readonly config: Readonly<Record<string, unknown>>;
  readonly hooks: readonly ConfiguredHook[];
  readonly python: PythonInfo;
  readonly shims: Shims;
  readonly shimEnv: Record<string, string>;
  readonly helperDir: string;
  readonly deadline: number;
  readonly signal?: AbortSignal;
  readonly noNetwork?: readonly string[];
  readonly log: (line: string) => void;
  readonly runs: CommandRun[];
}

const COMMIT_STAGES = ['pre-commit', 'commit'];
const RUNNABLE = new Set(['system', 'python', 'script', 'pygrep', 'fail', 'unsupported', 'unsupported_script']);
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined);

async function hashes(root: string, rel = ''): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const e of await fs.readdir(path.join(root, rel), { withFileTypes: true }).catch(() => [])) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (!['.git', '.mypy_cache', '.ruff_cache', '.pytest_cache', '__pycache__', 'node_modules', '.venv'].includes(e.name)) for (const [k, v] of await hashes(root, r)) out.set(k, v);
    } else if (e.isFile()) out.set(r, createHash('sha1').update(await fs.readFile(path.join(root, r))).digest('hex'));
  }
  return out;
}

/** Runs every hook on one commit of `committed`, in order; the commit is refused when any fails. */
export async function runCommit(s: CommitSettings): Promise<CommitTrace> {
  const helper = path.join(s.helperDir, 'upskill_hooks.py');
  await fs.writeFile(helper, HOOKS_STANDIN.trimStart()).catch(() => undefined);
  const traces: HookTrace[] = [];
  const env = { ...s.shimEnv, PATH: [s.shims.bin, process.env.PATH ?? '/usr/bin:/bin'].join(path.delimiter), PYTHONPATH: undefined, PRE_COMMIT: '1' };
  const wrap = (argv: string[]) => (s.noNetwork ? ['unshare', ...s.noNetwork, '--', ...argv] : argv);
  const defaultStages = strings(s.config.default_stages);
  // Resolve each hook: its manifest (known repositories), overridden by the configuration's keys.
  const resolved = s.hooks.map(({ repo, hook }) => {
    const id = String(hook.id);
    const key = repoKey(repo);
    const manifest: Manifest | undefined = repo === 'local' ? undefined : KNOWN[key]?.[id];
    return { repo, id, hook, manifest, local: repo === 'local' || repo === 'meta' };
  });
  const select = {
    files: typeof s.config.files === 'string' ? s.config.files : '',
    exclude: typeof s.config.exclude === 'string' ? s.config.exclude : '^$',
    paths: s.committed,
    hooks: resolved.map(({ hook, manifest }) => ({
      files: typeof hook.files === 'string' ? hook.files : '',
      exclude: typeof hook.exclude === 'string' ? hook.exclude : '^$',
      types: strings(hook.types) ?? manifest?.types ?? ['file'],
      types_or: strings(hook.types_or) ?? manifest?.types_or ?? [],
      exclude_types: strings(hook.exclude_types) ?? [],
    })),
  };
  const chosen = await runProcess([s.python.path, helper, 'select'], { cwd: s.root, input: JSON.stringify(select), timeoutMs: Math.max(1000, s.deadline - Date.now()), signal: s.signal });
  s.runs.push(chosen);
  let selections: { files?: string[]; error?: string }[];
  try {
    selections = JSON.parse(chosen.stdout.trim().split('\n').pop() ?? '');
  } catch {
    throw new Error(`choosing the files of each hook failed (exit ${chosen.exitCode}): ${chosen.stderr.trim().split('\n').pop() ?? ''}`);
  }
  let refused = false;
  const failFast = s.config.fail_fast === true;
  for (const [i, r] of resolved.entries()) {
    const { id, repo, hook, manifest } = r;
    const push = (t: Omit<HookTrace, 'id' | 'repo'>) => {
      traces.push({ id, repo, ...t });
      s.log(`  ${id} (${repo}): ${t.result}${t.command ? ` · ${t.command}` : ''}${t.exitCode !== undefined ? ` · exit ${t.exitCode}` : ''}${t.note ? ` · ${t.note}` : ''}`);
    };
    const installed = strings(s.config.default_install_hook_types);
    if (installed && !installed.includes('pre-commit')) {
      push({ result: 'skipped', note: `"pre-commit install" installs no pre-commit hook (default_install_hook_types: ${JSON.stringify(installed)}), so a commit runs nothing` });
      continue;
    }
    if (refused && failFast) {
      push({ result: 'skipped', note: 'fail_fast: an earlier hook failed' });
      continue;
    }
    const stages = strings(hook.stages) ?? defaultStages;
    if (stages && !stages.some((x) => COMMIT_STAGES.includes(x))) {
      push({ result: 'skipped', note: `not at commit time (stages: ${JSON.stringify(stages)}${hook.stages === undefined ? ' from default_stages' : ''})` });
      continue;
    }
    if (repo === 'meta') {
      push({ result: 'not run', note: 'a meta hook checks the configuration itself' });
      continue;
    }
    const language = typeof hook.language === 'string' ? hook.language : manifest?.language;
    if (!r.local && !manifest && hook.entry === undefined) {
      push({ result: 'not run', note: `a hook of ${repo}, which pre-commit would download; Upskill does not run it (it can never refuse a commit here)` });
      continue;
    }
    if (language === undefined || !RUNNABLE.has(language)) {
      push({ result: 'not run', note: `language ${language ?? '(none)'} is not run here (system, python, script, pygrep and fail are)` });
      continue;
    }
    const sel = selections[i] ?? {};
    if (sel.error) {
      refused = true;
      push({ result: 'failed', note: `its file patterns: ${sel.error}` });
      continue;
    }
    const files = sel.files ?? [];
    if (!files.length && hook.always_run !== true) {
      push({ result: 'skipped', note: `no files to check: its files/exclude/types leave out ${s.committed.join(', ')}` });
      continue;
    }
    const args = strings(hook.args) ?? [...(manifest?.args ?? [])];
    const passFiles = hook.pass_filenames !== false;
    const entry = typeof hook.entry === 'string' ? hook.entry : manifest?.entry ?? '';
    if (language === 'fail') {
      refused = true;
      push({ result: 'failed', note: entry });
      continue;
    }
    let argv: string[];
    try {
      if (language === 'pygrep') argv = [s.python.path, helper, 'pygrep', ...args, '--', entry, ...(passFiles ? files : [])];
      else if (manifest?.standIn && hook.entry === undefined) argv = [s.python.path, helper, manifest.standIn, ...args, ...(passFiles ? files : [])];
      else {
        const words = shellWords(entry);
        if (!words.length) throw new Error('its entry is empty');
        if (language === 'script') words[0] = path.join(s.root, words[0]);
        argv = [...words, ...args, ...(passFiles ? files : [])];
      }
    } catch (e) {
      refused = true;
      push({ result: 'failed', note: (e as Error).message });
      continue;
    }
    const before = await hashes(s.root);
    const left = s.deadline - Date.now();
    if (left <= 0 || s.signal?.aborted) throw new Error(s.signal?.aborted ? 'the check was cancelled' : 'the time budget ran out');
    const run = await runProcess(wrap(argv), { cwd: s.root, env, timeoutMs: left, signal: s.signal });
    s.runs.push(run);
    const after = await hashes(s.root);
    const modified = [...after].filter(([k, v]) => before.get(k) !== v).map(([k]) => k);
    const out = `${run.stdout}\n${run.stderr}`.split('\n').map((l) => l.trimEnd()).filter(Boolean);
    for (const line of out.slice(-40)) s.log(`    ${line}`);
    const failed = run.exitCode !== 0 || modified.length > 0;
    if (failed) refused = true;
    const command = commandLine(argv[0] === s.python.path && argv[1] === helper ? [`pre-commit-standin:${argv[2]}`, ...argv.slice(3)] : argv);
    push({
      result: failed ? 'failed' : 'passed',
      command,
      exitCode: run.exitCode,
      modified,
      note: failed ? (modified.length && run.exitCode === 0 ? `it changed ${modified.join(', ')}` : out.slice(-1)[0]) : manifest?.note,
    });
  }
  return { refused, hooks: traces };
}
