// The git check reads the repository as it is, not as git can be told to show it: replace
// refs, a grafts file and a shallow file that hide a commit; index bits that hide a change;
// ignore rules that live only in the work tree or in .git/info/exclude. Each test first
// shows, with plain git, that the fake works, then that the check is not fooled.

import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import * as path from 'path';
import { runChecks } from '../../../src/checks/engine';
import type { CheckResult } from '../../../src/checks/types';
import type { GitAssertion } from '../../../src/core/model';
import { context, folder } from './helpers';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', '-c', 'advice.graftFileDeprecated=false', ...args], { cwd, stdio: 'pipe', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } })
    .toString()
    .trim();

async function check(work: string, ...assertions: GitAssertion[]): Promise<CheckResult> {
  const [r] = (await runChecks(context(work, [{ type: 'git', assert: assertions }]))).results;
  return r;
}

/** main: "raw data" adds data/raw.csv, "drop the data" deletes it and ignores it. */
async function repoThatCommittedData(): Promise<{ work: string; first: string; second: string }> {
  const work = await folder({ 'clean.py': 'x = 1\n', 'data/raw.csv': 'a,b\n1,2\n' });
  git(work, 'init', '-q', '-b', 'main');
  git(work, 'add', '-A');
  git(work, 'commit', '-qm', 'raw data');
  const first = git(work, 'rev-parse', 'HEAD');
  git(work, 'rm', '-q', '--cached', 'data/raw.csv');
  await fs.writeFile(path.join(work, '.gitignore'), 'data/\n');
  git(work, 'add', '.gitignore');
  git(work, 'commit', '-qm', 'drop the data');
  return { work, first, second: git(work, 'rev-parse', 'HEAD') };
}

/** What plain git in the work tree says. */
const ignoredHere = (work: string, p: string) => spawnSync('git', ['check-ignore', '-q', '--no-index', p], { cwd: work }).status === 0;

const seesData = (work: string) => git(work, 'log', '--all', '--format=%s', '--', 'data/raw.csv');

describe('checks: git reads the history as it is', () => {
  it('a commit replaced (git replace) by one without the data is still found', async () => {
    const { work, first } = await repoThatCommittedData();
    // The same commit without the file, put in its place for every git command.
    const tree = git(work, 'mktree');
    const clean = git(work, 'commit-tree', tree, '-m', 'raw data');
    git(work, 'replace', first, clean);
    assert.strictEqual(seesData(work), '', 'the fake hides the data from plain git');
    const r = await check(work, { neverCommitted: ['data/raw.csv'] });
    assert.strictEqual(r.status, 'failed');
    assert.match(r.summary, /^data\/raw\.csv is in the history \(commit \w+ raw data\)/);
  });

  it('a graft that cuts the history before the data is ignored', async () => {
    const { work, second } = await repoThatCommittedData();
    await fs.writeFile(path.join(work, '.git', 'info', 'grafts'), `${second}\n`);
    assert.strictEqual(seesData(work), '', 'the graft hides the data from plain git');
    const r = await check(work, { neverCommitted: ['data/raw.csv'] }, { commitCount: { branch: 'main', max: 1 } });
    assert.strictEqual(r.status, 'failed');
    assert.deepStrictEqual(
      r.details.map((d) => d.replace(/\(commit \w+/, '(commit X')),
      ['data/raw.csv is in the history (commit X raw data), so it stays in the repository even if it is ignored or deleted now: data, models and secrets must never be committed. Rewrite the history without it (git filter-repo), or, in a practice repository, start it again (delete .git, add .gitignore first).', 'Expected at most 1 commits on main, found 2: squash them.'],
    );
  });

  it('a shallow file written by hand hides nothing; a real shallow clone says so', async () => {
    const { work, second } = await repoThatCommittedData();
    await fs.writeFile(path.join(work, '.git', 'shallow'), `${second}\n`);
    assert.strictEqual(seesData(work), '', 'the shallow file hides the data from plain git');
    assert.strictEqual((await check(work, { neverCommitted: ['data/raw.csv'] })).status, 'failed');

    const { work: origin } = await repoThatCommittedData();
    const clone = await folder({});
    git(clone, 'clone', '-q', '--depth', '1', `file://${origin}`, '.');
    const r = await check(clone, { neverCommitted: ['data/raw.csv'] });
    assert.strictEqual(r.status, 'failed');
    assert.match(r.summary, /^git could not tell whether data\/raw\.csv was ever committed: .*shallow clone.*git fetch --unshallow/);
  });

  it('a change hidden with --assume-unchanged or --skip-worktree is not a clean working tree', async () => {
    const { work } = await repoThatCommittedData();
    assert.strictEqual((await check(work, { cleanWorkingTree: true })).status, 'passed');
    await fs.writeFile(path.join(work, 'clean.py'), 'x = 2\n');
    git(work, 'update-index', '--assume-unchanged', 'clean.py');
    assert.strictEqual(git(work, 'status', '--porcelain'), '', 'plain git status sees nothing');
    const r = await check(work, { cleanWorkingTree: true });
    assert.strictEqual(r.status, 'failed');
    assert.match(r.summary, /^git is told not to look at changes to clean\.py/);
  });

  it('conflict markers committed and then hidden from the folder are found in the commit', async () => {
    const work = await folder({ 'f.py': '<<<<<<< HEAD\na = 1\n=======\na = 2\n>>>>>>> other\n' });
    git(work, 'init', '-q', '-b', 'main');
    git(work, 'add', '-A');
    git(work, 'commit', '-qm', 'merge');
    git(work, 'update-index', '--skip-worktree', 'f.py');
    await fs.writeFile(path.join(work, 'f.py'), 'a = 1\n');
    const r = await check(work, { noConflictMarkers: ['f.py'] });
    assert.strictEqual(r.status, 'failed');
    assert.match(r.summary, /^f\.py has conflict markers .* in the last commit, though not in your folder/);
  });

  it('tracked means in the last commit, as it is now: a file only added to the index is not, nor one edited since', async () => {
    const { work } = await repoThatCommittedData();
    await fs.writeFile(path.join(work, 'new.py'), 'y = 1\n');
    git(work, 'add', 'new.py');
    assert.strictEqual((await check(work, { tracked: ['clean.py'] })).status, 'passed');
    assert.match((await check(work, { tracked: ['new.py'] })).summary, /^new\.py is not committed/);
    await fs.writeFile(path.join(work, 'clean.py'), 'x = 2\n');
    assert.match((await check(work, { tracked: ['clean.py'] })).summary, /^clean\.py has changes that are not committed/);
  });
});

describe('checks: git reads the ignore rules from the commit', () => {
  const IGNORE: GitAssertion[] = [{ ignored: ['data/raw.csv', 'models/m.pkl'] }, { notIgnored: ['src/data/loaders.py', 'clean.py'] }];

  async function repo(committed: string): Promise<string> {
    const work = await folder({ 'clean.py': 'x = 1\n', '.gitignore': committed });
    git(work, 'init', '-q', '-b', 'main');
    git(work, 'add', '-A');
    git(work, 'commit', '-qm', 'start');
    return work;
  }

  it('committed rules that ignore the data and not the code pass, in the root and in a subfolder', async () => {
    const work = await repo('/data/\n');
    await fs.mkdir(path.join(work, 'models'));
    await fs.writeFile(path.join(work, 'models', '.gitignore'), '*.pkl\n');
    git(work, 'add', 'models/.gitignore');
    git(work, 'commit', '-qm', 'models');
    const r = await check(work, ...IGNORE);
    assert.strictEqual(r.status, 'passed', r.details.join('\n'));
  });

  it('rules only in the work tree (an edit not committed) do not count, and the message says to commit', async () => {
    const work = await repo('__pycache__/\n');
    await fs.writeFile(path.join(work, '.gitignore'), '__pycache__/\n/data/\n*.pkl\n');
    assert.ok(ignoredHere(work, 'data/raw.csv'), 'the work tree ignores it');
    const r = await check(work, ...IGNORE);
    assert.strictEqual(r.status, 'failed');
    assert.strictEqual(r.summary, 'data/raw.csv is ignored only by .gitignore in your folder, which is not in the last commit: commit .gitignore.');
  });

  it('rules in .git/info/exclude do not count', async () => {
    const work = await repo('__pycache__/\n');
    await fs.appendFile(path.join(work, '.git', 'info', 'exclude'), '/data/\n*.pkl\n');
    const r = await check(work, ...IGNORE);
    assert.strictEqual(r.status, 'failed');
    assert.match(r.summary, /^data\/raw\.csv is ignored only by \.git\/info\/exclude in your folder, .*move the rule to \.gitignore and commit it/);
  });

  it('a global ignore file counts for a clean working tree, never for the committed rules', async () => {
    const work = await repo('__pycache__/\n');
    const home = await folder({ ignore: '.DS_Store\n/data/\n*.pkl\n' });
    await fs.writeFile(path.join(home, 'config'), `[core]\n\texcludesFile = ${path.join(home, 'ignore')}\n`);
    await fs.writeFile(path.join(work, '.DS_Store'), 'finder');
    const saved = process.env.GIT_CONFIG_GLOBAL;
    process.env.GIT_CONFIG_GLOBAL = path.join(home, 'config');
    try {
      assert.strictEqual((await check(work, { cleanWorkingTree: true })).status, 'passed', 'the learner\'s own ignore file hides .DS_Store');
      const r = await check(work, { ignored: ['data/raw.csv'] });
      assert.strictEqual(r.status, 'failed');
      assert.match(r.summary, /^data\/raw\.csv is ignored only by .*ignore in your folder, which is not in the last commit: move the rule to \.gitignore and commit it/);
    } finally {
      if (saved === undefined) delete process.env.GIT_CONFIG_GLOBAL;
      else process.env.GIT_CONFIG_GLOBAL = saved;
    }
  });

  it('code ignored by the committed rules fails even when the work tree was fixed', async () => {
    const work = await repo('data/\n*.pkl\n');
    await fs.writeFile(path.join(work, '.gitignore'), '/data/\n*.pkl\n');
    assert.ok(!ignoredHere(work, 'src/data/loaders.py'), 'the work tree does not ignore the code');
    const r = await check(work, ...IGNORE);
    assert.strictEqual(r.status, 'failed');
    assert.strictEqual(r.summary, 'src/data/loaders.py is ignored by the pattern "data/" (.gitignore, line 1), but it belongs in git: make the pattern narrower (anchor a folder to the root with a leading /, as in /data/) and commit the .gitignore.');
  });

  it('an exception (!) in the committed rules keeps a path in git', async () => {
    const work = await repo('/data/\n*.pkl\n*.py\n!clean.py\n!src/**/*.py\n');
    assert.strictEqual((await check(work, ...IGNORE)).status, 'passed');
  });

  it('with nothing committed yet, the rules cannot be read from a commit', async () => {
    const work = await folder({ '.gitignore': '/data/\n' });
    git(work, 'init', '-q', '-b', 'main');
    const r = await check(work, { ignored: ['data/raw.csv'] });
    assert.strictEqual(r.status, 'failed');
    assert.match(r.summary, /^nothing is committed yet/);
  });
});
