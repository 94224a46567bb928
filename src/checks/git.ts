// Assertions about the learner's git repository, each run through git itself, reading the
// repository as it really is: git can be told to show a history that is not there
// (replace refs, a grafts file, a shallow file, a commit-graph), to look away from changes
// (assume-unchanged, skip-worktree, an fsmonitor hook that answers for it) and to take
// ignore rules from places no one else sees (.git/info/exclude, the global ignore file).
// The check turns each of these off, and reads committed rules from the commit.

import { randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import type { GitAssertion, GitCheck } from '../core/model';
import { inside } from '../core/paths';
import { describeEnd, runProcess, timeLeft } from './process';
import { result } from './result';
import type { CheckContext, CheckResult, CommandRun } from './types';

export async function checkGit(spec: GitCheck, ctx: CheckContext): Promise<CheckResult> {
  const started = Date.now();
  const runs: CommandRun[] = [];
  // The copy is a repository of its own or none: git never looks above it, and takes no optional locks.
  const env = { ...TRUE_HISTORY_ENV, GIT_CEILING_DIRECTORIES: path.dirname(ctx.workDir) };
  const gitIn = async (cwd: string, args: readonly string[]) => {
    const run = await runProcess(['git', ...TRUE_HISTORY_CONFIG, ...args], { cwd, timeoutMs: timeLeft(ctx), signal: ctx.signal, log: ctx.log, env });
    runs.push(run);
    const ended = describeEnd(run, ctx.timeoutMs);
    if (ended) throw new Error(`git ${args.join(' ')} did not finish: ${ended}`);
    return run;
  };
  const git: Git = Object.assign((...args: string[]) => gitIn(ctx.workDir, args), { in: gitIn });
  let top = await git('rev-parse', '--show-toplevel');
  if (top.exitCode !== 0 && top.exitCode !== null && ctx.learnerDir) {
    // No .git in the copy: ask about the learner's own folder (read-only) to say why.
    top = await runProcess(['git', ...TRUE_HISTORY_CONFIG, 'rev-parse', '--show-toplevel'], { cwd: ctx.learnerDir, timeoutMs: timeLeft(ctx), signal: ctx.signal, log: ctx.log, env: { ...env, GIT_CEILING_DIRECTORIES: '' } });
    runs.push(top);
    if (top.exitCode === 0 && (await samePath(top.stdout.trim(), ctx.learnerDir))) top = { ...top, exitCode: 128 };
  }
  // The exercise folder must be a repository of its own, not a folder inside the learner's project repository.
  const own = top.exitCode === 0 && (await samePath(top.stdout.trim(), ctx.workDir));
  if (!own) {
    // An exercise whose starter script makes the practice repository says to run that script, not "git init".
    const start = spec.setup ? `run "bash ${spec.setup}" in it first: it creates the practice repository for this exercise` : 'run "git init" in it';
    const missing =
      top.exitCode === null
        ? 'git is not installed or not on PATH.'
        : top.exitCode === 0
          ? `This folder is inside another repository (${top.stdout.trim()}) but is not one itself: ${start} (Upskill: Open Exercise Terminal opens a terminal there). If ${top.stdout.trim()} became a repository by mistake (git init in the wrong folder), undo that by deleting its .git folder, once "git -C ${top.stdout.trim()} log" shows no commits you want to keep.`
          : spec.setup
            ? `This folder is not a git repository yet: ${start} (Upskill: Open Exercise Terminal opens a terminal there).`
            : 'This folder is not a git repository yet: run "git init" in it.';
    return result(spec, started, { status: 'failed', summary: missing, runs, tool: 'git' });
  }
  const problems: string[] = [];
  const committed = new CommittedRules(git, ctx.workDir);
  const gitDir = (await git('rev-parse', '--absolute-git-dir')).stdout.trim();
  const shallow = gitDir !== '' && (await fs.stat(path.join(gitDir, 'shallow')).catch(() => undefined)) !== undefined;
  const cannot = (r: CommandRun, what: string) => unreadable(r, what, shallow);
  try {
    for (const a of spec.assert) {
      const p = await evaluate(a, { git, committed, cannot }, ctx);
      if (p) problems.push(p);
    }
  } finally {
    await committed.release();
  }
  return result(spec, started, {
    status: problems.length ? 'failed' : 'passed',
    summary: problems.length ? problems[0] : `All ${spec.assert.length} checks of the repository hold.`,
    details: problems,
    runs,
    tool: 'git',
  });
}

async function samePath(a: string, b: string): Promise<boolean> {
  const real = async (p: string) => fs.realpath(p).catch(() => p);
  return (await real(a)) === (await real(b));
}

/** git in the exercise folder; `git.in(dir, args)` in another folder, with the same settings. */
type Git = ((...args: string[]) => Promise<CommandRun>) & { in: (cwd: string, args: readonly string[]) => Promise<CommandRun> };

/**
 * What makes git show the repository as it is. Replace refs and grafts rewrite the history
 * every command sees; a shallow file cuts it short (a real shallow clone then fails to read,
 * and says so, rather than pass on half a history). The grafts and shallow files point at a
 * path that cannot exist, so nothing is read from them.
 */
export const TRUE_HISTORY_ENV: Readonly<Record<string, string>> = {
  GIT_TERMINAL_PROMPT: '0',
  LC_ALL: 'C',
  GIT_OPTIONAL_LOCKS: '0',
  GIT_NO_REPLACE_OBJECTS: '1',
  GIT_GRAFT_FILE: '/dev/null/no-grafts',
  GIT_SHALLOW_FILE: '/dev/null/no-shallow',
};

/**
 * Settings from the repository's own config that would change the answers: a commit-graph
 * file can claim other parents; an fsmonitor hook (a program of the learner's) answers for
 * `git status`; the untracked cache can be stale. (The learner's global ignore file still
 * counts for a clean working tree; it never counts for the committed rules, see CommittedRules.)
 */
export const TRUE_HISTORY_CONFIG: readonly string[] = ['-c', 'core.commitGraph=false', '-c', 'core.fsmonitor=false', '-c', 'core.untrackedCache=false', '-c', 'advice.graftFileDeprecated=false'];

/** In the folder of committed rules: no global ignore file either. */
const COMMITTED_ONLY: readonly string[] = ['-c', 'core.excludesFile=/dev/null'];

/** A problem for an assertion git could not answer: a broken repository never passes. */
function unreadable(r: CommandRun, what: string, shallow = false): string {
  const why = r.stderr.trim().split('\n')[0] || `git exited with code ${r.exitCode}`;
  if (shallow) return `git could not tell ${what}: ${why}. The repository is a shallow clone, so part of its history is missing: run "git fetch --unshallow" and check again.`;
  return `git could not tell ${what}: ${why}. Run "git fsck" in the folder to see what is wrong with the repository.`;
}

/**
 * The ignore rules as committed: every .gitignore in HEAD's tree, written into a fresh
 * repository of their own, so that neither the work tree's edits, nor .git/info/exclude,
 * nor a global ignore file count (COMMITTED_ONLY). Made on first use.
 */
class CommittedRules {
  private dir: Promise<string | { problem: string }> | undefined;
  constructor(
    private readonly git: Git,
    private readonly workDir: string,
  ) {}

  /** The folder to run `git check-ignore --no-index` in, or why there is none. */
  folder(): Promise<string | { problem: string }> {
    this.dir ??= this.make();
    return this.dir;
  }

  private async make(): Promise<string | { problem: string }> {
    const head = await this.git('rev-parse', '--verify', '--quiet', 'HEAD^{commit}');
    if (head.exitCode !== 0) return { problem: 'nothing is committed yet, so no .gitignore is either: commit your .gitignore' };
    const tree = await this.git('ls-tree', '-r', '-z', '--full-tree', 'HEAD');
    if (tree.exitCode !== 0) return { problem: unreadable(tree, 'which .gitignore files are committed') };
    const dir = path.join(path.dirname(this.workDir), `git-rules-${randomBytes(6).toString('hex')}`);
    await fs.mkdir(dir, { recursive: true });
    const init = await this.git.in(dir, ['init', '-q', '--template=']);
    if (init.exitCode !== 0) return { problem: unreadable(init, 'the committed ignore rules') };
    for (const entry of tree.stdout.split('\0')) {
      // "<mode> <type> <object>\t<path>"; git reads no .gitignore that is a symbolic link (mode 120000).
      const m = /^100\d{3} blob ([0-9a-f]+)\t(.+)$/.exec(entry);
      if (!m || path.posix.basename(m[2]) !== '.gitignore' || m[2].split('/').includes('..')) continue;
      const blob = await this.git('cat-file', 'blob', m[1]);
      if (blob.exitCode !== 0) return { problem: unreadable(blob, `what the committed ${m[2]} says`) };
      await fs.mkdir(path.join(dir, path.dirname(m[2])), { recursive: true });
      await fs.writeFile(path.join(dir, m[2]), blob.stdout);
    }
    return dir;
  }

  async release(): Promise<void> {
    const dir = await this.dir?.catch(() => undefined);
    if (typeof dir === 'string') await fs.rm(dir, { recursive: true, force: true });
  }
}

interface Repo {
  readonly git: Git;
  readonly committed: CommittedRules;
  /** The problem when git could not answer. */
  readonly cannot: (r: CommandRun, what: string) => string;
}

async function evaluate(a: GitAssertion, repo: Repo, ctx: CheckContext): Promise<string | undefined> {
  const { git, committed, cannot } = repo;
  if ('branchExists' in a) {
    const r = await git('rev-parse', '--verify', '--quiet', `refs/heads/${a.branchExists}`);
    return r.exitCode === 0 ? undefined : `There is no branch "${a.branchExists}"; create it with "git switch -c ${a.branchExists}".`;
  }
  if ('currentBranch' in a) {
    const r = await git('branch', '--show-current');
    const current = r.stdout.trim();
    return current === a.currentBranch ? undefined : `You are on "${current || '(detached HEAD)'}", expected "${a.currentBranch}".`;
  }
  if ('commitCount' in a) {
    const branch = a.commitCount.branch ?? 'HEAD';
    const r = await git('rev-list', '--count', branch);
    const n = r.exitCode === 0 ? Number(r.stdout.trim()) : 0;
    const name = a.commitCount.branch ?? 'the current branch';
    if (a.commitCount.min !== undefined && n < a.commitCount.min) return `Expected at least ${a.commitCount.min} commits on ${name}, found ${n}.`;
    if (a.commitCount.max !== undefined && n > a.commitCount.max) return `Expected at most ${a.commitCount.max} commits on ${name}, found ${n}: squash them.`;
    return undefined;
  }
  if ('lastMessageMatches' in a) {
    const r = await git('log', '-1', '--format=%B');
    return new RegExp(a.lastMessageMatches, 'm').test(r.stdout) ? undefined : `The last commit message "${r.stdout.trim().split('\n')[0]}" does not match /${a.lastMessageMatches}/.`;
  }
  if ('noConflictMarkers' in a) {
    const marked = (text: string) => /^(<{7}|={7}|>{7})( |$)/m.test(text);
    for (const f of a.noConflictMarkers) {
      const text = await fs.readFile(inside(ctx.workDir, f, 'file'), 'utf8').catch(() => '');
      if (marked(text)) return `${f} still has conflict markers (<<<<<<<, =======, >>>>>>>); resolve them and commit.`;
      // What was committed counts, whatever the work tree holds now.
      const head = await git('cat-file', '-p', `HEAD:${f}`);
      if (head.exitCode === 0 && marked(head.stdout)) return `${f} has conflict markers (<<<<<<<, =======, >>>>>>>) in the last commit, though not in your folder: commit the resolved file.`;
    }
    return undefined;
  }
  if ('cleanWorkingTree' in a) {
    const r = await git('status', '--porcelain', '--untracked-files=normal', '--ignore-submodules=none');
    if (r.exitCode !== 0) return cannot(r, 'whether the working tree is clean');
    const lines = r.stdout.trim().split('\n').filter(Boolean);
    if (lines.length) return `The working tree has uncommitted changes (${lines.slice(0, 3).map((l) => l.slice(3)).join(', ')}); commit or ignore them.`;
    // Files git was told not to look at: their changes never show in git status.
    const flags = await git('ls-files', '-v', '-z');
    if (flags.exitCode !== 0) return cannot(flags, 'whether the working tree is clean');
    const hidden = flags.stdout.split('\0').filter((e) => /^([a-z]|S) /.test(e)).map((e) => e.slice(2));
    return hidden.length ? `git is told not to look at changes to ${hidden.slice(0, 3).join(', ')} (git update-index --assume-unchanged or --skip-worktree), so "clean" cannot be told: undo it with "git update-index --no-assume-unchanged --no-skip-worktree ${hidden[0]}" and commit what changed.` : undefined;
  }
  if ('ignored' in a) {
    const dir = await committed.folder();
    if (typeof dir !== 'string') return dir.problem;
    for (const f of a.ignored) {
      const r = await git.in(dir, [...COMMITTED_ONLY, 'check-ignore', '-q', '--no-index', f]);
      if (r.exitCode === 0) continue;
      if (r.exitCode !== 1) return cannot(r, `whether ${f} is ignored`);
      // Say where the rule that ignores it here lives, if one does: not in a committed .gitignore.
      const here = /^([^:]*):\d+:([^\t]*)\t/.exec((await git('check-ignore', '-v', '--no-index', f)).stdout);
      const source = here && !here[2].startsWith('!') ? here[1] : undefined;
      if (source === undefined) return `${f} is not ignored; add a pattern for it to .gitignore and commit it.`;
      return `${f} is ignored only by ${source} in your folder, which is not in the last commit: ${source.endsWith('.gitignore') ? `commit ${source}` : `move the rule to .gitignore and commit it (${source} is not shared)`}.`;
    }
    return undefined;
  }
  if ('notIgnored' in a) {
    const dir = await committed.folder();
    if (typeof dir !== 'string') return dir.problem;
    for (const f of a.notIgnored) {
      const r = await git.in(dir, [...COMMITTED_ONLY, 'check-ignore', '-q', '--no-index', f]);
      if (r.exitCode === 1) continue;
      if (r.exitCode !== 0) return cannot(r, `whether ${f} is ignored`);
      const rule = /^([^:]*):(\d+):([^\t]*)\t/.exec((await git.in(dir, [...COMMITTED_ONLY, 'check-ignore', '-v', '--no-index', f])).stdout);
      return `${f} is ignored${rule ? ` by the pattern "${rule[3]}" (${rule[1]}, line ${rule[2]})` : ''}, but it belongs in git: make the pattern narrower (anchor a folder to the root with a leading /, as in /data/) and commit the .gitignore.`;
    }
    return undefined;
  }
  if ('tracked' in a) {
    for (const f of a.tracked) {
      // In the last commit, not only in the index.
      const r = await git('ls-tree', '-r', '--name-only', '--full-tree', 'HEAD', '--', f);
      if (r.exitCode !== 0 || !r.stdout.trim()) return `${f} is not committed; "git add" and commit it.`;
      // As it is now: an edit not committed is not what others get.
      const changed = await git('diff', '--quiet', 'HEAD', '--', f);
      if (changed.exitCode === 1) return `${f} has changes that are not committed: commit them ("git add ${f}", then "git commit").`;
      if (changed.exitCode !== 0) return cannot(changed, `whether ${f} has changes that are not committed`);
    }
    return undefined;
  }
  if ('mergedInto' in a) {
    const r = await git('merge-base', '--is-ancestor', a.mergedInto.branch, a.mergedInto.into);
    return r.exitCode === 0 ? undefined : `"${a.mergedInto.branch}" is not merged into "${a.mergedInto.into}" yet.`;
  }
  if ('neverCommitted' in a) {
    for (const f of a.neverCommitted) {
      // Every ref (branches, tags, stash), every commit that ever added or changed the path.
      const r = await git('log', '--all', '--format=%h %s', '--', f);
      // No output because git could not read the history is not "never committed".
      if (r.exitCode !== 0) return cannot(r, `whether ${f} was ever committed`);
      const first = r.stdout.trim().split('\n').filter(Boolean).pop();
      if (first) return `${f} is in the history (commit ${first}), so it stays in the repository even if it is ignored or deleted now: data, models and secrets must never be committed. Rewrite the history without it (git filter-repo), or, in a practice repository, start it again (delete .git, add .gitignore first).`;
    }
    return undefined;
  }
  if ('branchCommitTouches' in a) {
    const { branch, file } = a.branchCommitTouches;
    const exists = await git('rev-parse', '--verify', '--quiet', `refs/heads/${branch}`);
    if (exists.exitCode !== 0) return `There is no branch "${branch}"; create it with "git switch -c ${branch}".`;
    // A commit of its own that modifies the file: an empty commit or a merge does not count.
    const r = await git('log', '--no-merges', '--diff-filter=M', '--format=%h', `refs/heads/${branch}`, '--', file);
    return r.stdout.trim() ? undefined : `"${branch}" has no commit that changes ${file}: make your change to ${file} on that branch and commit it there.`;
  }
  return 'Unknown git assertion.';
}

