import * as assert from 'assert';
import * as path from 'path';
import type { CheckReport, CheckResult, Finding } from '../../../src/checks/types';
import { exerciseHeader, filesToChange, howChecked, resultModel, suggestCheckOnSave, MAX_FINDINGS } from '../../../src/core/exercisePanel';
import { helpFor } from '../../../src/core/findingHelp';
import type { CheckSpec } from '../../../src/core/model';
import { catalogOf } from './catalog';

const DIR = path.join(path.sep, 'work', 'ex');

function finding(file: string, line: number, code: string, message = `problem ${code}`, source = 'mypy'): Finding {
  return { file: path.join(DIR, file), line, column: 1, severity: 'error', message, source, code };
}

function result(type: CheckResult['type'], status: CheckResult['status'], fields: Partial<CheckResult> = {}): CheckResult {
  return { type, title: type, status, summary: `${type} summary`, details: [], findings: [], tests: [], runs: [], durationMs: 1, ...fields };
}

function report(...results: CheckResult[]): CheckReport {
  return { exerciseId: 'x', passed: results.every((r) => r.status === 'passed'), results, startedAt: 0, durationMs: 1 };
}

const MYPY: CheckSpec = { type: 'mypy', args: ['--strict'] };
const PYTEST: CheckSpec = { type: 'pytest' };
const ctx = { workDir: DIR, checks: [MYPY, PYTEST], filesToChange: ['metrics.py'], provided: ['metrics.py', 'test_metrics.py'], stale: false, first: false };

describe('core/exercisePanel', () => {
  it('counts each check and compares it with the attempt before: "14 type problems (was 23)"', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => finding('metrics.py', i + 1, 'no-untyped-def'));
    const before = report(result('mypy', 'failed', { findings: many(23) }), result('pytest', 'passed'));
    const now = report(result('mypy', 'failed', { findings: many(14) }), result('pytest', 'failed', { tests: [{ id: 't.py::test_a', outcome: 'failed', message: 'AssertionError: 1 != 2' }] }));
    const m = resultModel(now, before, ctx);
    assert.deepStrictEqual(m.checks.map((c) => c.text), ['14 type problems (was 23)', '1 failing test (was 0)']);
    assert.strictEqual(resultModel(now, undefined, ctx).checks[0].text, '14 type problems', 'no comparison on the first check');
    assert.strictEqual(resultModel(now, now, ctx).checks[0].text, '14 type problems (same as before)');
    const fixed = resultModel(report(result('mypy', 'passed'), result('pytest', 'passed')), now, ctx);
    assert.strictEqual(fixed.checks[0].text, 'passed (was 14 type problems)');
  });

  it('lists the first findings with a location, help and a key, then says how many more', () => {
    const findings = Array.from({ length: MAX_FINDINGS + 3 }, (_, i) => finding('metrics.py', i + 1, 'no-untyped-def'));
    const [line] = resultModel(report(result('mypy', 'failed', { findings })), undefined, ctx).checks;
    assert.strictEqual(line.findings.length, MAX_FINDINGS);
    assert.strictEqual(line.more, 3);
    assert.strictEqual(line.findings[0].where, 'metrics.py:1:1');
    assert.match(line.findings[0].text, /\[no-untyped-def\]$/);
    assert.match(line.findings[0].help ?? '', /annotation|type/);
    assert.strictEqual(new Set(line.findings.map((f) => f.key)).size, MAX_FINDINGS, 'keys are unique');
  });

  it('a notebook finding names its cell and line, and a format check of notebook cells counts cells, not files', () => {
    const nbCtx = { ...ctx, checks: [{ type: 'ruff-lint' }, { type: 'ruff-format' }] as CheckSpec[], filesToChange: ['analysis.ipynb'], provided: ['analysis.ipynb'] };
    const lint = result('ruff-lint', 'failed', { findings: [{ ...finding('analysis.ipynb', 7, 'ERA001', 'Found commented-out code', 'ruff'), cell: 2 }] });
    const cells = [1, 2, 4].map((cell) => ({ ...finding('analysis.ipynb', 1, '', 'ruff format would reformat this cell', 'ruff-format'), cell }));
    const m = resultModel(report(lint, result('ruff-format', 'failed', { findings: cells })), undefined, nbCtx);
    assert.strictEqual(m.checks[0].findings[0].where, 'analysis.ipynb cell 3, line 7');
    assert.deepStrictEqual(m.checks.map((c) => c.text), ['1 lint problem', '3 notebook cells to reformat']);
    const files = resultModel(report(result('ruff-lint', 'passed'), result('ruff-format', 'failed', { findings: [finding('a.py', 1, '', 'x', 'ruff-format')] })), undefined, nbCtx);
    assert.strictEqual(files.checks[1].text, '1 file to reformat');
  });

  it('groups findings in files the learner is not asked to edit after the rest', () => {
    const findings = [finding('test_metrics.py', 3, 'no-untyped-call'), finding('metrics.py', 1, 'no-untyped-def'), finding('new_helper.py', 2, 'arg-type')];
    const [line] = resultModel(report(result('mypy', 'failed', { findings })), undefined, ctx).checks;
    assert.deepStrictEqual(line.findings.map((f) => f.where), ['metrics.py:1:1', 'new_helper.py:2:1'], "the learner's own and new files first");
    assert.deepStrictEqual(line.elsewhere.map((f) => f.where), ['test_metrics.py:3:1']);
  });

  it('names the files to change on the first check only, and carries the stale mark', () => {
    const r = report(result('mypy', 'passed'));
    assert.deepStrictEqual(resultModel(r, undefined, { ...ctx, first: true }).filesToChange, ['metrics.py']);
    assert.strictEqual(resultModel(r, undefined, ctx).filesToChange, undefined);
    assert.strictEqual(resultModel(r, undefined, { ...ctx, stale: true }).stale, true);
  });

  it('reveals one seeded bug at a time and says how many were caught, without repeating itself', () => {
    const spec: CheckSpec = { type: 'tests-catch-bugs', module: 'n.py', reference: 'ref.py', bugs: [1, 2, 3, 4].map((i) => ({ file: `b${i}.py`, description: `bug ${i}` })) };
    // Typed: the prose in `details` is for the output channel and is never read back.
    const missed = (ids: number[]) =>
      result('tests-catch-bugs', 'failed', {
        title: 'Your tests catch the seeded bugs',
        details: ['Missed: not this one'],
        catchBugs: {
          caught: [1, 2, 3, 4].filter((i) => !ids.includes(i)).map((i) => ({ id: `b${i}`, description: `bug ${i}`, by: ['test_x'] })),
          missed: ids.map((i) => ({ id: `b${i}`, description: `bug ${i}`, failedOtherwise: [] })),
        },
      });
    const c = { ...ctx, checks: [spec] };
    const first = resultModel(report(missed([1, 2, 3, 4])), undefined, c).checks[0];
    assert.strictEqual(first.text, '0 of 4 seeded bugs caught');
    assert.strictEqual(first.nextBug, 'bug 1');
    const later = resultModel(report(missed([3, 4])), report(missed([1, 2, 3, 4])), c).checks[0];
    assert.strictEqual(later.text, '2 of 4 seeded bugs caught (was 0)');
    assert.strictEqual(later.nextBug, 'bug 3', 'only the next missed bug');
    const onGoodCode = result('tests-catch-bugs', 'failed', { summary: 'Your tests fail against the correct implementation' });
    assert.match(resultModel(report(onGoodCode), undefined, c).checks[0].text, /correct implementation/);
    assert.strictEqual(resultModel(report(onGoodCode), undefined, c).checks[0].nextBug, undefined);
    const copy = result('tests-catch-bugs', 'failed', { summary: 'Your folder carries its own copy of the code under test: test_n.py:3 holds …' });
    assert.match(resultModel(report(copy), report(missed([3, 4])), c).checks[0].text, /its own copy/, 'refused before the bugs ran: its own sentence');
    const all = result('tests-catch-bugs', 'passed', { catchBugs: { caught: missed([]).catchBugs!.caught, missed: [] } });
    const done = resultModel(report(all), report(missed([3, 4])), c).checks[0];
    assert.strictEqual(done.text, '4 of 4 seeded bugs caught (was 2)');
    assert.strictEqual(done.nextBug, undefined);
  });

  it('keeps the check’s own sentence where a count says nothing (git, errors)', () => {
    const m = resultModel(report(result('git', 'failed', { summary: 'No repository here.' }), result('mypy', 'error', { summary: 'mypy crashed.' })), undefined, { ...ctx, checks: [{ type: 'git', assert: [] }, MYPY] });
    assert.deepStrictEqual(m.checks.map((x) => x.text), ['No repository here.', 'mypy crashed.']);
  });

  it('the files to change: the main file, and the tests in a test-writing exercise', () => {
    assert.deepStrictEqual(filesToChange({ main: 'metrics.py', checks: [MYPY] }, ['metrics.py', 'test_metrics.py']), ['metrics.py']);
    const catchBugs: CheckSpec = { type: 'tests-catch-bugs', module: 'n.py', reference: 'r.py', bugs: [] };
    assert.deepStrictEqual(filesToChange({ main: 'test_n.py', checks: [catchBugs] }, ['n.py', 'test_n.py', 'test_more.py']), ['test_n.py', 'test_more.py']);
    assert.deepStrictEqual(filesToChange({ checks: [] }, ['a.py']), ['a.py'], 'everything when the exercise names nothing');
  });

  it('suggests check on save after the third check, while it is off', () => {
    assert.strictEqual(suggestCheckOnSave(2, false), false);
    assert.strictEqual(suggestCheckOnSave(3, false), true);
    assert.strictEqual(suggestCheckOnSave(5, true), false);
  });
});

describe('core/findingHelp', () => {
  it('has one plain sentence for the findings the shipped exercises produce most', () => {
    const common = [
      { source: 'mypy', code: 'no-untyped-def' },
      { source: 'mypy', code: 'no-untyped-call' },
      { source: 'mypy', code: 'type-arg' },
      { source: 'ruff', code: 'F401' },
      { source: 'ruff', code: 'E722' },
      { source: 'ruff', code: 'I001' },
      { source: 'ruff', code: 'B006' },
      { source: 'ruff', code: 'UP006' },
      { source: 'ruff', code: 'UP035' },
      { source: 'upskill', code: 'no-type-ignore' },
      { source: 'ruff-format' },
    ];
    for (const q of common) {
      const help = helpFor({ ...q, message: 'x' });
      assert.ok(help, `help for ${q.source} ${q.code}`);
      assert.match(help, /^[A-Z`].*\.$/, `one sentence: ${help}`);
      assert.strictEqual(help.split(/\.\s+[A-Z]/).length, 1, `a single sentence: ${help}`);
    }
  });

  it('explains pytest failures from the exception in the message, and stays silent when it has nothing', () => {
    assert.match(helpFor({ source: 'pytest', message: 'AssertionError: assert 1 == 2' }) ?? '', /assert/);
    assert.match(helpFor({ source: 'pytest', message: "ModuleNotFoundError: No module named 'numpy'" }) ?? '', /import/);
    assert.strictEqual(helpFor({ source: 'mypy', code: 'something-new', message: 'x' }), undefined);
    assert.strictEqual(helpFor({ source: 'git', message: 'x' }), undefined);
  });

  it('puts why the exercise matters in the header, on one line, and leaves it out when there is none', () => {
    const exercise = catalogOf([['metrics']]).exercises.get('metrics')!;
    const why = 'Metrics code is shared by training and monitoring.\n  A wrong type gives a wrong number.';
    const header = exerciseHeader({ exercise: { ...exercise, why }, skillTitle: 'Typing', state: 'started', started: true });
    assert.strictEqual(header.why, 'Metrics code is shared by training and monitoring. A wrong type gives a wrong number.');
    assert.strictEqual(header.title, 'metrics');
    assert.strictEqual(header.skill, 'Typing');
    const plain = exerciseHeader({ exercise, skillTitle: 'Typing', state: 'todo', started: false });
    assert.ok(!('why' in plain), 'no why: no key (the view shows nothing)');
    assert.ok(!('why' in exerciseHeader({ exercise: { ...exercise, why: '   ' }, skillTitle: 'Typing', state: 'todo', started: false })));
  });

  it('says an exercise is starting only until it has started', () => {
    const exercise = catalogOf([['metrics']]).exercises.get('metrics')!;
    assert.strictEqual(exerciseHeader({ exercise, skillTitle: 'Typing', state: 'todo', started: false }).starting, false);
    assert.strictEqual(exerciseHeader({ exercise, skillTitle: 'Typing', state: 'todo', started: false, starting: true }).starting, true);
    // Its folder exists and its start is recorded: Check, not "Starting…", even if the start has not returned yet.
    assert.strictEqual(exerciseHeader({ exercise, skillTitle: 'Typing', state: 'started', started: true, starting: true }).starting, false);
  });
});

describe('core/exercisePanel: how was this checked?', () => {
  it('"how was this checked?": the interpreter, the tool versions and each exact command, quoted for a shell', () => {
    const run = (argv: string[], exitCode: number | null, extra = {}) => ({ argv, cwd: '/s/copy', exitCode, timedOut: false, cancelled: false, durationMs: 40, stdout: '', stderr: '', truncated: false, ...extra });
    const r: CheckReport = {
      ...report(
        result('mypy', 'failed', { tool: '/v/bin/python -m mypy', runs: [run(['/v/bin/python', '-P', '-m', 'mypy', '--strict', 'my file.py'], 1)] }),
        result('pytest', 'failed', { runs: [run(['/v/bin/python', '-c', "print('x')"], null, { signal: 'SIGKILL', timedOut: true, durationMs: 120000 })] }),
      ),
      python: { path: '/v/bin/python', version: '3.11.4', origin: 'Python extension' },
    };
    const how = howChecked(r, ['pytest 8.3.4', 'mypy 1.13.0']);
    assert.strictEqual(how.interpreter, '/v/bin/python (Python 3.11.4, from Python extension)');
    assert.deepStrictEqual(how.versions, ['pytest 8.3.4', 'mypy 1.13.0']);
    assert.deepStrictEqual(how.checks[0], { title: 'mypy', tool: '/v/bin/python -m mypy', commands: [{ line: "/v/bin/python -P -m mypy --strict 'my file.py'", cwd: '/s/copy', outcome: 'exit 1, 40 ms' }] });
    assert.deepStrictEqual(how.checks[1].commands, [{ line: "/v/bin/python -c 'print('\\''x'\\'')'", cwd: '/s/copy', outcome: 'timed out after 120000 ms' }]);
    assert.deepStrictEqual(resultModel(r, undefined, { ...ctx, versions: ['pytest 8.3.4'] }).how?.versions, ['pytest 8.3.4'], 'the result carries it');
  });
});
