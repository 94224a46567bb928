// The process boundary of the exercise's tests: the judge (pytest, assertions, timing, memory,
// the report) never runs the learner's code; the worker does, behind an audit hook. Real
// Python, real pytest: each test is a small exercise with a hidden test and a learner folder.

import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as path from 'path';
import { runChecks } from '../../../src/checks/engine';
import { JUDGE_FILES, judgeBytecode, runJudge } from '../../../src/checks/judge';
import { runProcess } from '../../../src/checks/process';
import type { CheckResult } from '../../../src/checks/types';
import { context, folder, PYTHON } from './helpers';

/** Runs the pytest check of an exercise whose hidden tests are `hidden` on a learner folder holding `learner`. */
async function judged(learner: Record<string, string>, hidden: Record<string, string>): Promise<{ result: CheckResult; exDir: string }> {
  const exDir = await folder(Object.fromEntries(Object.entries(hidden).map(([k, v]) => [`hidden/${k}`, v])));
  const work = await folder(learner);
  const report = await runChecks(context(work, [{ type: 'pytest', hiddenTests: 'hidden' }], {}, exDir));
  return { result: report.results[0], exDir };
}

const MEAN_TEST = 'from stats import mean\n\n\ndef test_mean():\n    assert mean([1.0, 2.0]) == 1.5\n';

describe('checks: the judge and the worker', function () {
  this.timeout(120_000);

  it('a learner module that patches pytest, json and sys in its own process changes no verdict', async () => {
    const stats = [
      'import json, sys',
      'import _pytest.runner, _pytest.reports, pytest',
      '# Every report a pass, every JSON a pass, and exit code 0 at the end: in this process.',
      '_pytest.reports.TestReport.outcome = "passed"',
      '_pytest.runner.call_and_report = lambda *a, **k: None',
      'pytest.fail = lambda *a, **k: None',
      'json.dumps = lambda *a, **k: "{}"',
      'json.loads = lambda *a, **k: {"ok": 1.5}',
      'sys.exit = lambda *a: None',
      'sys.modules["pytest"] = None',
      '',
      'def mean(values):',
      '    return 0.0',
      '',
    ].join('\n');
    const { result } = await judged({ 'stats.py': stats }, { 'test_stats.py': MEAN_TEST });
    assert.strictEqual(result.status, 'failed', result.summary);
    assert.match(result.summary, /1 of 1 test failed: test_mean/);
  });

  it('an object whose __eq__ always says True is not equal to the expected value', async () => {
    const stats = 'class Anything:\n    def __eq__(self, other):\n        return True\n\n\ndef mean(values):\n    return Anything()\n';
    const { result } = await judged({ 'stats.py': stats }, { 'test_stats.py': MEAN_TEST });
    assert.strictEqual(result.status, 'failed', result.summary);
    assert.match(result.summary, /test_mean/);
    // The honest module passes the same test: the boundary carries plain values faithfully.
    const honest = await judged({ 'stats.py': 'def mean(values):\n    return sum(values) / len(values)\n' }, { 'test_stats.py': MEAN_TEST });
    assert.strictEqual(honest.result.status, 'passed', honest.result.summary);
  });

  it('exceptions come back as the built-in class, and a learner exception class keeps its name and bases', async () => {
    const settings = 'class SettingsError(ValueError):\n    pass\n\n\ndef load(port):\n    if not port.isdigit():\n        raise SettingsError(f"PORT must be a number, not {port!r}")\n    return int(port)\n\n\ndef key(d):\n    return d["missing"]\n';
    const test = [
      'import pytest',
      'from settings import SettingsError, key, load',
      '',
      'def test_errors():',
      '    assert issubclass(SettingsError, ValueError)',
      '    with pytest.raises(SettingsError, match="PORT must be a number"):',
      '        load("eighty")',
      '    with pytest.raises(ValueError):',
      '        load("x")',
      '    with pytest.raises(KeyError):',
      '        key({})',
      '    assert load("8080") == 8080',
      '',
    ].join('\n');
    const { result } = await judged({ 'settings.py': settings }, { 'test_settings.py': test });
    assert.strictEqual(result.status, 'passed', `${result.summary}\n${result.details.join('\n')}`);
  });

  it('a learner exception hierarchy of any depth, with built-in bases mixed in, keeps its shape: pytest.raises matches every base', async () => {
    // Stand-ins used to put the marker mixin before every class, which Python refuses for a
    // subclass of a class that already has it (TypeError: consistent method resolution order).
    const store = [
      'class StoreError(Exception):',
      '    pass',
      '',
      'class NotFound(StoreError):',
      '    pass',
      '',
      'class Gone(NotFound):',
      '    def __init__(self, key, store):',
      '        super().__init__(f"{key} left {store}")',
      '        self.key = key',
      '',
      'class BadKey(StoreError, KeyError):',
      '    pass',
      '',
      'class Both(Gone, BadKey):',
      '    pass',
      '',
      'class Quirky(KeyError, StoreError):',
      '    def __str__(self):',
      '        return "quirky " + self.args[0]',
      '',
      'def fail(kind):',
      '    if kind == "gone":',
      '        raise Gone("k", "s3")',
      '    if kind == "bad":',
      '        raise BadKey("k")',
      '    if kind == "both":',
      '        raise Both("k", "gcs")',
      '    if kind == "quirky":',
      '        raise Quirky("k")',
      '    raise NotFound(kind)',
      '',
    ].join('\n');
    const test = [
      'import pytest',
      'from store import BadKey, Both, Gone, NotFound, Quirky, StoreError, fail',
      '',
      'def test_hierarchy():',
      '    assert issubclass(Gone, NotFound) and issubclass(Gone, StoreError)',
      '    assert issubclass(BadKey, KeyError) and issubclass(BadKey, StoreError)',
      '    assert issubclass(Both, BadKey) and issubclass(Both, Gone)',
      '    assert [c.__name__ for c in Both.__mro__ if c.__module__ == "store"] == ["Both", "Gone", "NotFound", "BadKey", "StoreError"]',
      '',
      'def test_raised():',
      '    with pytest.raises(StoreError, match="^x$"):',
      '        fail("x")',
      '    with pytest.raises(NotFound) as info:',
      '        fail("gone")',
      '    assert type(info.value) is Gone and str(info.value) == "k left s3" and info.value.key == "k"',
      '    with pytest.raises(KeyError):',
      '        fail("bad")',
      '    with pytest.raises(BadKey):',
      '        fail("both")',
      '    with pytest.raises(Gone, match="k left gcs"):',
      '        fail("both")',
      '    # The learner\'s own __str__, even behind a built-in base listed first.',
      '    with pytest.raises(StoreError, match="^quirky k$"):',
      '        fail("quirky")',
      '',
    ].join('\n');
    const { result } = await judged({ 'store.py': store }, { 'test_store.py': test });
    assert.strictEqual(result.status, 'passed', `${result.summary}\n${result.details.join('\n')}`);
    // The judge decides on values: a wrong class is still refused.
    const wrong = await judged({ 'store.py': store.replace('raise BadKey("k")', 'raise NotFound("k")') }, { 'test_store.py': test });
    assert.strictEqual(wrong.result.status, 'failed', wrong.result.summary);
    assert.match(wrong.result.summary, /test_raised/);
  });

  it("an exception a test's fake raises reaches the learner's code as data, with a type its except clauses can catch", async () => {
    // The fakes live in the judge; the learner's code calls them across the boundary. A class
    // the test defines used to reach the learner as RuntimeError, so `except ConnectionError`
    // missed a fake's StoreDown(ConnectionError) and honest code was refused.
    const sync = [
      'import errno',
      'import yaml',
      'from errors import NotFound',
      '',
      'def fetch(store, key):',
      '    try:',
      '        return store.get(key)',
      '    except ConnectionError as e:',
      '        return "offline: %s %s" % (type(e).__name__, e)',
      '    except NotFound as e:',
      '        return "missing: %s %s" % (type(e).__name__, e)',
      '    except yaml.YAMLError as e:',
      '        return "bad yaml: %s" % type(e).__name__',
      '',
      'def refused(store):',
      '    try:',
      '        store.get("k")',
      '    except OSError as e:',
      '        return e.errno == errno.ECONNREFUSED, e.strerror',
      '',
      'def describe(store):',
      '    try:',
      '        store.get("k")',
      '    except Exception as e:',
      '        return [c.__name__ for c in type(e).__mro__], str(e), e.args',
      '',
      'def passes_on(store):',
      '    return store.get("k")',
      '',
    ].join('\n');
    const test = [
      'import errno',
      'from unittest import mock',
      'import pytest',
      'import yaml',
      'from errors import NotFound',
      'from sync import describe, fetch, passes_on, refused',
      '',
      'class StoreDown(ConnectionError):',
      '    def __init__(self, host):',
      '        super().__init__(f"{host} is down")',
      '        self.host = host',
      '',
      'class QuotaExceeded(Exception):',
      '    def __str__(self):',
      '        return "quota: " + self.args[0]',
      '',
      'class Deeper(QuotaExceeded):',
      '    pass',
      '',
      'class FakeNotFound(NotFound):',
      '    pass',
      '',
      'class Raises:',
      '    def __init__(self, error):',
      '        self.error = error',
      '    def get(self, key):',
      '        raise self.error',
      '',
      'def test_builtin_types_keep_their_type():',
      '    assert fetch(Raises(ConnectionError("reset")), "k") == "offline: ConnectionError reset"',
      '    store = mock.Mock()',
      '    store.get.side_effect = ConnectionResetError("reset by peer")',
      '    assert fetch(store, "k") == "offline: ConnectionResetError reset by peer"',
      '    assert refused(Raises(ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"))) == (True, "Connection refused")',
      '',
      'def test_a_test_class_is_caught_by_its_builtin_base():',
      '    assert fetch(Raises(StoreDown("db-1")), "k") == "offline: StoreDown db-1 is down"',
      '',
      'def test_a_test_class_keeps_its_name_text_and_hierarchy():',
      '    mro, text, args = describe(Raises(Deeper("over")))',
      '    assert mro[:3] == ["Deeper", "QuotaExceeded", "Exception"]',
      '    assert (text, args) == ("quota: over", ("over",))',
      '',
      'def test_a_learner_class_and_a_test_subclass_of_it_are_caught_by_the_learner():',
      '    assert fetch(Raises(NotFound("k")), "k") == "missing: NotFound k"',
      '    assert fetch(Raises(FakeNotFound("k")), "k") == "missing: FakeNotFound k"',
      '',
      'def test_an_installed_library_class_is_the_library_class():',
      '    assert fetch(Raises(yaml.YAMLError("bad")), "k") == "bad yaml: YAMLError"',
      '',
      'def test_what_the_learner_lets_through_is_the_test_class_again():',
      '    with pytest.raises(QuotaExceeded, match="^quota: over$") as info:',
      '        passes_on(Raises(Deeper("over")))',
      '    assert type(info.value) is Deeper',
      '    with pytest.raises(StoreDown) as down:',
      '        passes_on(Raises(StoreDown("db-2")))',
      '    assert down.value.host == "db-2"',
      '',
    ].join('\n');
    const { result } = await judged({ 'sync.py': sync, 'errors.py': 'class NotFound(KeyError):\n    def __str__(self):\n        return str(self.args[0])\n' }, { 'test_sync.py': test });
    assert.strictEqual(result.status, 'passed', `${result.summary}\n${result.tests.map((t) => `${t.id}: ${t.detail ?? t.message ?? ''}`).join('\n')}`);
  });

  it('with the network blocked, learner code that catches the refused call is still refused; a fake that raises ConnectionError is fine', async () => {
    const fetch = [
      'from urllib.request import urlopen',
      '',
      'def load(url, client=None):',
      '    try:',
      '        if client is not None:',
      '            return client.get(url)',
      '        with urlopen(url, timeout=3) as r:',
      '            return r.read()',
      '    except Exception:',
      '        return b"cached"',
      '',
    ].join('\n');
    const test = (body: string) => `from fetch import load\n\n\nclass Down:\n    def get(self, url):\n        raise ConnectionError("down")\n\n\ndef test_load():\n    ${body}\n`;
    const run = async (body: string) => {
      const exDir = await folder({ 'hidden/test_fetch.py': test(body) });
      const work = await folder({ 'fetch.py': fetch });
      return (await runChecks(context(work, [{ type: 'pytest', hiddenTests: 'hidden', noNetwork: true }], {}, exDir))).results[0];
    };
    const caught = await run('assert load("http://sensors.invalid/x") == b"cached"');
    assert.strictEqual(caught.status, 'failed', caught.summary);
    assert.match(caught.summary, /^test_load tried to reach the network/);
    assert.match(caught.details.join('\n'), /Upskill blocked a network call to sensors\.invalid.*\(from fetch\.py line 7\)/);
    const faked = await run('assert load("http://sensors.invalid/x", Down()) == b"cached"');
    assert.strictEqual(faked.status, 'passed', `${faked.summary}\n${faked.details.join('\n')}`);
  });

  it('values cross as data both ways, type and all: NumPy, pandas, dates, decimals, paths, nested containers', async () => {
    const test = [
      'import collections, datetime, decimal, fractions, math, pathlib',
      'import numpy as np',
      'import pandas as pd',
      'from echo import echo, kinds',
      '',
      'VALUES = [',
      '    None, True, 3, 2**70, -0.0, 1.5, "é\\udcff", b"\\x00\\xff", bytearray(b"ab"), (1, (2, [3])), {1: "a", ("k",): [1.0]},',
      '    {1, 2}, frozenset({3}), complex(1, -2), pathlib.Path("/tmp/x"), datetime.date(2024, 3, 4),',
      '    datetime.datetime(2024, 3, 4, 5, 6, 7, tzinfo=datetime.timezone.utc), datetime.timedelta(days=2, seconds=3),',
      '    decimal.Decimal("1.10"), fractions.Fraction(1, 3), range(1, 9, 2), collections.Counter("aab"),',
      '    collections.OrderedDict(a=1), [float(i) for i in range(100)], list(range(100)), int, list[int], dict[str, float | None],',
      ']',
      '',
      'def test_plain_values():',
      '    for value in VALUES:',
      '        back = echo(value)',
      '        assert back == value and type(back) is type(value), (value, back)',
      '    assert math.isnan(echo(float("nan"))) and echo(float("inf")) == float("inf")',
      '',
      'def test_numpy_and_pandas():',
      '    a = np.arange(12, dtype=np.int32).reshape(3, 4)',
      '    back = echo(a)',
      '    assert back.dtype == np.int32 and back.shape == (3, 4) and np.array_equal(back, a)',
      '    assert echo(np.float32(1.5)) == np.float32(1.5) and type(echo(np.float32(1.5))) is np.float32',
      '    frame = pd.DataFrame({"a": [1, 2], "b": ["x", None], "c": pd.Categorical(["u", "v"]), "d": pd.to_datetime(["2024-01-01", "2024-01-02"])}, index=["r1", "r2"])',
      '    pd.testing.assert_frame_equal(echo(frame), frame)',
      '    series = pd.Series([1.0, None], name="s", index=pd.RangeIndex(5, 7))',
      '    pd.testing.assert_series_equal(echo(series), series)',
      '    assert kinds(frame) == ["DataFrame", "int64", "object", "category", "datetime64[ns]"]',
      '',
    ].join('\n');
    const echo = 'def echo(x):\n    return x\n\n\ndef kinds(frame):\n    return [type(frame).__name__, *[str(t) for t in frame.dtypes]]\n';
    const { result } = await judged({ 'echo.py': echo }, { 'test_echo.py': test });
    assert.strictEqual(result.status, 'passed', `${result.summary}\n${result.tests.map((t) => t.detail ?? t.message).join('\n')}`);
  });

  it('a worker that exits early, hangs or floods its output is reported as such, and the next test gets a fresh one', async () => {
    const work = await folder({
      'bad.py': [
        'import os, sys',
        '',
        'def leave():',
        '    os._exit(3)',
        '',
        'def hang():',
        '    while True:',
        '        pass',
        '',
        'def chatter():',
        '    for _ in range(200_000):',
        '        print("x" * 100)',
        '    os.write(1, b"y" * 5_000_000)',
        '    return 42',
        '',
        'def fine():',
        '    return "ok"',
        '',
      ].join('\n'),
    });
    const tests = await folder({
      'test_bad.py': [
        'import bad',
        '',
        'def test_1_leave():',
        '    bad.leave()',
        '',
        'def test_2_after_leaving():',
        '    assert bad.fine() == "ok"',
        '',
        'def test_3_hang():',
        '    bad.hang()',
        '',
        'def test_4_after_hanging():',
        '    assert bad.fine() == "ok"',
        '',
        'def test_5_chatter():',
        '    assert bad.chatter() == 42',
        '',
      ].join('\n'),
    });
    const ctx = context(work, [], {}, tests);
    const run = await runJudge(ctx, [{ rel: 'test_bad.py', from: path.join(tests, 'test_bad.py') }], [], { callTimeoutSeconds: 3 });
    const outcome = Object.fromEntries(run.tests.map((t) => [t.id.split('::')[1], t]));
    assert.strictEqual(outcome.test_1_leave.outcome, 'failed');
    assert.match(outcome.test_1_leave.message ?? '', /worker process ended \(exit code 3\)/);
    assert.strictEqual(outcome.test_2_after_leaving.outcome, 'passed');
    assert.strictEqual(outcome.test_3_hang.outcome, 'failed');
    assert.match(outcome.test_3_hang.message ?? '', /did not answer within 3(\.0)? s/);
    assert.strictEqual(outcome.test_4_after_hanging.outcome, 'passed');
    assert.strictEqual(outcome.test_5_chatter.outcome, 'passed', outcome.test_5_chatter.message);
    assert.strictEqual(run.crashes.length, 2, run.crashes.join('\n'));
  });

  it('the worker started beside pytest is the one the first test uses; a run whose tests never reach the learner code uses none', async () => {
    const work = await folder({ 'stats.py': 'def mean(values):\n    return sum(values) / len(values)\n' });
    const tests = await folder({ 'test_stats.py': MEAN_TEST + '\n\ndef test_again():\n    assert mean([2.0]) == 2.0\n', 'test_plain.py': 'def test_plain():\n    assert 1 + 1 == 2\n' });
    const ctx = context(work, [], {}, tests);
    const both = await runJudge(ctx, [{ rel: 'test_stats.py', from: path.join(tests, 'test_stats.py') }], []);
    assert.deepStrictEqual(both.tests.map((t) => t.outcome), ['passed', 'passed']);
    assert.strictEqual(both.workers, 1, 'one worker for both tests');
    assert.strictEqual(both.started, 1, 'the one started with the judge, not a second');
    const plain = await runJudge(ctx, [{ rel: 'test_plain.py', from: path.join(tests, 'test_plain.py') }], []);
    assert.deepStrictEqual(plain.tests.map((t) => t.outcome), ['passed']);
    assert.strictEqual(plain.workers, 0);
    assert.strictEqual(plain.started, 1, 'started with the judge, then stopped unused');
    assert.deepStrictEqual(plain.crashes, []);
  });

  it("the judge's files come with bytecode this Python loads instead of compiling them each run", async () => {
    const pyc = await judgeBytecode(PYTHON.path);
    const names = Object.keys(JUDGE_FILES);
    assert.deepStrictEqual([...pyc.values()].length, names.length, [...pyc.keys()].join(', '));
    // Laid out as every run's lib folder is, each module is imported from its pyc (python -v says where from).
    const lib = await folder(JUDGE_FILES);
    for (const [rel, code] of pyc) {
      await fs.mkdir(path.dirname(path.join(lib, rel)), { recursive: true });
      await fs.writeFile(path.join(lib, rel), code);
    }
    const modules = names.map((n) => n.replace(/\.py$/, '')).filter((m) => m !== 'upskill_judge_run');
    const run = await runProcess([PYTHON.path, '-I', '-v', '-c', `import sys; sys.dont_write_bytecode = True; sys.path.insert(0, ${JSON.stringify(lib)}); import ${modules.join(', ')}`], { cwd: lib, timeoutMs: 60_000 });
    assert.strictEqual(run.exitCode, 0, run.stderr.slice(-2000));
    for (const m of modules) assert.match(run.stderr, new RegExp(`code object from '?${lib}/__pycache__/${m}\\.[^/]*\\.pyc`), `${m} was compiled from source`);
  });

  it('reading the hidden tests or the exercise (its reference solution) from learner code is refused, and says so', async () => {
    const exDir = await folder({ 'hidden/test_peek.py': 'import os\nfrom peek import read\n\n\ndef test_hidden():\n    assert read(os.path.abspath(__file__)) == "refused"\n\n\ndef test_solution():\n    assert read(os.environ["SOLUTION"]) == "refused"\n', 'solution/peek.py': 'ANSWER = 42\n' });
    const work = await folder({ 'peek.py': 'def read(path):\n    try:\n        with open(path) as f:\n            return f.read()\n    except PermissionError:\n        return "refused"\n' });
    process.env.SOLUTION = path.join(exDir, 'solution', 'peek.py');
    try {
      const report = await runChecks(context(work, [{ type: 'pytest', hiddenTests: 'hidden' }], {}, exDir));
      const [r] = report.results;
      // The reads were refused (the module saw PermissionError), and the check still fails them:
      // a refusal is never a pass, even when the learner's code catches it.
      assert.strictEqual(r.status, 'failed', r.summary);
      assert.match(r.summary, /2 of 2 tests failed/);
      assert.ok(r.tests.every((t) => /Upskill refused reading/.test(t.detail ?? t.message ?? '')), JSON.stringify(r.tests));
      assert.ok(r.details.some((d) => /Refused while your code ran: Upskill refused reading .*test_peek\.py/.test(d)), r.details.join('\n'));
    } finally {
      delete process.env.SOLUTION;
    }
  });

  it('learner code that talks to the judge directly can use only the objects the tests gave it', async () => {
    const attack = [
      'import pathlib, sys',
      '',
      'def attack(folder, callback):',
      '    peer = sys.modules["__main__"]._PEER[0]  # the worker\'s own connection to the judge',
      '    outcomes = []',
      '    for op, args in [',
      '        ("call", (pathlib.Path, [str(folder) + "/pwned"], {})),',
      '        ("callmethod", (pathlib.Path(folder) / "pwned", "touch", [], {})),',
      '        ("getattr", (callback, "__globals__")),',
      '        ("setattr", (callback, "budget", 10**9)),',
      '    ]:',
      '        try:',
      '            peer.request(op, *args)',
      '            outcomes.append("done")',
      '        except Exception as e:',
      '            outcomes.append(type(e).__name__)',
      '    outcomes.append(callback(2))',
      '    return outcomes',
      '',
    ].join('\n');
    const test = [
      'from attack import attack',
      '',
      'class Budget:',
      '    budget = 3',
      '    def __call__(self, x):',
      '        return x * self.budget',
      '',
      'def test_attack(tmp_path):',
      '    budget = Budget()',
      '    outcomes = attack(tmp_path, budget)',
      '    assert not (tmp_path / "pwned").exists()',
      '    assert budget.budget == 3',
      '    assert outcomes == ["PermissionError", "PermissionError", "AttributeError", "AttributeError", 6], outcomes',
      '',
    ].join('\n');
    const { result } = await judged({ 'attack.py': attack }, { 'test_attack.py': test });
    assert.strictEqual(result.status, 'passed', `${result.summary}\n${result.details.join('\n')}`);
  });

  it('time and peak memory are read from outside the worker: a module that fakes the clocks and tracemalloc changes nothing', async () => {
    const hog = [
      'import resource, time, tracemalloc',
      '# Lies about every clock and counter this process has.',
      'time.perf_counter = lambda: 0.0',
      'time.process_time = lambda: 0.0',
      'tracemalloc.get_traced_memory = lambda: (0, 0)',
      'resource.getrusage = lambda who: None',
      '',
      'def hold(n):',
      '    block = bytearray(n)',
      '    for i in range(0, n, 4096):',
      '        block[i] = 1',
      '    return len(block)',
      '',
      'def lean(n):',
      '    return n',
      '',
    ].join('\n');
    const test = [
      'from upskill_judge import measure',
      'from hog import hold, lean',
      '',
      'def test_memory():',
      '    big = measure(hold, 60_000_000)',
      '    small = measure(lean, 60_000_000)',
      '    assert big.finished and big.value == 60_000_000',
      '    assert big.peak_bytes > 50_000_000, big',
      '    assert small.peak_bytes < 10_000_000, small',
      '    assert big.cpu_seconds is not None and big.seconds > 0',
      '',
    ].join('\n');
    const { result } = await judged({ 'hog.py': hog }, { 'test_hog.py': test });
    assert.strictEqual(result.status, 'passed', `${result.summary}\n${result.details.join('\n')}`);
  });

  it('a CPU limit stops a call that spins, even one that ignores SIGXCPU, and never one that only waits', async () => {
    const slow = [
      'import signal, time',
      'signal.signal(signal.SIGXCPU, signal.SIG_IGN)',
      '',
      'def spin():',
      '    while True:',
      '        pass',
      '',
      'def wait(seconds):',
      '    time.sleep(seconds)',
      '    return seconds',
      '',
    ].join('\n');
    const test = [
      'import time',
      'from upskill_judge import measure',
      'from slow import spin, wait',
      '',
      'def test_limits():',
      '    started = time.monotonic()',
      '    spun = measure(spin, timeout=60, cpu_timeout=1)',
      '    assert not spun.finished, spun',
      '    assert time.monotonic() - started < 30, "stopped by the CPU limit, long before the wall-clock one"',
      '    waited = measure(wait, 2.5, timeout=60, cpu_timeout=1)',
      '    assert waited.finished and waited.value == 2.5, waited',
      '    assert waited.seconds >= 2.5 and waited.cpu_seconds < 1, waited',
      '',
    ].join('\n');
    const { result } = await judged({ 'slow.py': slow }, { 'test_slow.py': test });
    assert.strictEqual(result.status, 'passed', `${result.summary}\n${result.details.join('\n')}`);
    assert.ok(!result.details.some((d) => /The process running your code/.test(d)), `a stop at the CPU limit is not reported as a crash: ${result.details.join('\n')}`);
  });
});

describe('checks: the audit hook of the worker', function () {
  this.timeout(60_000);

  /** Runs `code` as the worker runs a learner script (the hook installed first), in a copy holding `files`. */
  async function guarded(code: string, files: Record<string, string> = {}): Promise<{ out: Record<string, string>; stderr: string }> {
    const lib = await folder(JUDGE_FILES);
    const copy = await folder({ 'notes.txt': 'print("hidden logic")\n', ...files });
    const tmp = await folder({});
    const secret = await folder({ 'test_hidden.py': 'SECRET = 1\n' });
    const config = JSON.stringify({ copy, tmp, secret: [secret] });
    await fs.writeFile(path.join(copy, 'probe.py'), code.replace(/SECRET_DIR/g, JSON.stringify(secret)));
    const run = await runProcess([PYTHON.path, '-I', path.join(lib, 'upskill_worker.py'), 'script', config, path.join(copy, 'probe.py')], { cwd: copy, timeoutMs: 30_000, env: { TMPDIR: tmp } });
    const last = run.stdout.trim().split('\n').pop() ?? '{}';
    return { out: JSON.parse(last) as Record<string, string>, stderr: run.stderr };
  }

  it('cannot be removed or worked around: every attempt is refused, and the secret file stays unreadable after them', async () => {
    const probe = [
      'import builtins, importlib, json, os, sys',
      'results = {}',
      'def attempt(name, fn):',
      '    try:',
      '        got = fn()',
      '        results[name] = "leaked" if "SECRET" in str(got) else "allowed"',
      '    except Exception as e:',
      '        results[name] = "refused" if "Upskill refused" in str(e) else f"{type(e).__name__}: {e}"',
      'secret = os.path.join(SECRET_DIR, "test_hidden.py")',
      'attempt("read secret", lambda: open(secret).read())',
      'seen = []',
      'sys.addaudithook(lambda event, args: seen.append(event))',
      'open("notes.txt").close()',
      'results["add a hook"] = "allowed" if seen else "refused"',
      'attempt("settrace", lambda: sys.settrace(lambda *a: None))',
      'attempt("gc walk", lambda: __import__("gc").get_objects())',
      'attempt("ctypes", lambda: __import__("ctypes").CDLL("libc.so.6"))',
      'attempt("exec a text file", lambda: exec(open("notes.txt").read()))',
      'attempt("compile", lambda: compile("1 + 1", "x", "eval"))',
      'attempt("code object", lambda: (lambda: 0).__code__.replace(co_consts=(1,)))',
      'attempt("runpy on a text file", lambda: __import__("runpy").run_path("notes.txt"))',
      'attempt("code module", lambda: __import__("code").InteractiveInterpreter().runsource("x = 1"))',
      'import importlib.abc, importlib.util',
      'class TextLoader(importlib.abc.SourceLoader):',
      '    def get_filename(self, name): return os.__file__',
      '    def get_data(self, path): return open("notes.txt", "rb").read()',
      'def load_text_as_module():',
      '    spec = importlib.util.spec_from_loader("hidden_logic", TextLoader())',
      '    spec.loader.exec_module(importlib.util.module_from_spec(spec))',
      'attempt("a loader passing text off as a library file", load_text_as_module)',
      'def import_written_module():',
      '    folder = os.environ["TMPDIR"]',
      '    with open(os.path.join(folder, "written.py"), "w") as f:',
      '        f.write("X = 1\\n")',
      '    sys.path.insert(0, folder)',
      '    import written',
      'attempt("import a module written at run time", import_written_module)',
      'attempt("subprocess", lambda: __import__("subprocess").run(["true"]))',
      'attempt("os.system", lambda: os.system("true"))',
      'attempt("write outside", lambda: open(os.path.join(SECRET_DIR, "x.py"), "w"))',
      'attempt("symlink to it", lambda: os.symlink(secret, "link.py"))',
      '# pathlib changed so that the hook and open() would see different paths:',
      'import pathlib',
      'flip = iter([secret, "notes.txt"] * 3)',
      'pathlib.PurePath.__fspath__ = lambda self: next(flip)',
      'attempt("patched pathlib", lambda: open(pathlib.Path("anything")).read())',
      'attempt("patched pathlib, os.open", lambda: os.read(os.open(pathlib.Path("anything"), os.O_RDONLY), 10))',
      '# Everything the hook might lean on, replaced:',
      'os.path.realpath = lambda p: os.path.join(os.getcwd(), "notes.txt")',
      'builtins.len = lambda x: 0',
      'builtins.isinstance = lambda *a: False',
      'sys.modules["posixpath"] = None',
      'attempt("reload the guard", lambda: importlib.reload(sys.modules["upskill_guard"]))',
      'attempt("read secret after", lambda: open(secret).read())',
      'attempt("read own file", lambda: open("notes.txt").read())',
      'sys.stdout.write(json.dumps(results) + "\\n")',
      '',
    ].join('\n');
    const { out, stderr } = await guarded(probe);
    for (const name of ['runpy on a text file', 'code module', 'a loader passing text off as a library file', 'import a module written at run time', 'read secret', 'add a hook', 'settrace', 'gc walk', 'ctypes', 'exec a text file', 'compile', 'code object', 'subprocess', 'os.system', 'write outside', 'symlink to it', 'read secret after']) {
      assert.strictEqual(out[name], 'refused', `${name}: ${out[name]}\n${stderr}`);
    }
    assert.strictEqual(out['read own file'], 'allowed', stderr);
    // pathlib changed to name one file to the hook and another to open(): what opens is what the hook saw.
    assert.ok(!Object.values(out).includes('leaked'), JSON.stringify(out));
    assert.strictEqual(out['patched pathlib'], 'refused', stderr);
    assert.notStrictEqual(out['reload the guard'], 'allowed', 'reloading the guard module does not get past the hook');
  });

  it('accepts what honest code does: imports, dataclasses, namedtuples, typing, files in its folder and the temporary folder', async () => {
    const probe = [
      'import dataclasses, json, logging, os, tempfile, typing',
      'from collections import namedtuple',
      'from pathlib import Path',
      'import helper',
      '@dataclasses.dataclass(frozen=True)',
      'class P:',
      '    x: int',
      'T = namedtuple("T", "a b")',
      'Path("out.txt").write_text("ok")',
      'with tempfile.NamedTemporaryFile("w") as f:',
      '    f.write("x")',
      'logging.getLogger(__name__).info("fine")',
      'sys_ok = typing.get_type_hints(helper.f)',
      'print(json.dumps({"ok": P(1).x + T(1, 2).b + helper.f(1), "read": Path("out.txt").read_text()}))',
      '',
    ].join('\n');
    const { out, stderr } = await guarded(probe, { 'helper.py': 'def f(x: int) -> int:\n    return x\n' });
    assert.deepStrictEqual(out, { ok: 4, read: 'ok' }, stderr);
  });
});
