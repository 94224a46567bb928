// A pre-commit configuration (`.pre-commit-config.yaml`), read offline the way pre-commit
// reads it, then judged by what its hooks do. pre-commit itself is not needed, and running
// it would fetch every hook's repository. The structure check's `preCommitHooks` assertion
// holds when
//  - the file is YAML (1.1, as PyYAML reads it) that pre-commit accepts: a `repos` list,
//    each repository with `repo`, a `rev` (except `local` and `meta`) and `hooks`, each
//    hook with an `id`, and no key that pre-commit does not know (it would only warn, and
//    a misspelt `args` or `stages` silently changes what runs);
//  - every `rev` is pinned: pre-commit's own test for an immutable reference (a tag with a
//    dot such as v0.6.9, or a commit hash), not a branch such as main;
//  - each required hook comes from the required repository;
//  - run here on commits (precommitRun.ts), the hooks let a commit of a new, clean module
//    and test through, and refuse the same commit with a lint finding (for a Ruff lint
//    hook), a formatting slip (for ruff-format) or a type error (for mypy) in the module.
//    So a hook neutered by its `args`, its `entry`, `pass_filenames`, its `stages`, its
//    types or a `files:` filter that covers only today's files is refused because the
//    broken commit goes through, whatever the spelling.

import { promises as fs } from 'fs';
import * as path from 'path';
import { parseDocument, type Tags } from 'yaml';
import { type ConfiguredHook, type HookTrace, repoKey, runCommit } from './precommitRun';
import { safeName, storageRoot } from './scratch';
import { planSeeds, type SeedKind, writeSeed } from './seeds';
import { type Shims, makeShims } from './toolShims';
import type { CheckContext, CommandRun } from './types';
import { networkNamespaceFlags } from './workflowRun';

export interface RequiredHook {
  /** The hook's repository, e.g. https://github.com/astral-sh/ruff-pre-commit. */
  readonly repo: string;
  /** Hook ids that count, e.g. ["ruff-check", "ruff"] (the old name of the same hook). */
  readonly ids: readonly string[];
}

export interface PreCommitReading {
  readonly problems: string[];
  /** The configuration (for its top-level files, exclude, default_stages, fail_fast). */
  readonly config: Record<string, unknown>;
  /** Every hook, in order, with its repository. */
  readonly hooks: ConfiguredHook[];
  /** The ids of the required hooks found (the first of each requirement's ids). */
  readonly required: string[];
}

const TOP_KEYS = new Set(['repos', 'default_install_hook_types', 'default_language_version', 'default_stages', 'files', 'exclude', 'fail_fast', 'minimum_pre_commit_version', 'ci']);
const REPO_KEYS = new Set(['repo', 'rev', 'hooks']);
const HOOK_KEYS = new Set([
  'id', 'alias', 'name', 'entry', 'language', 'language_version', 'files', 'exclude', 'types', 'types_or', 'exclude_types',
  'additional_dependencies', 'args', 'always_run', 'fail_fast', 'pass_filenames', 'description', 'log_file', 'minimum_pre_commit_version',
  'require_serial', 'stages', 'verbose',
]);
/** What a commit must show each required hook at work on, by hook id. */
const SEED_OF: Readonly<Record<string, SeedKind>> = { 'ruff-check': 'lint', ruff: 'lint', 'ruff-format': 'format', mypy: 'type' };

/** A repository URL compared loosely: scheme, `git@host:`, case, a trailing slash or `.git` do not matter. */
export function sameRepo(a: string, b: string): boolean {
  return repoKey(a) === repoKey(b);
}

/** pre-commit's own test for a `rev` it will not warn about: a tag with a dot, or a commit hash. */
export function pinnedRev(rev: unknown): boolean {
  return typeof rev === 'string' && rev.length > 0 && (rev.includes('.') || /^[0-9a-f]+$/i.test(rev));
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/**
 * YAML 1.1 floats as PyYAML (pre-commit's reader) resolves them: an exponent needs a dot in
 * the mantissa and a sign (`1.0e+3`). The yaml package's 1.1 schema also reads a bare
 * `E501` or `E9` as a float (NaN), so `args: [--ignore, E501]` lost its rule code.
 */
const PYYAML_FLOAT_EXP = /^[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9_]+)[eE][-+][0-9]+$/;
const asPyYaml = (tags: Tags): Tags =>
  tags.map((t) => (typeof t === 'object' && 'test' in t && t.tag === 'tag:yaml.org,2002:float' && t.test?.source.includes('[eE]') ? { ...t, test: PYYAML_FLOAT_EXP } : t));

/** The structure of the configuration and every rule that needs no Python; pure, for unit tests. */
export function readPreCommit(file: string, text: string, required_: readonly RequiredHook[]): PreCommitReading {
  const doc = parseDocument(text, { version: '1.1', prettyErrors: false, uniqueKeys: true, customTags: asPyYaml });
  const none = { config: {}, hooks: [], required: [] };
  if (doc.errors.length) return { problems: [`${file} is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`], ...none };
  const config = doc.toJS() as unknown;
  if (!isMap(config)) return { problems: [`${file} must be a YAML mapping with a "repos:" list at the top.`], ...none };
  const problems: string[] = [];
  const unknown = (keys: string[], known: Set<string>, where: string) => {
    const extra = keys.filter((k) => !known.has(k));
    if (extra.length) problems.push(`${where} has ${extra.length === 1 ? 'a key' : 'keys'} pre-commit does not know: ${extra.join(', ')} (misspelt?).`);
  };
  unknown(Object.keys(config), TOP_KEYS, file);
  const repos = config.repos;
  if (!Array.isArray(repos)) return { problems: [...problems, `${file} has no "repos:" list; pre-commit needs one.`], ...none, config };
  for (const key of ['files', 'exclude'] as const) if (config[key] !== undefined && typeof config[key] !== 'string') problems.push(`The top-level "${key}" must be a regular expression (a string).`);
  const defaultStages = config.default_stages;
  if (defaultStages !== undefined && !strings(defaultStages)) problems.push('"default_stages" must be a list of stage names.');
  if (config.default_install_hook_types !== undefined && !strings(config.default_install_hook_types)) problems.push('"default_install_hook_types" must be a list of hook types.');

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

  const required: string[] = [];
  for (const need of required_) {
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
    required.push(String(right[0].hook.id));
  }
  for (const { hook, at } of found) {
    for (const key of ['types', 'types_or', 'exclude_types', 'args', 'stages'] as const) {
      if (hook[key] !== undefined && !strings(hook[key])) problems.push(`${at}: "${key}" must be a list of strings.`);
    }
    for (const key of ['files', 'exclude', 'entry', 'language'] as const) if (hook[key] !== undefined && typeof hook[key] !== 'string') problems.push(`${at}: "${key}" must be a string.`);
  }
  return { problems, config, hooks: found.map((f) => ({ repo: f.repo, hook: f.hook })), required };
}

/** "ruff-check passed · mypy skipped (no files to check: …)" */
function hookSummary(hooks: readonly HookTrace[]): string {
  return hooks.map((h) => `${h.id} ${h.result}${h.command ? ` (${h.command}${h.exitCode !== undefined ? `, exit ${h.exitCode}` : ''})` : ''}${h.note && h.result !== 'passed' ? `: ${h.note}` : ''}`).join('; ');
}

/**
 * Every problem with the configuration at `file` (relative to the folder checked); empty
 * when it holds. Read first; then run on a clean commit and on one broken commit per
 * required hook, each in a copy of the folder.
 */
export async function preCommitProblems(ctx: CheckContext, file: string, abs: string, text: string, required: readonly RequiredHook[], runs: CommandRun[]): Promise<string[]> {
  const reading = readPreCommit(file, text, required);
  if (reading.problems.length) return reading.problems;
  if (!ctx.trusted) return ['This workspace is not trusted (Restricted Mode), so Upskill does not run its pre-commit hooks; trust the workspace to check them.'];
  const kinds = [...new Set(reading.required.map((id) => SEED_OF[id]).filter((k): k is SeedKind => k !== undefined))];
  const base = path.join(storageRoot(ctx.storageDir), 'precommit-runs');
  await fs.mkdir(base, { recursive: true });
  const temp = await fs.mkdtemp(path.join(base, `${safeName(ctx.exercise.id)}-`));
  const deadline = ctx.deadline ?? Date.now() + ctx.timeoutMs;
  let shims: Shims | undefined;
  try {
    shims = await makeShims(path.join(temp, 'shims'), ctx.python, Math.max(1_000, deadline - Date.now()));
    const noNetwork = await networkNamespaceFlags();
    const rootRel = path.relative(ctx.workDir, path.dirname(abs));
    const plan = await planSeeds(path.dirname(abs));
    const problems: string[] = [];
    ctx.log(`Running the hooks of ${file} on ${kinds.length + 1} commits (pre-commit is not needed: each hook runs its command here, ${noNetwork ? 'without network' : 'with the network'}): ${(['clean', ...kinds] as SeedKind[]).map((k) => plan.describe(k)).join('; ')}.`);
    for (const kind of ['clean', ...kinds] as SeedKind[]) {
      const copy = path.join(temp, `commit-${kind}`);
      await fs.cp(ctx.workDir, copy, { recursive: true, verbatimSymlinks: true });
      const root = path.join(copy, rootRel);
      await writeSeed(root, plan, kind);
      const state = path.join(temp, `state-${kind}`);
      await fs.mkdir(state, { recursive: true });
      ctx.log(`═ A commit that adds ${plan.describe(kind)}`);
      const trace = await runCommit({
        root,
        committed: [plan.module, plan.test],
        config: reading.config,
        hooks: reading.hooks,
        python: ctx.python,
        shims,
        shimEnv: { ...shims.env(state, path.join(temp, `tools-${kind}.log`)), MYPY_CACHE_DIR: path.join(storageRoot(ctx.storageDir), 'workflow-mypy-cache', safeName(ctx.exercise.id)) },
        helperDir: temp,
        deadline,
        signal: ctx.signal,
        noNetwork,
        log: ctx.log,
        runs,
      });
      await fs.rm(copy, { recursive: true, force: true });
      if (kind === 'clean' && trace.refused) {
        const bad = trace.hooks.find((h) => h.result === 'failed')!;
        problems.push(`The hooks refuse a commit of ${plan.describe('clean')}: ${bad.id}${bad.command ? ` (${bad.command}) exited ${bad.exitCode}` : ' failed'}${bad.note ? `: ${bad.note}` : ''}. A hook that fails on good code blocks every commit.`);
        break;
      }
      if (kind !== 'clean' && !trace.refused) {
        problems.push(`A commit that adds ${plan.describe(kind)} is not refused: ${hookSummary(trace.hooks)}.`);
        // The validator's cheats need one commit that gets through; a learner sees them all.
        if (ctx.stopAtFirstFailure) {
          ctx.log('Stopped: this commit already fails the check.');
          break;
        }
      }
      if (kind !== 'clean' && trace.refused) ctx.log(`  refused, as it should be: ${trace.hooks.filter((h) => h.result === 'failed').map((h) => h.id).join(', ')} failed`);
    }
    return problems;
  } finally {
    await shims?.close();
    await fs.rm(temp, { recursive: true, force: true }).catch(() => undefined);
  }
}
