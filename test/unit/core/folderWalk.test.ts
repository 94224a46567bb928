import * as assert from 'assert';
import { promises as fs, readFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { copyMissing, listFiles, walkFolder } from '../../../src/core/folderWalk';

async function tree(files: Record<string, string>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-walk-'));
  for (const [rel, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await fs.writeFile(path.join(dir, rel), text);
  }
  return dir;
}

const p = (...parts: string[]) => path.join(...parts);

describe('core/folderWalk: one walk, one skip list', () => {
  it('leaves out caches, .git and environments (by name, or by pyvenv.cfg / conda-meta under any name); walks every other folder', async () => {
    const dir = await tree({
      'a.py': '', '.hidden/b.py': '', 'lib/site-packages/c.py': '', '__pypackages__/3.11/lib/d.py': '', 'env-like/e.py': '',
      '.venv/lib/x.py': '', 'venv/x.py': '', '__pycache__/a.cpython-311.pyc': '', '.mypy_cache/x': '', '.git/config': '', 'node_modules/x.js': '',
      'myenv/pyvenv.cfg': '', 'myenv/lib/x.py': '', 'conda/conda-meta/history': '', 'conda/lib/x.py': '',
    });
    assert.deepStrictEqual(await listFiles(dir), [p('.hidden', 'b.py'), p('__pypackages__', '3.11', 'lib', 'd.py'), 'a.py', p('env-like', 'e.py'), p('lib', 'site-packages', 'c.py')]);
    const skipped: string[] = [];
    await walkFolder(dir, (e) => void (e.kind === 'skipped' && skipped.push(e.rel)));
    assert.deepStrictEqual(skipped.sort(), ['.git', '.mypy_cache', '.venv', '__pycache__', 'conda', 'myenv', 'node_modules', 'venv']);
    assert.ok((await listFiles(dir, { keep: ['.git'] })).includes(p('.git', 'config')), 'the git check keeps .git');
    assert.strictEqual((await listFiles(dir, { everything: true })).length, 15);
  });

  it('reports links without following them, and a visitor can prune a folder', async () => {
    const dir = await tree({ 'a/x.py': '', 'b/y.py': '' });
    await fs.symlink('a', path.join(dir, 'link'));
    const seen: string[] = [];
    await walkFolder(dir, (e) => {
      seen.push(`${e.kind}:${e.rel}`);
      return e.rel === 'b' ? 'prune' : undefined;
    });
    assert.deepStrictEqual(seen, ['dir:a', `file:${p('a', 'x.py')}`, 'dir:b', 'link:link']);
  });

  it('a folder whose names say so is not entered: its subfolders are visited (the skip list by name still applies), never read', async () => {
    const dir = await tree({ 'ex/exercise.yaml': '', 'ex/starter/main.py': '', 'ex/venv/lib.py': '', 'other/sub/x.py': '' });
    const seen: string[] = [];
    const read: string[] = [];
    await walkFolder(dir, (e) => void seen.push(`${e.kind}:${e.rel}`), {
      enterFolders: (_rel, names) => !names.includes('exercise.yaml'),
      readdir: (d) => {
        read.push(path.relative(dir, d));
        return fs.readdir(d, { withFileTypes: true });
      },
    });
    assert.deepStrictEqual(seen, ['dir:ex', `file:${p('ex', 'exercise.yaml')}`, `dir:${p('ex', 'starter')}`, `skipped:${p('ex', 'venv')}`, 'dir:other', `dir:${p('other', 'sub')}`, `file:${p('other', 'sub', 'x.py')}`]);
    assert.deepStrictEqual(read.sort(), ['', 'ex', 'other', p('other', 'sub')], 'the folders inside ex are never read');
  });

  it('an unreadable folder throws, or counts as empty when asked', async () => {
    await assert.rejects(listFiles(path.join(os.tmpdir(), 'upskill-no-such-folder')), /could not read the folder \(ENOENT\)/);
    assert.deepStrictEqual(await listFiles(path.join(os.tmpdir(), 'upskill-no-such-folder'), { unreadable: 'skip' }), []);
  });

  it('says which folders it skipped as unreadable (here one whose listing fails, as one that went away after it was listed does)', async () => {
    const dir = await tree({ 'a/gone/x.py': '', 'b/y.py': '' });
    const unreadable: string[] = [];
    const files: string[] = [];
    // The walk reads a folder's subfolders together before visiting them, so a folder removed
    // by the visitor has been read already: the failure is made where the reading happens.
    const gone = Object.assign(new Error('no such folder'), { code: 'ENOENT' });
    await walkFolder(dir, (e) => void (e.kind === 'file' && files.push(e.rel)), {
      unreadable: 'skip',
      onUnreadable: (rel) => unreadable.push(rel),
      readdir: (d) => (path.basename(d) === 'a' ? Promise.reject(gone) : fs.readdir(d, { withFileTypes: true })),
    });
    assert.deepStrictEqual(unreadable, ['a']);
    assert.deepStrictEqual(files, [p('b', 'y.py')]);
  });
});

describe('core/folderWalk: one copy-where-missing', () => {
  it('adds only what is missing: never over a file, through a link (even a dangling one) or into a linked folder', async () => {
    const src = await tree({ 'keep.py': 'new', 'add.py': 'new', 'dangling.py': 'new', 'linked/inner.py': 'new', 'sub/deep.py': 'new' });
    const outside = await tree({ 'inner.py': 'outside' });
    const dest = await tree({ 'keep.py': 'mine' });
    await fs.symlink(path.join(outside, 'nowhere.py'), path.join(dest, 'dangling.py'));
    await fs.symlink(outside, path.join(dest, 'linked'));
    await fs.symlink(path.join(outside, 'inner.py'), path.join(src, 'a-link.py'));
    assert.deepStrictEqual((await copyMissing(src, dest)).sort(), ['add.py', p('sub', 'deep.py')]);
    assert.strictEqual(readFileSync(path.join(dest, 'keep.py'), 'utf8'), 'mine');
    assert.strictEqual(readFileSync(path.join(outside, 'inner.py'), 'utf8'), 'outside');
    await assert.rejects(fs.access(path.join(outside, 'nowhere.py')), 'nothing was written through the dangling link');
    await assert.rejects(fs.lstat(path.join(dest, 'a-link.py')), 'links in the source are not copied');
  });
});
