// An exercise's `requires:` packages: the probe (one find_spec subprocess with the learner's
// Python, once per check run) and the message and install offer a learner gets.

import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runChecks } from '../../../src/checks/engine';
import { debianName, missingPackageMessage, missingPackages, pipName, requirePackages } from '../../../src/checks/requires';
import { MissingToolError, type PythonInfo } from '../../../src/checks/types';
import type { Exercise } from '../../../src/core/model';
import { context, folder, PYTHON } from './helpers';

const LEARNER: PythonInfo = { path: '/home/ada/project/.venv/bin/python', version: '3.11.4', origin: 'Python extension' };

describe('checks: packages an exercise requires', () => {
  it('the probe names exactly the packages the interpreter cannot import', async () => {
    assert.deepStrictEqual(await missingPackages(PYTHON, ['json', 'upskill_no_such_package', 'sqlite3', 'upskill_nor_this']), ['upskill_no_such_package', 'upskill_nor_this']);
    assert.deepStrictEqual(await missingPackages(PYTHON, ['json']), []);
    assert.deepStrictEqual(await missingPackages(PYTHON, []), [], 'nothing to ask: no subprocess and nothing missing');
  });

  it('a module file in the folder the probe runs in does not count as the package', async () => {
    const stray = path.join(os.tmpdir(), 'upskill_stray_package.py');
    await fs.writeFile(stray, 'x = 1\n');
    try {
      assert.deepStrictEqual(await missingPackages(PYTHON, ['upskill_stray_package']), ['upskill_stray_package']);
    } finally {
      await fs.rm(stray, { force: true });
    }
  });

  it('a probe that cannot run is an error that says which interpreter was asked, not "missing"', async () => {
    await assert.rejects(missingPackages({ ...PYTHON, path: '/no/such/python3' }, ['numpy']), /asking \/no\/such\/python3 whether it can import numpy failed/);
  });

  it('the message names the interpreter searched, the package, pip for that interpreter, and the Debian way', () => {
    const m = missingPackageMessage(LEARNER, ['numpy'], 'Gradient descent');
    assert.match(m, /^"Gradient descent" needs the Python package numpy, which \/home\/ada\/project\/\.venv\/bin\/python \(Python 3\.11\.4, from Python extension\) cannot import\./);
    assert.ok(m.includes('/home/ada/project/.venv/bin/python -m pip install numpy'), m);
    assert.ok(m.includes('"sudo apt install python3-numpy"'), m);
    assert.match(m, /externally-managed-environment/);
    assert.match(m, /virtual environment \(python3 -m venv \.venv\)/);
    const two = missingPackageMessage(LEARNER, ['numpy', 'sklearn']);
    assert.match(two, /^This exercise needs the Python packages numpy and sklearn, which/);
    assert.ok(two.includes('-m pip install numpy scikit-learn'), two);
    assert.ok(two.includes('sudo apt install python3-numpy python3-sklearn'), two);
  });

  it('pip and Debian names for import names that differ', () => {
    assert.strictEqual(pipName('numpy'), 'numpy');
    assert.strictEqual(pipName('sklearn'), 'scikit-learn');
    assert.strictEqual(pipName('yaml'), 'PyYAML');
    assert.strictEqual(debianName('pandas'), 'python3-pandas');
    assert.strictEqual(debianName('PIL'), 'python3-pil');
  });

  it('a missing package is a MissingToolError that offers pip for that interpreter', async () => {
    await assert.rejects(requirePackages(PYTHON, ['json', 'upskill_no_such_package']), (e: unknown) => {
      assert.ok(e instanceof MissingToolError);
      assert.strictEqual(e.python, PYTHON.path);
      assert.strictEqual(e.module, 'upskill_no_such_package');
      assert.deepStrictEqual(e.searched, [PYTHON.path]);
      assert.match(e.message, /needs the Python package upskill_no_such_package, which \S+ \(Python 3, from test\) cannot import/);
      return true;
    });
    await requirePackages(PYTHON, undefined);
    await requirePackages(PYTHON, ['json']);
  });

  describe('in a check run', () => {
    /** A Python that records each start in `calls`, then runs the real one. */
    async function countingPython(dir: string): Promise<{ python: PythonInfo; starts: () => Promise<number> }> {
      const calls = path.join(dir, 'calls');
      const wrapper = path.join(dir, 'python');
      await fs.writeFile(wrapper, `#!/bin/sh\necho x >> '${calls}'\nexec '${PYTHON.path}' "$@"\n`, { mode: 0o755 });
      return { python: { ...PYTHON, path: wrapper }, starts: async () => (await fs.readFile(calls, 'utf8').catch(() => '')).split('\n').filter(Boolean).length };
    }
    const withRequires = (ctx: ReturnType<typeof context>, requires: string[]): ReturnType<typeof context> => ({ ...ctx, exercise: { ...ctx.exercise, requires } as Exercise });

    it('probes once, before any check, and a missing package stops the run', async () => {
      const dir = await folder({ 'serve.py': 'x = 1\n' });
      const tools = await folder({});
      const { python, starts } = await countingPython(tools);
      const ctx = withRequires(context(dir, [{ type: 'structure', assert: [{ fileExists: 'serve.py' }] }], { python }), ['json', 'upskill_no_such_package']);
      await assert.rejects(runChecks(ctx), (e: unknown) => e instanceof MissingToolError && e.module === 'upskill_no_such_package');
      assert.strictEqual(await starts(), 1, 'one subprocess');
      assert.ok(!ctx.lines.some((l) => l.startsWith('[1/1]')), 'no check ran');
    });

    it('with every package importable the checks run, after one probe', async () => {
      const dir = await folder({ 'serve.py': 'x = 1\n' });
      const tools = await folder({});
      const { python, starts } = await countingPython(tools);
      const ctx = withRequires(context(dir, [{ type: 'structure', assert: [{ fileExists: 'serve.py' }, { fileExists: 'Dockerfile' }] }], { python }), ['json', 'sqlite3']);
      const report = await runChecks(ctx);
      assert.strictEqual(report.passed, false);
      assert.match(report.results[0].summary, /Dockerfile does not exist yet/);
      assert.strictEqual(await starts(), 1, 'the structure check itself starts no Python here; the probe is the one start');
      assert.ok(ctx.lines.some((l) => /Required packages json, sqlite3: all importable/.test(l)), ctx.lines.join('\n'));
    });

    it('an exercise without requires starts no probe', async () => {
      const dir = await folder({ 'serve.py': 'x = 1\n' });
      const tools = await folder({});
      const { python, starts } = await countingPython(tools);
      const report = await runChecks(context(dir, [{ type: 'structure', assert: [{ fileExists: 'serve.py' }] }], { python }));
      assert.strictEqual(report.passed, true);
      assert.strictEqual(await starts(), 0);
    });
  });
});
