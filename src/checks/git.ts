// Assertions about the learner's git repository, each run through git itself.

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
  const env = { GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', GIT_OPTIONAL_LOCKS: '0', GIT_CEILING_DIRECTORIES: path.dirname(ctx.workDir) };
  const git = async (...args: string[]) => {
    const run = await runProcess(['git', ...args], { cwd: ctx.workDir, timeoutMs: timeLeft(ctx), signal: ctx.signal, log: ctx.log, env });
    runs.push(run);
    const ended = describeEnd(run, ctx.timeoutMs);
    if (ended) throw new Error(`git ${args.join(' ')} did not finish: ${ended}`);
    return run;
  };
  let top = await git('rev-parse', '--show-toplevel');
  if (top.exitCode !== 0 && top.exitCode !== null && ctx.learnerDir) {
    // No .git in the copy: ask about the learner's own folder (read-only) to say why.
    top = await runProcess(['git', 'rev-parse', '--show-toplevel'], { cwd: ctx.learnerDir, timeoutMs: timeLeft(ctx), signal: ctx.signal, log: ctx.log, env: { ...env, GIT_CEILING_DIRECTORIES: '' } });
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
  for (const a of spec.assert) {
    const p = await evaluate(a, git, ctx);
    if (p) problems.push(p);
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

type Git = (...args: string[]) => Promise<CommandRun>;

/** A problem for an assertion git could not answer: a broken repository never passes. */
function unreadable(r: CommandRun, what: string): string {
  const why = r.stderr.trim().split('\n')[0] || `git exited with code ${r.exitCode}`;
  return `git could not tell ${what}: ${why}. Run "git fsck" in the folder to see what is wrong with the repository.`;
}

async function evaluate(a: GitAssertion, git: Git, ctx: CheckContext): Promise<string | undefined> {
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
    for (const f of a.noConflictMarkers) {
      const text = await fs.readFile(inside(ctx.workDir, f, 'file'), 'utf8').catch(() => '');
      if (/^(<{7}|={7}|>{7})( |$)/m.test(text)) return `${f} still has conflict markers (<<<<<<<, =======, >>>>>>>); resolve them and commit.`;
    }
    return undefined;
  }
  if ('cleanWorkingTree' in a) {
    const r = await git('status', '--porcelain');
    if (r.exitCode !== 0) return unreadable(r, 'whether the working tree is clean');
    const lines = r.stdout.trim().split('\n').filter(Boolean);
    return lines.length ? `The working tree has uncommitted changes (${lines.slice(0, 3).map((l) => l.slice(3)).join(', ')}); commit or ignore them.` : undefined;
  }
  if ('ignored' in a) {
    for (const f of a.ignored) {
      const r = await git('check-ignore', '-q', '--no-index', f);
      if (r.exitCode !== 0) return `${f} is not ignored; add a pattern for it to .gitignore.`;
    }
    return undefined;
  }
  if ('tracked' in a) {
    for (const f of a.tracked) {
      const r = await git('ls-files', '--error-unmatch', f);
      if (r.exitCode !== 0) return `${f} is not committed; "git add" and commit it.`;
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
      if (r.exitCode !== 0) return unreadable(r, `whether ${f} was ever committed`);
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
