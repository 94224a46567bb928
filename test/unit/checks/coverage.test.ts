// Analysers see everything that runs: mypy and Ruff read every Python file of the scratch
// copy, dot-folders and folders shaped like site-packages included, and what is not copied
// (environments, compiled code without its source) cannot be imported by the tests.

import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as path from 'path';
import { runChecks } from '../../../src/checks/engine';
import type { CheckSpec } from '../../../src/core/model';
import { context, folder, PYTHON } from './helpers';

const MAIN = 'import importlib\n\n\ndef total() -> int:\n    helper = importlib.import_module("helper")\n    return int(helper.value())\n';
/** Wrong for mypy (returns a str as an int) and for Ruff (an unused import). */
const HIDDEN_HELPER = 'import os\n\n\ndef value() -> int:\n    return "1"\n';
const TEST = (folderName: string) =>
  `import os\nimport sys\n\nsys.path.insert(0, os.path.join(os.path.dirname(__file__), ${JSON.stringify(folderName)}))\n\nfrom main import total  # noqa: E402\n\n\ndef test_total() -> None:\n    assert total() == 1\n`;

const CHECKS: CheckSpec[] = [{ type: 'mypy' }, { type: 'ruff-lint', select: ['F'] }];

describe('checks: analysers see every Python file that can run', () => {
  for (const hidden of ['.hidden', path.join('lib', 'site-packages'), path.join('__pypackages__', '3.11', 'lib'), 'dist', '.github']) {
    it(`logic moved into ${hidden}/ is type-checked and linted`, async () => {
      const work = await folder({ 'main.py': MAIN, [path.join(hidden, 'helper.py')]: HIDDEN_HELPER });
      const report = await runChecks(context(work, CHECKS));
      const [mypy, ruff] = report.results;
      const helper = path.join(work, hidden, 'helper.py');
      assert.strictEqual(mypy.status, 'failed', mypy.summary);
      assert.ok(mypy.findings.some((f) => f.file === helper && f.code === 'return-value'), JSON.stringify(mypy.findings));
      assert.strictEqual(ruff.status, 'failed', ruff.summary);
      assert.ok(ruff.findings.some((f) => f.file === helper && f.code === 'F401'), JSON.stringify(ruff.findings));
    });
  }

  it('honest code in such folders passes: nothing is refused for where it lives', async () => {
    const work = await folder({ 'main.py': MAIN, '.hidden/helper.py': 'def value() -> int:\n    return 1\n', 'lib/site-packages/other.py': 'X = 1\n' });
    const report = await runChecks(context(work, CHECKS));
    assert.deepStrictEqual(report.results.map((r) => [r.status, r.summary]), [
      ['passed', 'mypy found no type errors.'],
      ['passed', 'Ruff found nothing in 3 files.'],
    ]);
  });

  it('an environment under any name (pyvenv.cfg) is not copied, so its code cannot be imported by the tests', async () => {
    const work = await folder({ 'main.py': MAIN, 'env/pyvenv.cfg': 'home = /usr/bin\n', 'env/helper.py': HIDDEN_HELPER, 'test_main.py': TEST('env') });
    const ctx = context(work, [...CHECKS, { type: 'pytest' }]);
    const report = await runChecks(ctx);
    const [mypy, ruff, pytest] = report.results;
    assert.strictEqual(mypy.status, 'passed', 'the environment is not the learner\'s code');
    assert.strictEqual(ruff.status, 'passed', ruff.summary);
    assert.strictEqual(pytest.status, 'failed', 'its code is not there to import');
    assert.ok(ctx.lines.some((l) => /Left out .*env/.test(l)), ctx.lines.join('\n'));
  });

  it('compiled bytecode without its source is not copied: code no analyser can read does not run', async () => {
    const src = await folder({ 'helper.py': 'def value():\n    return 1\n' });
    const compiled = path.join(src, 'helper.pyc');
    const { execFileSync } = await import('child_process');
    execFileSync(PYTHON.path, ['-c', `import py_compile; py_compile.compile(${JSON.stringify(path.join(src, 'helper.py'))}, cfile=${JSON.stringify(compiled)})`]);
    const work = await folder({ 'main.py': MAIN, 'test_main.py': TEST('.') });
    await fs.copyFile(compiled, path.join(work, 'helper.pyc'));
    // Without the copy rule the test would pass: Python imports helper.pyc with no helper.py.
    execFileSync(PYTHON.path, ['-c', 'import sys; sys.path.insert(0, "."); import helper; assert helper.value() == 1'], { cwd: work });
    const ctx = context(work, [{ type: 'pytest' }]);
    const report = await runChecks(ctx);
    assert.strictEqual(report.results[0].status, 'failed', report.results[0].summary);
    assert.ok(ctx.lines.some((l) => /Left out 1 compiled file.*helper\.pyc/.test(l)), ctx.lines.join('\n'));
  });
});
