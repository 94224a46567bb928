import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { backupFolder, copyMissing, listFiles, restoreStarter } from '../../../src/core/exerciseFiles';

async function tree(files: Record<string, string>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-files-'));
  for (const [rel, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await fs.writeFile(path.join(dir, rel), text);
  }
  return dir;
}

describe('core/exerciseFiles', () => {
  it('starting copies the starter but never replaces a learner file', async () => {
    const starter = await tree({ 'stats.py': 'starter', 'tests/test_stats.py': 'tests' });
    const learner = await tree({ 'stats.py': 'my work' });
    const copied = await copyMissing(starter, learner);
    assert.deepStrictEqual(copied, [path.join('tests', 'test_stats.py')]);
    assert.strictEqual(await fs.readFile(path.join(learner, 'stats.py'), 'utf8'), 'my work');
    assert.deepStrictEqual(await listFiles(learner), ['stats.py', path.join('tests', 'test_stats.py')]);
  });

  it('reset keeps a timestamped backup of everything, hidden files included, then restores the starter', async () => {
    const starter = await tree({ 'stats.py': 'starter' });
    const root = await tree({ 'ex/stats.py': 'my work', 'ex/notes.md': 'mine', 'ex/.git/HEAD': 'ref: refs/heads/main' });
    const folder = path.join(root, 'ex');
    const when = new Date(2026, 10, 24, 9, 5, 7);
    const backup = await backupFolder(folder, path.join(root, '.backups'), 'ex', when);
    assert.strictEqual(path.basename(backup), 'ex-20261124-090507');
    const second = await backupFolder(folder, path.join(root, '.backups'), 'ex', when);
    assert.notStrictEqual(second, backup, 'a second backup in the same second does not overwrite the first');
    await restoreStarter(folder, starter);
    assert.deepStrictEqual(await listFiles(folder), ['stats.py']);
    assert.strictEqual(await fs.readFile(path.join(folder, 'stats.py'), 'utf8'), 'starter');
    assert.strictEqual(await fs.readFile(path.join(backup, 'stats.py'), 'utf8'), 'my work');
    assert.strictEqual(await fs.readFile(path.join(backup, '.git/HEAD'), 'utf8'), 'ref: refs/heads/main');
  });

  it('reset leaves the files it is told to keep (open in an editor) and removes the rest', async () => {
    const starter = await tree({ 'stats.py': 'starter', 'tests/test_stats.py': 'tests' });
    const folder = await tree({ 'stats.py': 'my work', 'tests/test_stats.py': 'my tests', 'tests/scratch.py': 'x', 'data/raw.csv': '1,2' });
    await restoreStarter(folder, starter, new Set([path.join('tests', 'test_stats.py')]));
    assert.deepStrictEqual(await listFiles(folder), ['stats.py', path.join('tests', 'test_stats.py')]);
    assert.strictEqual(await fs.readFile(path.join(folder, 'stats.py'), 'utf8'), 'starter');
    assert.strictEqual(await fs.readFile(path.join(folder, 'tests', 'test_stats.py'), 'utf8'), 'my tests', 'left for the caller');
    await assert.rejects(fs.access(path.join(folder, 'data')), 'a folder with nothing kept goes');
  });
});
