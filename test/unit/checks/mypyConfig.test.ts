// mypy with the settings of the learner's pyproject.toml (checks/mypyConfig.ts): on their own
// project the check judges the code by the rules they wrote, leaves out what would choose the
// files or load code, and refuses a config that switches mypy off.

import * as assert from 'assert';
import { runChecks } from '../../../src/checks/engine';
import { mypyIniFrom } from '../../../src/checks/mypyConfig';
import type { CheckSpec } from '../../../src/core/model';
import { context, folder } from './helpers';

const MYPY: CheckSpec = { type: 'mypy', config: 'pyproject.toml' };
const UNTYPED = 'def add(a, b):\n    return a + b\n';

async function check(files: Record<string, string>, spec: CheckSpec = MYPY) {
  const work = await folder(files);
  const ctx = context(work, [spec]);
  const report = await runChecks(ctx);
  return { result: report.results[0], lines: ctx.lines };
}

describe('checks: mypy with the settings of the learner\'s pyproject.toml', () => {
  it('writes [tool.mypy] and its overrides as mypy.ini sections, leaving out what chooses files or loads code', () => {
    const { ini, notes, problem } = mypyIniFrom(
      {
        strict: true,
        python_version: '3.11',
        'disable-error-code': ['import-untyped'],
        files: ['src'],
        plugins: ['pydantic.mypy'],
        overrides: [{ module: ['tests.*', 'scripts'], disallow_untyped_defs: false, cache_dir: '/tmp/x' }, { module: 'sklearn.*', ignore_missing_imports: true }],
      },
      'pyproject.toml',
    );
    assert.strictEqual(problem, undefined);
    assert.strictEqual(ini, '[mypy]\nstrict = True\npython_version = 3.11\ndisable_error_code = import-untyped\n\n[mypy-tests.*,scripts]\ndisallow_untyped_defs = False\n\n[mypy-sklearn.*]\nignore_missing_imports = True\n');
    assert.match(notes.join('\n'), /Left out of the check: files \(the check decides which files it reads\), plugins \(the check loads no code of its own choosing\), overrides\[0\]\.cache_dir/);
  });

  it('refuses ignore_errors for the whole project, and settings it cannot write out', () => {
    assert.match(mypyIniFrom({ ignore_errors: true }, 'pyproject.toml').problem ?? '', /ignore_errors = true in \[tool\.mypy\] switches mypy off for the whole project/);
    assert.strictEqual(mypyIniFrom({ overrides: [{ module: 'legacy.*', ignore_errors: true }] }, 'pyproject.toml').problem, undefined, 'one module, justified in the config, is allowed');
    assert.match(mypyIniFrom({ overrides: [{ strict: true }] }, 'p.toml').problem ?? '', /overrides\]\] number 1 needs module/);
    assert.match(mypyIniFrom({ strict: { a: 1 } }, 'p.toml').problem ?? '', /strict must be true or false/);
  });

  it('judges the code by the learner\'s settings: strict fails untyped code, the defaults pass it', async () => {
    const strict = await check({ 'pyproject.toml': '[tool.mypy]\nstrict = true\n', 'calc.py': UNTYPED });
    assert.strictEqual(strict.result.status, 'failed', strict.result.summary);
    assert.match(strict.result.details.join('\n'), /calc\.py:1:1 Function is missing a type annotation/);
    assert.ok(strict.lines.some((l) => l.includes('mypy ran with the settings of [tool.mypy] in pyproject.toml.')), strict.lines.join('\n'));
    const lenient = await check({ 'pyproject.toml': '[tool.mypy]\ncheck_untyped_defs = false\n', 'calc.py': UNTYPED });
    assert.strictEqual(lenient.result.status, 'passed', lenient.result.summary);
    const off = await check({ 'pyproject.toml': '[tool.mypy]\nignore_errors = true\n', 'calc.py': 'x: int = "one"\n' });
    assert.strictEqual(off.result.status, 'failed');
    assert.match(off.result.summary, /switches mypy off/);
    const broken = await check({ 'pyproject.toml': '[tool.mypy\nstrict = true\n', 'calc.py': UNTYPED });
    assert.strictEqual(broken.result.status, 'failed');
    assert.match(broken.result.summary, /pyproject\.toml: it is not valid TOML/);
  });
});
