import * as assert from 'assert';
import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { makeShims } from '../../../src/checks/toolShims';
import { PYTHON, folder } from './helpers';

/** Runs the shim as a step would: bash, the shims first on PATH, in the project. */
function ruff(bin: string, cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(path.join(bin, 'ruff'), args, { cwd, env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    );
  });
}

const PROJECT = {
  'clean.py': 'def double(x: int) -> int:\n    return 2 * x\n',
  'unused.py': 'import os\n\nx = {"a":1}\n',
  'pyproject.toml': '[tool.ruff]\nline-length = 100\n\n[tool.ruff.lint]\nselect = ["F", "E"]\n',
};

describe('checks: the ruff a workflow step or hook runs (bundled Ruff, one server per check)', function () {
  this.timeout(120_000);

  it('answers every call from one server exactly as the stand-in run on its own does, and after close() still answers, from a process of its own', async () => {
    const project = await folder(PROJECT);
    const shims = await makeShims(await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-shims-')), PYTHON, 60_000);
    assert.match(shims.ruff, /bundled Ruff/, 'the test interpreter has no ruff: the bundled build is what runs');
    const calls: string[][] = [['check', '.'], ['check', '--output-format', 'json', 'unused.py'], ['format', '--check', '.'], ['format', '--diff', 'unused.py'], ['--version'], ['check', '--select', 'E501', '--line-length', '10', 'clean.py'], ['check', 'missing.py'], ['rule', 'F401']];
    const served = [];
    for (const c of calls) served.push(await ruff(shims.bin, project, ...c));
    const serverDir = (await fs.readFile(path.join(shims.bin, 'ruff'), 'utf8')).match(/upskill-ruff-\w+/)?.[0];
    assert.ok(serverDir, 'the shim talks to a server');
    await shims.close();
    await assert.rejects(fs.stat(path.join(os.tmpdir(), serverDir)), 'close() removes the socket');
    for (const [i, c] of calls.entries()) {
      const alone = await ruff(shims.bin, project, ...c);
      assert.deepStrictEqual(served[i], alone, `ruff ${c.join(' ')}`);
    }
    assert.strictEqual(served[0].code, 1);
    assert.match(served[0].stdout, /unused\.py:1:8: F401/);
    assert.strictEqual(JSON.parse(served[1].stdout)[0].code, 'F401');
    assert.strictEqual(served[2].code, 1, 'unused.py is not formatted');
    assert.match(served[2].stdout, /Would reformat: unused\.py/);
    assert.strictEqual(served[4].code, 0);
    assert.strictEqual(served[5].code, 1, 'options on the command line are the call’s own');
    assert.strictEqual(served[6].code, 2);
    assert.match(served[7].stderr, /not available/);
  });

  it('two projects in turn: each call reads its own folder and settings', async () => {
    const strict = await folder({ 'a.py': 'import os\n', 'pyproject.toml': '[tool.ruff.lint]\nselect = ["F"]\n' });
    const lax = await folder({ 'a.py': 'import os\n', 'pyproject.toml': '[tool.ruff.lint]\nignore = ["F401"]\n' });
    const shims = await makeShims(await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-shims-')), PYTHON, 60_000);
    try {
      assert.strictEqual((await ruff(shims.bin, strict, 'check', '.')).code, 1);
      assert.strictEqual((await ruff(shims.bin, lax, 'check', '.')).code, 0);
      assert.strictEqual((await ruff(shims.bin, strict, 'check', '.')).code, 1);
    } finally {
      await shims.close();
    }
  });
});
