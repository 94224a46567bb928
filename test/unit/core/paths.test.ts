import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { inside, isInside, isInsideReal, unsafePathReason } from '../../../src/core/paths';

describe('core/paths: one rule for staying inside a folder', () => {
  it('accepts relative paths that stay inside, hidden files and names that only start with ".."', () => {
    for (const p of ['.', 'a.py', 'tests/test_a.py', 'a/./b', '.github/workflows/ci.yml', '..notes', 'a/..b/c']) {
      assert.strictEqual(unsafePathReason(p), undefined, p);
    }
  });

  it('refuses ".." anywhere, with either separator', () => {
    for (const p of ['..', '../x', 'a/../../x', 'a/..', 'a\\..\\..\\x', '..\\x']) {
      assert.match(unsafePathReason(p) ?? '', /leaves the exercise folder/, p);
    }
  });

  it('refuses absolute paths of every platform, whatever this one is', () => {
    for (const p of ['/etc/passwd', '/', 'C:\\x', 'c:/x', 'C:x', 'C:', '\\\\server\\share\\x', '//server/share', '\\x']) {
      assert.match(unsafePathReason(p) ?? '', /is an absolute path/, p);
    }
  });

  it('inside() joins a safe path and throws on one that leaves', () => {
    assert.strictEqual(inside('/w/ex', 'tests/t.py', 'file'), path.join('/w/ex', 'tests/t.py'));
    assert.throws(() => inside('/w/ex', '../other/t.py', 'file'), /file "..\/other\/t.py" must be a relative path inside \/w\/ex/);
    assert.throws(() => inside('/w/ex', 'C:\\x', 'target'), /target "C:\\x" must be a relative path/);
    assert.throws(() => inside('/w/ex', '/etc/passwd', 'module'), /must be a relative path/);
  });

  it('isInside() knows which absolute paths are in a folder', () => {
    assert.ok(isInside('/a/b', '/a/b/c.py'));
    assert.ok(isInside('/a/b', '/a/b'));
    assert.ok(isInside('/a/b', '/a/b/x/../c.py'));
    assert.ok(isInside('/a/b', '/a/b/..c'));
    assert.ok(!isInside('/a/b', '/a/bc/d.py'));
    assert.ok(!isInside('/a/b', '/a/c'));
    assert.ok(!isInside('/a/b', '/a/b/../c'));
    assert.ok(!isInside('/a/b', '/'));
  });

  it('isInside() on Windows paths: drive letters, case, UNC shares and other drives', () => {
    const w = path.win32;
    assert.ok(isInside('C:\\work\\ex', 'C:\\work\\ex\\tests\\t.py', w));
    assert.ok(isInside('C:\\work\\ex', 'c:\\WORK\\Ex\\a.py', w), 'Windows paths compare without case');
    assert.ok(isInside('C:\\work\\ex', 'C:/work/ex/a.py', w), 'forward slashes are separators too');
    assert.ok(!isInside('C:\\work\\ex', 'D:\\work\\ex\\a.py', w), 'another drive');
    assert.ok(!isInside('C:\\work\\ex', 'C:\\work\\exercise\\a.py', w), 'a sibling whose name starts the same');
    assert.ok(!isInside('C:\\work\\ex', 'C:\\work\\ex\\..\\other.py', w));
    assert.ok(isInside('\\\\server\\share\\ex', '\\\\server\\share\\ex\\a.py', w), 'inside a UNC folder');
    assert.ok(!isInside('\\\\server\\share\\ex', '\\\\server\\other\\ex\\a.py', w), 'another share');
    assert.ok(!isInside('\\\\server\\share\\ex', '\\\\elsewhere\\share\\ex\\a.py', w), 'another server');
    assert.ok(!isInside('C:\\work\\ex', '\\\\server\\share\\a.py', w), 'a share is not on the drive');
    assert.ok(!isInside('\\\\server\\share\\ex', 'C:\\a.py', w), 'a drive is not on the share');
    assert.strictEqual(inside('C:\\work\\ex', 'tests/t.py', 'file', w), 'C:\\work\\ex\\tests\\t.py');
    assert.throws(() => inside('C:\\work\\ex', 'D:x.py', 'file', w), /must be a relative path/);
    assert.throws(() => inside('C:\\work\\ex', '\\\\server\\share\\x.py', 'file', w), /must be a relative path/);
  });

  describe('isInsideReal() follows symbolic links', () => {
    let root: string;
    before(async () => {
      root = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-paths-'));
      await fs.mkdir(path.join(root, 'ex', 'starter'), { recursive: true });
      await fs.mkdir(path.join(root, 'secrets'));
      await fs.writeFile(path.join(root, 'ex', 'starter', 'a.py'), '');
      await fs.writeFile(path.join(root, 'secrets', 'key'), '');
      await fs.symlink(path.join(root, 'secrets'), path.join(root, 'ex', 'out-dir'));
      await fs.symlink(path.join(root, 'secrets', 'key'), path.join(root, 'ex', 'out-file'));
      await fs.symlink('../../secrets/key', path.join(root, 'ex', 'starter', 'relative-out'));
      await fs.symlink('starter/a.py', path.join(root, 'ex', 'in-file'));
      await fs.symlink(path.join(root, 'ex'), path.join(root, 'ex-link'));
    });
    after(async () => {
      await fs.rm(root, { recursive: true, force: true });
    });

    it('a link that points outside is outside, though its path is inside', async () => {
      const ex = path.join(root, 'ex');
      for (const link of ['out-dir', 'out-file', 'starter/relative-out']) {
        assert.ok(isInside(ex, path.join(ex, link)), `${link} is inside lexically`);
        assert.strictEqual(await isInsideReal(ex, path.join(ex, link)), false, link);
      }
      assert.strictEqual(await isInsideReal(ex, path.join(ex, 'out-dir', 'key')), false, 'a file reached through a link to outside');
    });

    it('real files and links that stay inside are inside, also when the folder is reached through a link', async () => {
      const ex = path.join(root, 'ex');
      assert.ok(await isInsideReal(ex, path.join(ex, 'starter', 'a.py')));
      assert.ok(await isInsideReal(ex, path.join(ex, 'in-file')));
      assert.ok(await isInsideReal(path.join(root, 'ex-link'), path.join(ex, 'starter')));
      assert.ok(await isInsideReal(ex, path.join(root, 'ex-link', 'starter', 'a.py')));
    });

    it('a path that does not exist is not inside', async () => {
      assert.strictEqual(await isInsideReal(path.join(root, 'ex'), path.join(root, 'ex', 'missing.py')), false);
    });
  });
});
