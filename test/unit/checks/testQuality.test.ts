// The pytest check's options for suites the learner wrote: their project's own settings and
// conftest files, a minimum number of test functions, tests that check nothing, skips.

import * as assert from 'assert';
import * as path from 'path';
import { runChecks } from '../../../src/checks/engine';
import { outcomeHooks, passedFunctions, projectPytestConfig } from '../../../src/checks/testQuality';
import type { CheckSpec } from '../../../src/core/model';
import { context, folder } from './helpers';

async function check(files: Record<string, string>, spec: Partial<Extract<CheckSpec, { type: 'pytest' }>>) {
  const work = await folder(files);
  const report = await runChecks(context(work, [{ type: 'pytest', ...spec }]));
  return report.results[0];
}

const PROJECT = {
  'pyproject.toml': '[project]\nname = "churn"\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\npythonpath = ["src"]\naddopts = "--collect-only"\n',
  'src/churn/__init__.py': '',
  'src/churn/calc.py': 'def double(x):\n    return 2 * x\n',
  'tests/conftest.py': 'import pytest\n\n\n@pytest.fixture\ndef three():\n    return 3\n',
  'tests/test_calc.py': 'from churn.calc import double\n\n\ndef test_double(three):\n    assert double(three) == 6\n',
};

describe('checks: pytest on a suite the learner wrote', () => {
  it('projectConfig: reads the project\'s pytest settings (addopts aside) and its conftest.py fixtures', async () => {
    const r = await check(PROJECT, { projectConfig: true });
    assert.strictEqual(r.status, 'passed', r.summary);
    assert.ok(r.details.some((d) => /settings in pyproject\.toml were used/.test(d)), r.details.join('\n'));
    const hermetic = await check(PROJECT, {});
    assert.strictEqual(hermetic.status, 'failed', 'without it, neither the settings nor the conftest are used');
  });

  it('projectConfig: refuses a project file that implements a hook deciding outcomes, wherever it is', async () => {
    const cheat = {
      ...PROJECT,
      'tests/test_calc.py': 'from churn.calc import double\n\n\ndef test_double(three):\n    assert double(three) == 7\n',
      'tests/helpers/plugin.py': 'import pytest\n\n\n@pytest.hookimpl(hookwrapper=True)\ndef pytest_runtest_makereport(item, call):\n    outcome = yield\n    outcome.get_result().outcome = "passed"\n',
    };
    const r = await check(cheat, { projectConfig: true });
    assert.strictEqual(r.status, 'failed');
    assert.match(r.summary, /^tests\/helpers\/plugin\.py:5 pytest_runtest_makereport implements a pytest hook/);
    assert.deepStrictEqual(r.findings.map((f) => [path.basename(f.file), f.line, f.code]), [['plugin.py', 5, 'outcome-hook']]);
    assert.deepStrictEqual(await outcomeHooks(await folder({ 'conftest.py': 'def pytest_configure(config):\n    pass\n\n\ndef pytest_collection_modifyitems(items):\n    pass\n' })), [], 'markers and collection hooks are fine');
  });

  it('finds the project\'s pytest settings in pytest\'s order, and only a file with a pytest section', async () => {
    const dir = await folder({ 'pyproject.toml': '[tool.ruff]\nline-length = 88\n', 'setup.cfg': '[tool:pytest]\ntestpaths = tests\n' });
    assert.strictEqual(path.basename((await projectPytestConfig(dir))!), 'setup.cfg');
    const both = await folder({ 'pytest.ini': '[pytest]\n', 'pyproject.toml': '[tool.pytest.ini_options]\n' });
    assert.strictEqual(path.basename((await projectPytestConfig(both))!), 'pytest.ini');
    assert.strictEqual(await projectPytestConfig(await folder({ 'tox.ini': '[tox]\n' })), undefined);
  });

  it('minTests: counts test functions that passed, the cases of a parametrized one once', async () => {
    const files = {
      'calc.py': 'def double(x):\n    return 2 * x\n',
      'test_calc.py': 'import pytest\nfrom calc import double\n\n\n@pytest.mark.parametrize("x", [1, 2, 3, 4, 5])\ndef test_double(x):\n    assert double(x) == x + x\n\n\ndef test_zero():\n    assert double(0) == 0\n',
    };
    const r = await check(files, { minTests: 3 });
    assert.strictEqual(r.status, 'failed');
    assert.match(r.summary, /^2 test functions ran and passed; this check asks for at least 3/);
    assert.strictEqual((await check(files, { minTests: 2 })).status, 'passed');
    assert.deepStrictEqual(passedFunctions([{ id: 'a.py::t[1]', outcome: 'passed' }, { id: 'a.py::t[2]', outcome: 'passed' }, { id: 'a.py::u', outcome: 'skipped' }]), ['a.py::t']);
  });

  it('requireAsserts: names the tests that check nothing; asserts, raises, assert_… calls and checking helpers count', async () => {
    const tests = [
      'import unittest',
      'from unittest import mock',
      'import pytest',
      'from calc import double',
      '',
      'def expect_double(x):',
      '    assert double(x) == 2 * x',
      '',
      'def test_assert():\n    assert double(2) == 4',
      'def test_raises():\n    with pytest.raises(TypeError):\n        double(None)',
      'def test_helper():\n    expect_double(3)',
      'def test_mock():\n    m = mock.Mock()\n    m(double(1))\n    m.assert_called_once_with(2)',
      'class TestCase(unittest.TestCase):\n    def test_unittest(self):\n        self.assertEqual(double(1), 2)',
      '@pytest.mark.parametrize("x", [1, 2])\ndef test_calls_only(x):\n    double(x)',
      'def test_assert_true():\n    double(1)\n    assert True',
      'def test_constant_comparison():\n    assert 1 == 1',
      '',
    ].join('\n');
    const r = await check({ 'calc.py': 'def double(x):\n    return 2 * x\n', 'test_calc.py': tests }, { requireAsserts: true });
    assert.strictEqual(r.status, 'failed');
    assert.match(r.summary, /^test_calls_only, test_assert_true, test_constant_comparison check nothing/);
    assert.deepStrictEqual(
      r.findings.map((f) => f.message.split(' ')[0]),
      ['test_calls_only', 'test_assert_true', 'test_constant_comparison'],
      'one finding per test function, not per parametrized case',
    );
  });

  it('requireAsserts: an assert that cannot fail counts for nothing; unusual asserts that can fail still count', async () => {
    const tests = [
      'import math',
      'import unittest',
      'from calc import double',
      '',
      'def test_same_sides():\n    r = double(2)\n    assert r == r',
      'def test_tuple():\n    assert (double(2), 4)',
      'def test_or_true():\n    assert double(2) == 5 or True',
      'def test_len():\n    assert len([double(2)]) >= 0',
      'def test_isinstance_object():\n    assert isinstance(double(2), object)',
      'def test_fstring():\n    assert f"{double(2)} computed"',
      'class TestSame(unittest.TestCase):\n    def test_assert_equal_same(self):\n        r = double(2)\n        self.assertEqual(r, r)\n        self.assertTrue((r, 1))',
      'def test_nan():\n    r = double(float("nan"))\n    assert r != r',
      'def test_chained():\n    assert 3 < double(2) <= 4',
      'def test_not_empty():\n    problems = [x for x in range(3) if double(x) != x + x]\n    assert not problems',
      'def test_isclose():\n    assert math.isclose(double(0.1), 0.2)',
      'def test_parenthesised():\n    assert (double(2) == 4), "doubles"',
      '',
    ].join('\n');
    const r = await check({ 'calc.py': 'def double(x):\n    return 2 * x\n', 'test_calc.py': tests }, { requireAsserts: true });
    assert.strictEqual(r.status, 'failed');
    assert.deepStrictEqual(
      r.findings.map((f) => f.message.split(' ')[0]),
      ['test_same_sides', 'test_tuple', 'test_or_true', 'test_len', 'test_isinstance_object', 'test_fstring', 'test_assert_equal_same'],
    );
    assert.match(r.findings[0].message, /an assert that cannot fail/);
  });

  it('allowSkips: skipped tests pass but do not count; a suite of skips alone does not pass', async () => {
    const files = { 'test_s.py': 'import pytest\n\n\ndef test_ok():\n    assert 2 + 2 == 4\n\n\n@pytest.mark.skip(reason="needs a GPU")\ndef test_gpu():\n    assert False\n' };
    assert.strictEqual((await check(files, {})).status, 'failed', 'without allowSkips a skip fails the check');
    const r = await check(files, { allowSkips: true });
    assert.strictEqual(r.status, 'passed', r.summary);
    assert.strictEqual(r.summary, '1 test passed (1 skipped, not counted).');
    assert.strictEqual((await check(files, { allowSkips: true, minTests: 2 })).status, 'failed');
    const only = await check({ 'test_s.py': 'import pytest\n\n\n@pytest.mark.skip(reason="later")\ndef test_gpu():\n    assert False\n' }, { allowSkips: true });
    assert.strictEqual(only.status, 'failed');
    assert.match(only.summary, /^No test ran: the only test was skipped/);
  });
  it('projectConfig with noNetwork: a test that catches the blocked call and passes anyway is refused by name; a mocked one passes', async () => {
    const fetch = 'from urllib.request import urlopen\n\n\ndef fetch(url):\n    with urlopen(url, timeout=5) as r:\n        return r.read()\n\n\ndef fetch_or(url, saved):\n    try:\n        return fetch(url)\n    except ConnectionError:\n        return saved\n';
    const fallback = 'from fetch import fetch\n\n\ndef test_fetch():\n    try:\n        data = fetch("http://sensors.invalid/readings")\n    except Exception:\n        data = b"saved"\n    assert data == b"saved"\n';
    const refused = await check({ 'fetch.py': fetch, 'test_fetch.py': fallback }, { projectConfig: true, noNetwork: true });
    assert.strictEqual(refused.status, 'failed', refused.summary);
    assert.match(refused.summary, /^The tests passed, but test_fetch tried to reach the network \(sensors\.invalid\) and went on when the call was refused/);
    assert.ok(refused.details.includes('test_fetch.py::test_fetch: tried to reach sensors.invalid, and the test went on when the call was refused'), refused.details.join('\n'));
    // The same suite as the learner's tests of an exercise (no projectConfig).
    const plain = await check({ 'fetch.py': fetch, 'test_fetch.py': fallback }, { noNetwork: true });
    assert.strictEqual(plain.status, 'failed', plain.summary);
    assert.match(plain.summary, /^The tests passed, but test_fetch tried to reach the network \(sensors\.invalid\)/);
    // The unusual honest case: a test of the fallback, with the failure made by a mock.
    const mocked = 'from unittest.mock import patch\nimport io\nfrom fetch import fetch, fetch_or\n\n\ndef test_fetch():\n    with patch("fetch.urlopen", return_value=io.BytesIO(b"saved")):\n        assert fetch("http://sensors.invalid/readings") == b"saved"\n\n\ndef test_fallback():\n    with patch("fetch.urlopen", side_effect=ConnectionError("down")):\n        assert fetch_or("http://sensors.invalid/readings", b"old") == b"old"\n';
    const passed = await check({ 'fetch.py': fetch, 'test_fetch.py': mocked }, { projectConfig: true, noNetwork: true });
    assert.strictEqual(passed.status, 'passed', passed.summary);
    assert.match(passed.summary, /^2 tests passed/);
  });
});
