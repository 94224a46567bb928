// Workflow rules that keep a check honest (a tool asked only for its --version, a failure
// hidden by --exit-zero or a pipe, a job for an event that never comes), rules met by any
// one of several tools, and a workflow check on every file of .github/workflows/.

import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { runChecks } from '../../../src/checks/engine';
import { evaluateWorkflow, neverTrue, pipedCheck, runsCheck } from '../../../src/checks/workflow';
import { isPattern, matchingFiles, patternRegExp } from '../../../src/checks/workflowFiles';
import type { CheckSpec, WorkflowRules } from '../../../src/core/model';
import { context, folder } from './helpers';

const SOLUTION = readFileSync(path.join(process.cwd(), 'resources/content/exercises/ci-cd-first-workflow/solution/.github/workflows/ci.yml'), 'utf8');
const RULES: WorkflowRules = { triggers: ['push', 'pull_request'], runs: ['ruff', 'mypy', 'pytest'], pythonMatrix: ['3.10', '3.11', '3.12'], requireCache: true };
const messages = (text: string, rules = RULES) => evaluateWorkflow('/w/ci.yml', text, rules).map((f) => f.message).join('\n');

describe('checks: workflow rules that a tool really runs and can fail', () => {
  it('the reference workflow meets them', () => assert.strictEqual(messages(SOLUTION), ''));

  it('a tool asked for its version or help, or pytest collecting only, does not count as running it', () => {
    assert.ok(runsCheck(['python', '-m', 'pytest', '-q'], 'pytest'));
    for (const words of [['ruff', '--version'], ['pytest', '--collect-only'], ['pytest', '--co'], ['mypy', '-V'], ['ruff', 'check', '--help']]) {
      assert.ok(!runsCheck(words, words[0]), words.join(' '));
    }
    assert.match(messages(SOLUTION.replace('run: ruff check .', 'run: ruff --version')), /No step runs ruff as its command/);
  });

  it('a rule of alternatives is met by any one tool, and named in full when none runs', () => {
    assert.ok(runsCheck(['flake8', '.'], 'ruff|flake8|pylint'));
    const rules = { ...RULES, runs: ['ruff|flake8|pylint', 'pytest'] };
    assert.strictEqual(messages(SOLUTION.replace('run: ruff check .', 'run: flake8 .'), rules), '');
    assert.match(messages(SOLUTION.replace('run: ruff check .', 'run: echo lint'), rules), /No step runs ruff, flake8 or pylint as its command/);
  });

  it('--exit-zero hides a failure', () => {
    assert.match(messages(SOLUTION.replace('run: ruff check .', 'run: ruff check --exit-zero .')), /"--exit-zero" hides a failing command/);
  });

  it('a check piped into another command passes whatever it finds, unless pipefail is on', () => {
    assert.strictEqual(pipedCheck('pytest -q | tee report.txt', ['pytest'], false), 'pytest -q | tee report.txt');
    assert.strictEqual(pipedCheck('pytest -q | tee report.txt', ['pytest'], true), undefined);
    assert.strictEqual(pipedCheck('set -eo pipefail\npytest -q | tee report.txt', ['pytest'], false), undefined);
    assert.strictEqual(pipedCheck('pytest -q || exit 1', ['pytest'], false), undefined, '|| is not a pipe');
    assert.strictEqual(pipedCheck('cat files.txt | xargs ruff check', ['ruff'], false), undefined, 'the check is the last command');
    const piped = SOLUTION.replace('run: pytest -q', 'run: pytest -q | tee pytest.log');
    assert.match(messages(piped), /"pytest -q \| tee pytest\.log" passes whenever the last command of the pipe does/);
    assert.strictEqual(messages(piped.replace('      - name: Test\n', '      - name: Test\n        shell: bash\n')), '', 'shell: bash sets pipefail');
  });

  it('a job or check step for an event the workflow never gets never runs', () => {
    assert.ok(neverTrue("github.event_name == 'schedule'", ['push', 'pull_request']));
    assert.ok(!neverTrue("${{ github.event_name == 'push' }}", ['push', 'pull_request']));
    assert.ok(!neverTrue("github.event_name == 'schedule'"), 'without the events nothing is known');
    assert.match(
      messages(SOLUTION.replace('    runs-on: ubuntu-latest', "    if: github.event_name == 'workflow_dispatch'\n    runs-on: ubuntu-latest")),
      /Job "test" has "if: github.event_name == 'workflow_dispatch'", so it never runs \(the workflow runs on push, pull_request\)/,
    );
  });
});

describe('checks: a workflow check on every file of .github/workflows/', () => {
  const SPEC: CheckSpec = { type: 'workflow', file: '.github/workflows/*.{yml,yaml}', rules: { triggers: ['push', 'pull_request'], runs: ['ruff|flake8', 'pytest'] } };
  const LINT = `name: Lint\non: [push, pull_request]\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-python@v5\n        with:\n          python-version: "3.12"\n      - run: pip install ruff\n      - run: ruff check .\n`;
  const TESTS = LINT.replace('name: Lint', 'name: Tests').replace('  lint:', '  test:').replace('pip install ruff', 'pip install -e ".[dev]"').replace('ruff check .', 'pytest -q');
  const check = async (files: Record<string, string>) => (await runChecks(context(await folder(files), [SPEC]))).results[0];

  it('reads patterns with *, ? and {a,b} in the file name only', async () => {
    assert.ok(isPattern('.github/workflows/*.yml') && !isPattern('.github/workflows/ci.yml'));
    const re = patternRegExp('*.{yml,yaml}');
    assert.ok(re.test('ci.yml') && re.test('tests.yaml') && !re.test('ci.yml.bak') && !re.test('notes.md'));
    const dir = await folder({ '.github/workflows/ci.yml': '', '.github/workflows/b.yaml': '', '.github/workflows/README.md': '', 'ci.yml': '' });
    assert.deepStrictEqual(await matchingFiles(dir, '.github/workflows/*.{yml,yaml}'), ['.github/workflows/b.yaml', '.github/workflows/ci.yml']);
    await assert.rejects(matchingFiles(dir, '*/workflows/ci.yml'), /only the file name/);
  });

  it('passes one workflow that runs everything, or lint and tests in two files', async () => {
    const one = await check({ '.github/workflows/ci.yaml': LINT.replace('      - run: ruff check .\n', '      - run: ruff check .\n      - run: pytest -q\n') });
    assert.strictEqual(one.status, 'passed', one.details.join('\n'));
    const two = await check({ '.github/workflows/lint.yml': LINT, '.github/workflows/tests.yml': TESTS });
    assert.strictEqual(two.status, 'passed', two.details.join('\n'));
    assert.match(two.details.join('\n'), /lint\.yml runs ruff or flake8 on push and pull_request\.\n.*tests\.yml runs pytest/);
  });

  it('fails with no workflow, or when the tests run only where the rules are not met', async () => {
    const none = await check({ 'ci.yml': LINT });
    assert.strictEqual(none.status, 'failed');
    assert.match(none.summary, /There is no workflow in \.github\/workflows\/ yet/);
    const pushOnly = await check({ '.github/workflows/lint.yml': LINT, '.github/workflows/tests.yml': TESTS.replace('on: [push, pull_request]', 'on: push') });
    assert.strictEqual(pushOnly.status, 'failed');
    assert.match(pushOnly.summary, /No workflow runs pytest with every rule met; in \.github\/workflows\/tests\.yml: The workflow is not triggered on "pull_request"/);
    const broken = await check({ '.github/workflows/ci.yml': LINT.replace('    runs-on: ubuntu-latest\n', '').replace('ruff check .', 'ruff check .\n      - run: pytest') });
    assert.strictEqual(broken.status, 'failed', 'actionlint findings count');
    assert.match(broken.details.join('\n'), /"runs-on" section is missing/);
  });
});
