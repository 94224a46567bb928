// A workflow judged by what it does: run here with real bash and the real tools, on a
// clean change and on changes with a seeded lint finding or failing test. Every spelling
// of a swallowed failure, a condition that never holds, or continue-on-error is refused
// because the seeded change passes, not because a rule knows the spelling; honest
// variety (coverage, python -m pytest, make, two tools in one step, a matrix) passes.
// The rules of shape that remain (a matrix that is used, a tool no seed shows) are read.

import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { runChecks } from '../../../src/checks/engine';
import { evaluateWorkflow, runsCheck } from '../../../src/checks/workflow';
import { isPattern, matchingFiles, patternRegExp } from '../../../src/checks/workflowFiles';
import type { CheckSpec, WorkflowRules } from '../../../src/core/model';
import { context, folder } from './helpers';

const SOLUTION = readFileSync(path.join(process.cwd(), 'resources/content/exercises/ci-cd-first-workflow/solution/.github/workflows/ci.yml'), 'utf8');
const RULES: WorkflowRules = { triggers: ['push', 'pull_request'], runs: ['ruff', 'mypy', 'pytest'], pythonMatrix: ['3.10', '3.11', '3.12'], requireCache: true };
const messages = (text: string, rules = RULES) => evaluateWorkflow('/w/ci.yml', text, rules).map((f) => f.message).join('\n');

/** A small project: one module, one test, lint-clean under Ruff's defaults. */
const PROJECT = {
  'scoring.py': '"""Scores."""\n\n\ndef double(x: int) -> int:\n    """Twice x."""\n    return 2 * x\n',
  'test_scoring.py': 'from scoring import double\n\n\ndef test_double() -> None:\n    assert double(2) == 4\n',
  'requirements-dev.txt': 'pytest>=7\nruff>=0.5\n',
};
/** One job, push only: the quickest workflow that lints and tests. */
const wf = (steps: string, extra = '') =>
  `name: CI\non: [push]\njobs:\n  check:\n    runs-on: ubuntu-latest\n${extra}    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-python@v5\n        with:\n          python-version: "3.12"\n      - run: pip install -r requirements-dev.txt\n${steps}`;
const LINT_AND_TEST = '      - run: ruff check .\n      - run: pytest -q\n';
const SPEC: CheckSpec = { type: 'workflow', file: '.github/workflows/ci.yml', rules: { triggers: ['push'], runs: ['ruff', 'pytest'] } };

async function judge(workflow: string, files: Record<string, string> = {}, spec: CheckSpec = SPEC) {
  const ctx = context(await folder({ ...PROJECT, ...files, '.github/workflows/ci.yml': workflow }), [spec], { timeoutMs: 120_000 });
  const report = await runChecks(ctx);
  return { r: report.results[0], log: ctx.lines.join('\n') };
}

describe('checks: a workflow judged by running it', function () {
  this.timeout(180_000);

  it('passes a workflow that lints and tests, and says what each run did, step by step', async () => {
    const { r, log } = await judge(wf(LINT_AND_TEST));
    assert.strictEqual(r.status, 'passed', `${r.summary}\n${r.details.join('\n')}`);
    assert.match(r.summary, /run here 3 times .*fails on the lint finding \(\.github\/workflows\/ci\.yml › check › "ruff check \." \(exit 1\)\), on the failing test \(.*"pytest -q" \(exit 1\)\)/);
    const details = r.details.join('\n');
    assert.match(details, /Clean change · push to main: the workflow passed/);
    assert.match(details, /With an unused (import \(F401\)|local variable \(F841\)) in upskill_check_\w+\.py · push to main: the workflow failed/);
    assert.match(details, /✓ actions\/setup-python@v5 \(stood in: Python 3\.12 asked for; the steps run .*python3.* \(Python 3\)/);
    assert.match(details, /✗ pytest -q \(exit 1\)/);
    assert.doesNotMatch(log, /Stopped after/, 'a passing workflow runs on every version');
    assert.match(log, /pytest -q: (unshare -\w -n -- )?bash --noprofile --norc -e \S+step-5\.sh\n {4}\| pytest -q\n/);
  });

  for (const [name, step] of [
    ['|| true', '      - run: ruff check . || true\n      - run: pytest -q\n'],
    ['|| :', '      - run: "ruff check . || :"\n      - run: pytest -q\n'],
    ['|| exit 0', '      - run: ruff check . || exit 0\n      - run: pytest -q\n'],
    ['; true under a shell without -e', '      - run: ruff check .; true\n        shell: bash {0}\n      - run: pytest -q\n'],
    ['set +e', '      - run: |\n          set +e\n          ruff check .\n          echo done\n      - run: pytest -q\n'],
    ['--exit-zero', '      - run: ruff check --exit-zero .\n      - run: pytest -q\n'],
    ['a lint step only on another event', "      - run: ruff check .\n        if: github.event_name == 'schedule'\n      - run: pytest -q\n"],
    ['if: ${{ false }}', '      - run: ruff check .\n        if: ${{ false }}\n      - run: pytest -q\n'],
    ["an if: on a ref that never comes", "      - run: ruff check .\n        if: startsWith(github.ref, 'refs/tags/')\n      - run: pytest -q\n"],
    ['continue-on-error on the step', '      - run: ruff check .\n        continue-on-error: true\n      - run: pytest -q\n'],
    ['an echo', '      - run: echo ruff check .\n      - run: pytest -q\n'],
  ] as const) {
    it(`refuses ${name} by what it does: the lint finding passes`, async () => {
      const { r, log } = await judge(wf(step));
      assert.strictEqual(r.status, 'failed', r.summary);
      // The run that decides it ends the check: the other seeded versions are not run.
      const stopped = /Stopped after (\d) runs?: this one already fails the check/.exec(log);
      assert.ok(stopped, 'the judge stops at the deciding run');
      assert.strictEqual(r.details.filter((d) => / · push to main: /.test(d)).length, Number(stopped[1]));
      assert.match(r.summary, /^A push to main with an unused (import \(F401\)|local variable \(F841\)) in upskill_check_\w+\.py passes the workflow: /);
    });
  }

  it('refuses continue-on-error on the job, and names it', async () => {
    const { r } = await judge(wf(LINT_AND_TEST, '    continue-on-error: true\n'));
    assert.strictEqual(r.status, 'failed');
    assert.match(r.summary, /passes the workflow: .*job check failed, but continue-on-error lets the workflow pass/);
  });

  it('refuses a test step whose pipe hides the failure, though pytest ran and failed; shell: bash (pipefail) passes', async () => {
    const piped = await judge(wf('      - run: ruff check .\n      - run: pytest -q | tee pytest.log\n'));
    assert.strictEqual(piped.r.status, 'failed');
    assert.match(piped.r.summary, /^A push to main with a failing test in test_upskill_check_\w+\.py passes the workflow: it ran and failed \(pytest exit 1\), yet no step failed because of it/);
    const bash = await judge(wf('      - run: ruff check .\n      - run: pytest -q | tee pytest.log\n        shell: bash\n'));
    assert.strictEqual(bash.r.status, 'passed', bash.r.summary);
  });

  it('refuses a workflow that fails on a clean change, naming the step and its output', async () => {
    const { r } = await judge(wf('      - run: ruff check .\n      - run: pytest -q\n      - run: pip install leftpad-that-is-not-here\n'));
    assert.strictEqual(r.status, 'failed');
    assert.match(r.summary, /^On a clean push to main .* the workflow fails: .*"pip install leftpad-that-is-not-here" \(exit 1\): .*leftpad-that-is-not-here is not installed for .*python3/);
  });

  it('an expression it cannot evaluate is a failure that says why, never a pass', async () => {
    const { r } = await judge(wf('      - run: ruff check .\n        if: fromJSON(env.LINT)\n      - run: pytest -q\n', '    env:\n      LINT: yes\n'));
    assert.strictEqual(r.status, 'failed');
    assert.match(r.summary, /^On a clean push to main .* the workflow fails: .*"ruff check \." \(its "if: fromJSON\(env\.LINT\)" could not be evaluated: fromJSON could not read "yes"/);
  });

  it('passes honest variety: coverage run -m pytest, python -m pytest, two tools in one step, make targets, git in a step', async () => {
    for (const [name, steps, files] of [
      ['coverage', '      - run: ruff check . && ruff format --check .\n      - run: coverage run -m pytest -q && coverage report\n', {}],
      ['python -m', '      - run: python -m ruff check .\n      - run: python -m pytest -q\n', {}],
      ['make', '      - run: make lint test\n', { Makefile: 'lint:\n\truff check .\n\ntest:\n\tpython -m pytest -q\n' }],
      ['git diff after a formatter, with an ignored scratch file', '      - run: ruff format . && git diff --exit-code\n      - run: ruff check .\n      - run: pytest -q\n', { '.gitignore': 'scratch/\n', 'scratch/notes.py': 'import os\n' }],
      ['a failure() step and GITHUB_ENV', '      - run: echo "TARGETS=." >> "$GITHUB_ENV"\n      - run: ruff check "$TARGETS"\n      - run: pytest -q\n      - run: echo "lint or tests failed"\n        if: failure()\n', {}],
    ] as const) {
      const { r } = await judge(wf(steps), files);
      assert.strictEqual(r.status, 'passed', `${name}: ${r.summary}\n${r.details.join('\n')}`);
    }
  });

  it('runs every matrix combination, once per distinct set of commands, for push and pull request', async () => {
    const matrix = wf(LINT_AND_TEST, '    strategy:\n      matrix:\n        python-version: ["3.11", "3.12"]\n        include:\n          - python-version: "3.12"\n            extra: "-x"\n').replace('on: [push]', 'on: [push, pull_request]').replace('"3.12"\n      - run: pip', '${{ matrix.python-version }}\n      - run: pip').replace('pytest -q', 'pytest -q ${{ matrix.extra }}');
    const { r } = await judge(matrix, {}, { ...SPEC, rules: { triggers: ['push', 'pull_request'], runs: ['ruff', 'pytest'] } });
    assert.strictEqual(r.status, 'passed', `${r.summary}\n${r.details.join('\n')}`);
    assert.match(r.summary, /run here 6 times .*\(push to main and pull request into main\)/);
    const details = r.details.join('\n');
    assert.match(details, /check \(python-version: 3\.11\): ✓ actions\/checkout@v4/);
    assert.match(details, /check \(python-version: 3\.12, extra: -x\): ✓ actions\/checkout@v4/, 'another extra argument: run, not taken from 3.11');
    assert.doesNotMatch(details, /not run again/);
  });
});

describe('checks: rules of shape a workflow is still read for', () => {
  it('the reference workflow meets them', () => assert.strictEqual(messages(SOLUTION), ''));

  it('a declared matrix must be used; a tool no seeded problem shows must be the command of a step', () => {
    assert.match(messages(SOLUTION.replace('          python-version: ${{ matrix.python-version }}\n', '')), /declares "python-version" but no step uses/);
    assert.ok(runsCheck(['python', '-m', 'black', '--check', '.'], 'black'));
    assert.ok(!runsCheck(['black', '--version'], 'black'));
    assert.match(messages(SOLUTION, { runs: ['black'] }), /No step runs black as its command/);
    assert.strictEqual(messages(SOLUTION.replace('run: ruff check .', 'run: echo lint'), { runs: ['ruff', 'pytest'] }), '', 'ruff and pytest are judged by running');
  });
});

describe('checks: a workflow check on every file of .github/workflows/', function () {
  this.timeout(180_000);
  const SPEC_ALL: CheckSpec = { type: 'workflow', file: '.github/workflows/*.{yml,yaml}', rules: { triggers: ['push', 'pull_request'], runs: ['ruff|flake8', 'pytest'] } };
  const LINT = wf('      - run: ruff check .\n').replace('on: [push]', 'on: [push, pull_request]').replace('  check:', '  lint:');
  const TESTS = wf('      - run: python -m pytest -q\n').replace('on: [push]', 'on: [push, pull_request]').replace('name: CI', 'name: Tests').replace('  check:', '  test:');
  const check = async (files: Record<string, string>) => (await runChecks(context(await folder({ ...PROJECT, ...files }), [SPEC_ALL], { timeoutMs: 120_000 }))).results[0];

  it('reads patterns with *, ? and {a,b} in the file name only', async () => {
    assert.ok(isPattern('.github/workflows/*.yml') && !isPattern('.github/workflows/ci.yml'));
    const re = patternRegExp('*.{yml,yaml}');
    assert.ok(re.test('ci.yml') && re.test('tests.yaml') && !re.test('ci.yml.bak') && !re.test('notes.md'));
    const dir = await folder({ '.github/workflows/ci.yml': '', '.github/workflows/b.yaml': '', '.github/workflows/README.md': '', 'ci.yml': '' });
    assert.deepStrictEqual(await matchingFiles(dir, '.github/workflows/*.{yml,yaml}'), ['.github/workflows/b.yaml', '.github/workflows/ci.yml']);
    await assert.rejects(matchingFiles(dir, '*/workflows/ci.yml'), /only the file name/);
  });

  it('runs every triggered workflow together: lint in one and tests in another pass', async () => {
    const two = await check({ '.github/workflows/lint.yml': LINT, '.github/workflows/tests.yml': TESTS });
    assert.strictEqual(two.status, 'passed', `${two.summary}\n${two.details.join('\n')}`);
    assert.match(two.summary, /fails on the lint finding \(\.github\/workflows\/lint\.yml › lint .*on the failing test \(\.github\/workflows\/tests\.yml › test/);
  });

  it('fails with no workflow, with tests that pull requests never run, or with a file actionlint rejects', async () => {
    const none = await check({ 'ci.yml': LINT });
    assert.match(none.summary, /There is no workflow in \.github\/workflows\/ yet/);
    const pushOnly = await check({ '.github/workflows/lint.yml': LINT, '.github/workflows/tests.yml': TESTS.replace('on: [push, pull_request]', 'on: push') });
    assert.strictEqual(pushOnly.status, 'failed');
    assert.match(pushOnly.summary, /^A pull request into main with a failing test in test_upskill_check_\w+\.py passes the workflow: the new test .* never ran/);
    const broken = await check({ '.github/workflows/ci.yml': LINT.replace('    runs-on: ubuntu-latest\n', ''), '.github/workflows/tests.yml': TESTS });
    assert.strictEqual(broken.status, 'failed', 'actionlint findings count');
    assert.match(broken.summary, /actionlint found 1 problem .* in \.github\/workflows\/ci\.yml: .*"runs-on" section is missing/);
  });
});
