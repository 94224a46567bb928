// The git check never passes because git could not answer: an assertion about the history
// or the working tree fails when git cannot read them. And an "apply to your project" copy
// keeps the repository whole: large files are left out of it, but never a pack under .git.

import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { randomBytes } from 'crypto';
import { existsSync, promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runChecks } from '../../../src/checks/engine';
import { makeScratch, PROJECT_FILE_LIMIT } from '../../../src/checks/scratch';
import type { CheckSpec } from '../../../src/core/model';
import { context, exercise, folder } from './helpers';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'pipe' });

/** A repository whose first commit held models/churn.pkl, deleted and ignored since; then packed. */
async function repoWithCommittedModel(modelBytes: Buffer): Promise<string> {
  const work = await folder({ 'train.py': 'print("train")\n' });
  await fs.mkdir(path.join(work, 'models'));
  await fs.writeFile(path.join(work, 'models', 'churn.pkl'), modelBytes);
  git(work, 'init', '-q', '-b', 'main');
  git(work, 'add', '-A');
  git(work, 'commit', '-qm', 'first');
  git(work, 'rm', '-q', '--cached', 'models/churn.pkl');
  await fs.writeFile(path.join(work, '.gitignore'), 'models/\n');
  git(work, 'add', '.gitignore');
  git(work, 'commit', '-qm', 'ignore models');
  git(work, 'gc', '-q');
  return work;
}

const NEVER: CheckSpec[] = [{ type: 'git', assert: [{ neverCommitted: ['*.pkl'] }] }];

describe('checks: git assertions fail closed', () => {
  it('neverCommitted finds a file committed once and deleted since, through a glob', async () => {
    const work = await repoWithCommittedModel(Buffer.from('model'));
    const [r] = (await runChecks(context(work, NEVER))).results;
    assert.strictEqual(r.status, 'failed');
    assert.match(r.summary, /^\*\.pkl is in the history \(commit \w+ first\)/);
  });

  it('neverCommitted and cleanWorkingTree fail when git cannot read the repository', async () => {
    const work = await repoWithCommittedModel(Buffer.from('model'));
    const pack = path.join(work, '.git', 'objects', 'pack');
    for (const f of await fs.readdir(pack)) if (f.endsWith('.pack')) await fs.rm(path.join(pack, f));
    const report = await runChecks(context(work, [{ type: 'git', assert: [{ neverCommitted: ['*.pkl'] }, { cleanWorkingTree: true }] }]));
    const [r] = report.results;
    assert.strictEqual(r.status, 'failed');
    assert.deepStrictEqual(
      r.details.map((d) => d.replace(/: fatal: .*?\. Run/, ': … Run')),
      [
        'git could not tell whether *.pkl was ever committed: … Run "git fsck" in the folder to see what is wrong with the repository.',
        'git could not tell whether the working tree is clean: … Run "git fsck" in the folder to see what is wrong with the repository.',
      ],
    );
  });
});

describe('checks: an "apply to your project" copy keeps .git whole', () => {
  it('a file over the size limit is left out, a pack file under .git is not', async () => {
    const big = Buffer.alloc(PROJECT_FILE_LIMIT + 1024, 7);
    const work = await folder({ 'train.py': 'x = 1\n' });
    await fs.mkdir(path.join(work, 'data'));
    await fs.writeFile(path.join(work, 'data', 'raw.csv'), big);
    await fs.mkdir(path.join(work, '.git', 'objects', 'pack'), { recursive: true });
    await fs.writeFile(path.join(work, '.git', 'objects', 'pack', 'pack-1.pack'), big);
    const storage = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-storage-'));
    const scratch = await makeScratch(work, { storage, exerciseId: 'project-x', includeGit: true, project: true });
    try {
      assert.ok(existsSync(path.join(scratch.dir, '.git', 'objects', 'pack', 'pack-1.pack')), 'the pack under .git is copied');
      assert.ok(!existsSync(path.join(scratch.dir, 'data', 'raw.csv')), 'the large data file is left out');
      assert.ok(scratch.notes.some((n) => n.includes('data/raw.csv') && !n.includes('.git')), scratch.notes.join('\n'));
    } finally {
      await scratch.release();
    }
  });

  it('a project whose history is one pack over the limit is still read: a committed model is found', async () => {
    // Random bytes do not compress, so the pack stays over the limit.
    const work = await repoWithCommittedModel(randomBytes(PROJECT_FILE_LIMIT + 64 * 1024));
    const packs = (await fs.readdir(path.join(work, '.git', 'objects', 'pack'))).filter((f) => f.endsWith('.pack'));
    const sizes = await Promise.all(packs.map(async (f) => (await fs.stat(path.join(work, '.git', 'objects', 'pack', f))).size));
    assert.ok(Math.max(...sizes) > PROJECT_FILE_LIMIT, 'the test needs a pack over the limit');
    const ctx = context(work, NEVER, { exercise: { ...exercise(work, NEVER), kind: 'project' } });
    const [r] = (await runChecks(ctx)).results;
    assert.strictEqual(r.status, 'failed');
    assert.match(r.summary, /^\*\.pkl is in the history/);
  });
});
