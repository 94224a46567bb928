// Each runner with the real tools on tiny projects: what the learner would see.

import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { formatReport, runChecks } from '../../../src/checks/engine';
import type { CheckSpec } from '../../../src/core/model';
import { context, folder } from './helpers';

async function check(files: Record<string, string>, checks: CheckSpec[], extra = {}, exerciseFiles?: Record<string, string>) {
  const work = await folder(files);
  const exDir = exerciseFiles ? await folder(exerciseFiles) : work;
  const ctx = context(work, checks, extra, exDir);
  const report = await runChecks(ctx);
  return { report, work, lines: ctx.lines };
}

describe('checks: runners with the real tools', () => {
  it('pytest: names the failing tests and says which interpreter ran', async () => {
    const { report, lines } = await check({ 'calc.py': 'def add(a, b):\n    return a - b\n', 'test_calc.py': 'from calc import add\n\ndef test_add():\n    assert add(2, 2) == 4\n\ndef test_zero():\n    assert add(0, 0) == 0\n' }, [{ type: 'pytest' }]);
    const [r] = report.results;
    assert.strictEqual(r.status, 'failed');
    assert.strictEqual(r.summary, '1 of 2 tests failed: test_add.');
    assert.match(r.tests.find((t) => t.outcome === 'failed')!.message!, /assert 0 == 4/);
    assert.ok(lines.some((l) => /^\$ \/usr\/bin\/python3 (-P -m|-c .+) pytest -q /.test(l)), 'the exact command is logged');
    assert.ok(formatReport(report).some((l) => l.startsWith('Interpreter: /usr/bin/python3')));
  });

  it('pytest: hidden tests always run as shipped, are revealed once, and never overwrite learner files', async () => {
    // The learner pre-created the hidden test's file with a test that always passes.
    const { report, work } = await check(
      { 'calc.py': 'def add(a, b):\n    return a - b\n', 'test_hidden.py': 'def test_neg():\n    pass\n' },
      [{ type: 'pytest', hiddenTests: 'hidden' }],
      {},
      { 'hidden/test_hidden.py': 'from calc import add\n\ndef test_neg():\n    assert add(-1, 1) == 0\n', 'hidden/test_more.py': 'from calc import add\n\ndef test_two():\n    assert add(1, 1) == 2\n' },
    );
    assert.strictEqual(report.results[0].status, 'failed', report.results[0].summary);
    assert.match(report.results[0].summary, /2 of 2 tests failed: test_neg, test_two/);
    const fs = await import('fs');
    assert.strictEqual(fs.readFileSync(path.join(work, 'test_hidden.py'), 'utf8'), 'def test_neg():\n    pass\n', 'the learner file is untouched');
    assert.ok(fs.existsSync(path.join(work, 'test_more.py')), 'a missing hidden test is revealed in the learner folder');
  });

  it('stopAtFirstFailure (the validator, never a learner): later checks are not run once one fails; without it every check runs', async () => {
    const files = { 'calc.py': 'import os\ndef add(a, b):\n    return a - b\n', 'test_calc.py': 'from calc import add\n\ndef test_add():\n    assert add(2, 2) == 4\n' };
    const checks: CheckSpec[] = [{ type: 'ruff-lint', select: ['F'] }, { type: 'pytest' }];
    const stopped = await check(files, checks, { stopAtFirstFailure: true });
    assert.deepStrictEqual(stopped.report.results.map((r) => r.status), ['failed']);
    assert.strictEqual(stopped.report.passed, false);
    const all = await check(files, checks);
    assert.deepStrictEqual(all.report.results.map((r) => r.status), ['failed', 'failed']);
  });

  it('stopAtFirstFailure: the hidden tests stop at the first failing one and the learner tests are not run; a learner sees every test', async () => {
    const mine = 'from calc import add\n\ndef test_mine():\n    assert add(1, 1) == 2\n';
    const hidden = 'from calc import add\n\ndef test_one():\n    assert add(1, 1) == 2\n\ndef test_two():\n    assert add(2, 2) == 4\n\ndef test_three():\n    assert add(0, 0) == 0\n';
    const exDir = await folder({ 'hidden/test_hidden.py': hidden, 'solution/test_mine.py': mine, 'solution/calc.py': 'def add(a, b):\n    return a + b\n' });
    const checks: CheckSpec[] = [{ type: 'pytest', hiddenTests: 'hidden' }];
    // A scaffold whose solution ships a test file: the learner's copy of it runs beside the judge.
    const run = async (extra: object) => {
      const ctx = context(await folder({ 'calc.py': 'def add(a, b):\n    return a - b\n', 'test_mine.py': mine }), checks, extra, exDir);
      const report = await runChecks({ ...ctx, exercise: { ...ctx.exercise, solution: 'solution' } });
      return report.results[0];
    };
    const outcomes = (r: Awaited<ReturnType<typeof run>>) => r.tests.map((t) => `${t.id.split('::').pop()} ${t.outcome}`).sort();
    const stopped = await run({ stopAtFirstFailure: true });
    assert.strictEqual(stopped.status, 'failed', stopped.summary);
    assert.deepStrictEqual(outcomes(stopped), ['test_one failed'], 'pytest -x: the run ends at the first failure, and the learner test_mine never runs');
    const all = await run({});
    assert.strictEqual(all.status, 'failed');
    assert.deepStrictEqual(outcomes(all), ['test_mine failed', 'test_one failed', 'test_three passed', 'test_two failed']);
  });

  it('no-network: a test that reaches the network fails and is named', async () => {
    const { report } = await check(
      { 'test_net.py': 'import urllib.request\n\ndef test_fetch():\n    urllib.request.urlopen("http://127.0.0.1:9/", timeout=2)\n\ndef test_offline():\n    assert True\n' },
      [{ type: 'no-network' }],
    );
    const [r] = report.results;
    assert.strictEqual(r.status, 'failed');
    assert.match(r.summary, /^test_fetch tried to reach the network/);
  });

  it('tests-catch-bugs: says which seeded bug the tests missed', async () => {
    const impl = 'def clip(x, lo, hi):\n    return max(lo, min(x, hi))\n';
    const { report } = await check(
      { 'clip.py': impl, 'test_clip.py': 'from clip import clip\n\ndef test_inside():\n    assert clip(5, 0, 10) == 5\n\ndef test_high():\n    assert clip(50, 0, 10) == 10\n' },
      [{ type: 'tests-catch-bugs', module: 'clip.py', reference: 'ref.py', bugs: [{ file: 'bug_high.py', description: 'values above the range are not clipped.' }, { file: 'bug_low.py', description: 'values below the range are not clipped' }] }],
      {},
      { 'ref.py': impl, 'bug_high.py': 'def clip(x, lo, hi):\n    return max(lo, x)\n', 'bug_low.py': 'def clip(x, lo, hi):\n    return min(x, hi)\n' },
    );
    const [r] = report.results;
    assert.strictEqual(r.status, 'failed');
    assert.strictEqual(r.summary, 'Your tests caught 1 of 2 bugs; they missed the one where values below the range are not clipped.');
  });

  it('tests-catch-bugs with stopAtFirstFailure (the validator): the bugs after the first missed one are not run, and the summary says so', async () => {
    const impl = 'def clip(x, lo, hi):\n    return max(lo, min(x, hi))\n';
    const bugs = [{ file: 'bug_low.py', description: 'values below the range are not clipped' }, { file: 'bug_high.py', description: 'values above the range are not clipped.' }];
    const files = { 'clip.py': impl, 'test_clip.py': 'from clip import clip\n\ndef test_inside():\n    assert clip(5, 0, 10) == 5\n\ndef test_high():\n    assert clip(50, 0, 10) == 10\n' };
    const exerciseFiles = { 'ref.py': impl, 'bug_high.py': 'def clip(x, lo, hi):\n    return max(lo, x)\n', 'bug_low.py': 'def clip(x, lo, hi):\n    return min(x, hi)\n' };
    const checks: CheckSpec[] = [{ type: 'tests-catch-bugs', module: 'clip.py', reference: 'ref.py', bugs }];
    const stopped = (await check(files, checks, { stopAtFirstFailure: true }, exerciseFiles)).report.results[0];
    assert.strictEqual(stopped.status, 'failed');
    assert.strictEqual(stopped.summary, 'Your tests caught 0 of the first 1 of 2 bugs; they missed the one where values below the range are not clipped (stopped there: the other 1 not run).');
    assert.deepStrictEqual(stopped.catchBugs?.caught, [], 'the caught bug after the missed one never ran');
    assert.deepStrictEqual(stopped.catchBugs?.missed.map((m) => m.description), ['values below the range are not clipped']);
    const all = (await check(files, checks, {}, exerciseFiles)).report.results[0];
    assert.deepStrictEqual(all.catchBugs?.caught.map((c) => c.description), ['values above the range are not clipped.'], 'without it every bug runs');
  });

  it('mypy and Ruff: findings on the learner lines; Ruff says the WebAssembly build ran', async () => {
    const { report } = await check(
      { 'm.py': 'import os\nfrom typing import Any\n\n\ndef f(x: int) -> str:\n    return x\n\n\ndef g(y: Any) -> None:\n    pass\n' },
      [{ type: 'mypy', args: ['--strict'], forbidAny: true }, { type: 'ruff-lint', select: ['F'] }, { type: 'ruff-format' }],
    );
    const [mypy, lint, format] = report.results;
    assert.strictEqual(mypy.status, 'failed');
    assert.ok(mypy.findings.some((f) => f.code === 'return-value' && f.line === 6));
    assert.ok(mypy.findings.some((f) => /^Explicit "Any" is not allowed/.test(f.message) && f.line === 9), JSON.stringify(mypy.findings));
    assert.strictEqual(lint.status, 'failed');
    assert.deepStrictEqual(lint.findings.map((f) => [f.code, f.line]), [['F401', 1]]);
    assert.match(lint.tool ?? '', /WebAssembly/);
    assert.strictEqual(format.status, 'passed', format.summary);
    assert.strictEqual(report.passed, false);
  });

  it('Ruff (WebAssembly): modules of the folder sort as first-party, as `ruff check` sorts them', async () => {
    const use = 'print(json, pytest, add)\n';
    const { report } = await check(
      {
        'calc.py': 'def add(a, b):\n    return a + b\n',
        'pkg/__init__.py': '',
        'src/features/__init__.py': '',
        'test_split.py': `import json\n\nimport pytest\n\nfrom calc import add\n\n${use}`,
        'test_joined.py': `import json\n\nimport pytest\nfrom calc import add\n\n${use}`,
      },
      [{ type: 'ruff-lint', select: ['I'] }],
    );
    assert.deepStrictEqual(report.results[0].findings.map((f) => [path.basename(f.file), f.code]), [['test_joined.py', 'I001']]);
    const { firstPartyModules } = await import('../../../src/checks/ruff');
    const dir = await folder({ 'calc.py': '', 'stubs.pyi': '', 'notes.txt': '', 'pkg/x.py': '', 'src/features/__init__.py': '', 'my-data/a.csv': '' });
    assert.deepStrictEqual(await firstPartyModules(dir), ['calc', 'features', 'pkg', 'src', 'stubs']);
  });

  it('git: a folder inside another repository is not taken for its own repository', async () => {
    const { report: outer, work } = await check({ 'inner/a.txt': 'x' }, [{ type: 'git', assert: [{ commitCount: { min: 1 } }] }]);
    assert.match(outer.results[0].summary, /not a git repository yet/);
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: work });
    const ctx = context(path.join(work, 'inner'), [{ type: 'git', assert: [{ commitCount: { min: 1 } }] }]);
    const inner = await runChecks(ctx);
    assert.match(inner.results[0].summary, /inside another repository .* run "git init" in it/);
  });

  it('git: assertions on a real history', async () => {
    const work = await folder({ 'a.py': 'x = 1\n', '.gitignore': 'data/\n' });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.invalid', ...args], { cwd: work });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-qm', 'feat: first');
    const ctx = context(work, [{ type: 'git', assert: [{ branchExists: 'main' }, { ignored: ['data/raw.csv'] }, { cleanWorkingTree: true }, { lastMessageMatches: '^feat:' }, { commitCount: { min: 2 } }] }]);
    const r = (await runChecks(ctx)).results[0];
    assert.strictEqual(r.status, 'failed');
    assert.deepStrictEqual(r.details, ['Expected at least 2 commits on the current branch, found 1.']);
  });

  it('structure: annotations, docstrings and notebook imports', async () => {
    const nb = JSON.stringify({ cells: [{ cell_type: 'code', source: 'from cleaning import clean\n' }], nbformat: 4, nbformat_minor: 5, metadata: {} });
    const { report } = await check(
      { 'cleaning.py': 'def clean(names):\n    return names\n', 'analysis.ipynb': nb },
      [{ type: 'structure', assert: [{ fileExists: 'cleaning.py' }, { functionAnnotated: { file: 'cleaning.py', name: 'clean' } }, { functionHasDocstring: { file: 'cleaning.py', name: 'clean' } }, { notebookImports: { notebook: 'analysis.ipynb', module: 'cleaning' } }] }],
    );
    const [r] = report.results;
    assert.deepStrictEqual(r.details, ['cleaning.py: clean() needs annotations: parameter "names", the return type.', 'cleaning.py: clean() needs a docstring saying what it does.']);
    assert.strictEqual(r.findings[0].line, 1);
  });

  it('structure: every function in every file inspected by one interpreter, each with its own verdict', async () => {
    const { report } = await check(
      { 'a.py': 'def good(x: int) -> int:\n    """Doubles."""\n    return 2 * x\n\n\ndef bare(x):\n    return x\n', 'b.py': 'def broken(:\n' },
      [
        {
          type: 'structure',
          assert: [
            { functionAnnotated: { file: 'a.py', name: 'good' } },
            { functionHasDocstring: { file: 'a.py', name: 'good' } },
            { functionAnnotated: { file: 'a.py', name: 'bare' } },
            { functionAnnotated: { file: 'a.py', name: 'gone' } },
            { functionHasDocstring: { file: 'b.py', name: 'broken' } },
            { functionAnnotated: { file: 'missing.py', name: 'f' } },
          ],
        },
      ],
    );
    const [r] = report.results;
    assert.strictEqual(r.runs.length, 1, 'one interpreter start for the whole check');
    assert.deepStrictEqual(r.details.slice(0, 4), [
      'a.py: bare() needs annotations: parameter "x", the return type.',
      'a.py has no function gone().',
      'b.py: syntax error at line 1: invalid syntax',
      'missing.py does not exist yet, so f() cannot be checked.',
    ]);
    assert.strictEqual(r.findings.length, 1);
    assert.strictEqual(r.findings[0].line, 6);
  });

  it('command: refused for untrusted content in Restricted Mode, run otherwise', async () => {
    const spec: CheckSpec = { type: 'command', run: ['{python}', '-c', 'print(6 * 7)'], expectOutput: '^42$' };
    const refused = await check({}, [spec], { trusted: false });
    assert.strictEqual(refused.report.results[0].status, 'error');
    assert.match(refused.report.results[0].summary, /Restricted Mode/);
    assert.strictEqual(refused.report.results[0].runs.length, 0, 'nothing ran');
    const ran = await check({}, [spec]);
    assert.strictEqual(ran.report.results[0].status, 'passed', ran.report.results[0].summary);
  });

  it('command: "print only the answer" only when one line is expected and several came', async () => {
    const run = async (printed: string, expected: string) =>
      (await check({}, [{ type: 'command', run: ['{python}', '-c', `print(${JSON.stringify(printed)})`], expectStdout: expected }])).report.results[0];
    const oneExpected = await run('debug: loading\n42', '42\n');
    assert.strictEqual(oneExpected.status, 'failed');
    assert.match(oneExpected.details.join('\n') + oneExpected.summary, /print only the answer/);
    const listExpected = await run('a.csv\nb.csv', 'a.csv\nc.csv\n');
    assert.strictEqual(listExpected.status, 'failed');
    assert.doesNotMatch(listExpected.details.join('\n') + listExpected.summary, /print only the answer/, 'a list was expected: the advice does not fit');
  });

  it('a path that escapes the folder is refused before anything runs', async () => {
    const { report } = await check({}, [{ type: 'workflow', file: '../etc/passwd', rules: {} }]);
    assert.strictEqual(report.results[0].status, 'error');
    assert.match(report.results[0].summary, /must be a relative path inside/);
  });
});
