// A pre-commit configuration (`.pre-commit-config.yaml`), read offline the way pre-commit
// reads it: pre-commit itself is not needed, and running it would fetch every hook's
// repository. The structure check's `preCommitHooks` assertion holds when
//  - the file is YAML (1.1, as PyYAML reads it) that pre-commit accepts: a `repos` list,
//    each repository with `repo`, a `rev` (except `local` and `meta`) and `hooks`, each
//    hook with an `id`, and no key that pre-commit does not know (it would only warn, and
//    a misspelt `args` or `stages` silently changes what runs);
//  - every `rev` is pinned: pre-commit's own test for an immutable reference (a tag with a
//    dot such as v0.6.9, or a commit hash), not a branch such as main;
//  - each required hook comes from the required repository, and at commit time it really
//    runs its tool on every Python file of the folder: no `entry` or `language` replacing
//    the command, no `stages` (or `default_stages`) leaving out pre-commit, no
//    `types`/`exclude_types` leaving out Python, no `files`/`exclude` pattern (the
//    hook's or the top-level ones, evaluated by Python's `re`, as pre-commit does) leaving
//    out a Python file, and no argument that stops it from failing (`--exit-zero`).

import * as path from 'path';
import { parseDocument } from 'yaml';
import { describeEnd, runProcess, timeLeft } from './process';
import { filesUnder } from './scratch';
import type { CheckContext, CommandRun } from './types';

export interface RequiredHook {
  /** The hook's repository, e.g. https://github.com/astral-sh/ruff-pre-commit. */
  readonly repo: string;
  /** Hook ids that count, e.g. ["ruff-check", "ruff"] (the old name of the same hook). */
  readonly ids: readonly string[];
}

/** The files/exclude patterns that decide which files a required hook sees. */
export interface HookSelection {
  readonly hook: string;
  /** Every one must match a path (re.search). */
  readonly files: readonly string[];
  /** None may match a path. */
  readonly exclude: readonly string[];
}

export interface PreCommitReading {
  readonly problems: string[];
  readonly selections: HookSelection[];
}

const TOP_KEYS = new Set(['repos', 'default_install_hook_types', 'default_language_version', 'default_stages', 'files', 'exclude', 'fail_fast', 'minimum_pre_commit_version', 'ci']);
const REPO_KEYS = new Set(['repo', 'rev', 'hooks']);
const HOOK_KEYS = new Set([
  'id', 'alias', 'name', 'entry', 'language', 'language_version', 'files', 'exclude', 'types', 'types_or', 'exclude_types',
  'additional_dependencies', 'args', 'always_run', 'fail_fast', 'pass_filenames', 'description', 'log_file', 'minimum_pre_commit_version',
  'require_serial', 'stages', 'verbose',
]);
/** Stages that run on `git commit` (the second is the name before pre-commit 3.2). */
const COMMIT_STAGES = ['pre-commit', 'commit'];
/** The identify tags of a Python file that is not executable. */
const PY_TAGS = new Set(['file', 'text', 'python', 'non-executable']);
/** Arguments that stop a hook from ever failing, or from checking anything. */
const NEUTERING: Record<string, string> = {
  '--exit-zero': 'makes it exit 0 whatever it finds',
  '--help': 'prints the help instead of checking anything',
  '--version': 'prints the version instead of checking anything',
};
/** Where a folder has no Python file yet, a required hook must see these. */
export const SAMPLE_PYTHON_PATHS = ['train.py', 'src/pipeline/features.py', 'tests/test_features.py'];

/** A repository URL compared loosely: scheme, `git@host:`, case, a trailing slash or `.git` do not matter. */
export function sameRepo(a: string, b: string): boolean {
  const norm = (u: string) =>
    u
      .trim()
      .toLowerCase()
      .replace(/^(https?:\/\/|ssh:\/\/git@|git@)/, '')
      .replace(/^([^/:]+):/, '$1/')
      .replace(/\/+$/, '')
      .replace(/\.git$/, '');
  return norm(a) === norm(b);
}

/** pre-commit's own test for a `rev` it will not warn about: a tag with a dot, or a commit hash. */
export function pinnedRev(rev: unknown): boolean {
  return typeof rev === 'string' && rev.length > 0 && (rev.includes('.') || /^[0-9a-f]+$/i.test(rev));
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** The structure of the configuration and every rule that needs no Python; pure, for unit tests. */
export function readPreCommit(file: string, text: string, required: readonly RequiredHook[]): PreCommitReading {
  const doc = parseDocument(text, { version: '1.1', prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) return { problems: [`${file} is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`], selections: [] };
  const config = doc.toJS() as unknown;
  if (!isMap(config)) return { problems: [`${file} must be a YAML mapping with a "repos:" list at the top.`], selections: [] };
  const problems: string[] = [];
  const unknown = (keys: string[], known: Set<string>, where: string) => {
    const extra = keys.filter((k) => !known.has(k));
    if (extra.length) problems.push(`${where} has ${extra.length === 1 ? 'a key' : 'keys'} pre-commit does not know: ${extra.join(', ')} (misspelt?).`);
  };
  unknown(Object.keys(config), TOP_KEYS, file);
  const repos = config.repos;
  if (!Array.isArray(repos)) return { problems: [...problems, `${file} has no "repos:" list; pre-commit needs one.`], selections: [] };

  const topFiles = typeof config.files === 'string' && config.files !== '' ? [config.files] : [];
  const topExclude = typeof config.exclude === 'string' && config.exclude !== '^$' ? [config.exclude] : [];
  for (const key of ['files', 'exclude'] as const) if (config[key] !== undefined && typeof config[key] !== 'string') problems.push(`The top-level "${key}" must be a regular expression (a string).`);
  const defaultStages = config.default_stages;
  if (defaultStages !== undefined && !strings(defaultStages)) problems.push('"default_stages" must be a list of stage names.');
  if (config.default_install_hook_types !== undefined) {
    const types = config.default_install_hook_types;
    if (!strings(types) || !types.includes('pre-commit')) problems.push('"default_install_hook_types" leaves out pre-commit, so "pre-commit install" installs no pre-commit hook; add pre-commit to it or remove it.');
  }

  interface Found {
    repo: string;
    hook: Record<string, unknown>;
    at: string;
  }
  const found: Found[] = [];
  repos.forEach((repo, i) => {
    const where = `repos[${i}]`;
    if (!isMap(repo)) {
      problems.push(`${where} must be a mapping with repo, rev and hooks.`);
      return;
    }
    unknown(Object.keys(repo), REPO_KEYS, `${where} (${String(repo.repo)})`);
    if (typeof repo.repo !== 'string' || !repo.repo) {
      problems.push(`${where} has no "repo:" (a URL, or local).`);
      return;
    }
    const special = repo.repo === 'local' || repo.repo === 'meta';
    if (!special) {
      if (repo.rev === undefined) problems.push(`${repo.repo} has no "rev:"; pin it to a release tag such as v1.2.3.`);
      else if (typeof repo.rev !== 'string') problems.push(`The rev of ${repo.repo} is read as a ${typeof repo.rev} (${String(repo.rev)}), not a string; quote it.`);
      else if (!pinnedRev(repo.rev)) problems.push(`The rev of ${repo.repo} is "${repo.rev}", a branch or moving tag: pre-commit never updates it and warns about it. Pin a release tag (such as v1.2.3) or a commit hash.`);
    }
    if (!Array.isArray(repo.hooks)) {
      problems.push(`${repo.repo} has no "hooks:" list.`);
      return;
    }
    repo.hooks.forEach((hook, j) => {
      const at = `The hook ${isMap(hook) && typeof hook.id === 'string' ? `"${hook.id}"` : `${where}.hooks[${j}]`} of ${repo.repo}`;
      if (!isMap(hook) || typeof hook.id !== 'string') {
        problems.push(`${where}.hooks[${j}] of ${repo.repo} has no "id:".`);
        return;
      }
      unknown(Object.keys(hook), HOOK_KEYS, at);
      found.push({ repo: repo.repo as string, hook, at });
    });
  });

  const selections: HookSelection[] = [];
  for (const need of required) {
    const name = need.ids[0];
    const matches = found.filter((f) => need.ids.includes(String(f.hook.id)));
    const right = matches.filter((f) => sameRepo(f.repo, need.repo));
    if (!right.length) {
      const elsewhere = matches[0];
      problems.push(
        elsewhere
          ? `The ${name} hook must come from ${need.repo}; ${elsewhere.at.replace(/^The/, 'the')} is not that hook, whatever its id.`
          : `There is no ${name} hook yet: add "- id: ${name}" under the repository ${need.repo}, with a pinned rev.`,
      );
      continue;
    }
    const { hook, at } = right[0];
    for (const key of ['entry', 'language']) {
      if (hook[key] !== undefined) problems.push(`${at} sets "${key}", which replaces what the hook runs; remove it.`);
    }
    const stages = hook.stages ?? defaultStages;
    if (stages !== undefined && (!strings(stages) || !stages.some((s) => COMMIT_STAGES.includes(s)))) {
      problems.push(`${at} does not run at commit time (stages ${JSON.stringify(stages)}${hook.stages === undefined ? ', from default_stages' : ''}); include pre-commit or remove "stages".`);
    }
    for (const key of ['types', 'types_or', 'exclude_types', 'args'] as const) {
      if (hook[key] !== undefined && !strings(hook[key])) problems.push(`${at}: "${key}" must be a list of strings.`);
    }
    if (strings(hook.types) && hook.types.some((t) => !PY_TAGS.has(t))) problems.push(`${at} has "types: ${JSON.stringify(hook.types)}", which no Python file has, so it never runs on one.`);
    if (strings(hook.types_or) && hook.types_or.length && !hook.types_or.some((t) => PY_TAGS.has(t))) problems.push(`${at} has "types_or: ${JSON.stringify(hook.types_or)}", which leaves out Python files.`);
    if (strings(hook.exclude_types) && hook.exclude_types.some((t) => PY_TAGS.has(t))) problems.push(`${at} has "exclude_types: ${JSON.stringify(hook.exclude_types)}", which leaves out Python files.`);
    if (strings(hook.args)) {
      for (const [k, a] of hook.args.entries()) {
        const flag = a.split('=')[0];
        if (NEUTERING[flag]) problems.push(`${at} passes ${a}, which ${NEUTERING[flag]}; remove it.`);
        const ignored = /^--(extend-)?ignore$/.test(flag) ? (a.includes('=') ? a.split('=')[1] : hook.args[k + 1]) : undefined;
        if (ignored !== undefined && ignored.split(',').includes('ALL')) problems.push(`${at} passes ${a}${a.includes('=') ? '' : ` ${ignored}`}, which switches every rule off; remove it.`);
      }
    }
    for (const key of ['files', 'exclude'] as const) if (hook[key] !== undefined && typeof hook[key] !== 'string') problems.push(`${at}: "${key}" must be a regular expression (a string).`);
    selections.push({
      hook: name,
      files: [...topFiles, ...(typeof hook.files === 'string' && hook.files !== '' ? [hook.files] : [])],
      exclude: [...topExclude, ...(typeof hook.exclude === 'string' && hook.exclude !== '^$' ? [hook.exclude] : [])],
    });
  }
  return { problems, selections };
}

/** Decides, with Python's `re` (pre-commit's), which paths each selection leaves out. Prints JSON. */
const SELECT = `
import json, re, sys
req = json.loads(sys.argv[1])
out = []
for sel in req["selections"]:
    try:
        files = [re.compile(p) for p in sel["files"]]
        exclude = [re.compile(p) for p in sel["exclude"]]
    except re.error as e:
        out.append({"error": f"{e.pattern!r} is not a valid regular expression: {e}"})
        continue
    left_out = [p for p in req["paths"] if not all(r.search(p) for r in files) or any(r.search(p) for r in exclude)]
    out.append({"leftOut": left_out})
print(json.dumps(out))
`;

/** Every problem with the configuration at `file` (relative to the folder checked); empty when it holds. */
export async function preCommitProblems(ctx: CheckContext, file: string, abs: string, text: string, required: readonly RequiredHook[], runs: CommandRun[]): Promise<string[]> {
  const reading = readPreCommit(file, text, required);
  const problems = [...reading.problems];
  if (!reading.selections.some((s) => s.files.length || s.exclude.length)) return problems;
  // pre-commit matches paths relative to the repository root, where the configuration lives.
  const root = path.dirname(abs);
  const own = (await filesUnder(root)).filter((f) => f.endsWith('.py')).map((f) => f.split(path.sep).join('/'));
  const paths = (own.length ? own : SAMPLE_PYTHON_PATHS).slice(0, 500);
  const run = await runProcess([ctx.python.path, '-I', '-c', SELECT, JSON.stringify({ selections: reading.selections, paths })], { cwd: root, timeoutMs: timeLeft(ctx), signal: ctx.signal, log: ctx.log });
  runs.push(run);
  const ended = describeEnd(run, ctx.timeoutMs);
  if (ended) throw new Error(`reading the file patterns of ${file} did not finish: ${ended}`);
  const answers = JSON.parse(run.stdout.trim().split('\n').pop() ?? '[]') as { error?: string; leftOut?: string[] }[];
  reading.selections.forEach((sel, i) => {
    const a = answers[i] ?? {};
    if (a.error) problems.push(`The ${sel.hook} hook's file patterns: ${a.error}.`);
    else if (a.leftOut?.length) {
      const shown = a.leftOut.slice(0, 3).join(', ') + (a.leftOut.length > 3 ? ` and ${a.leftOut.length - 3} more` : '');
      problems.push(`The ${sel.hook} hook never sees ${shown}: its "files"/"exclude" patterns (or the top-level ones) leave ${a.leftOut.length === 1 ? 'it' : 'them'} out. It should check every Python file.`);
    }
  });
  return problems;
}
