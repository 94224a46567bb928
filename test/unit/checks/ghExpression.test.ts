// GitHub's expression language as the local workflow run evaluates it, and the workflow
// model: which changes trigger a workflow, and how a matrix expands.

import * as assert from 'assert';
import { conditionHolds, evaluate, ExpressionError, interpolate, resolveValue, type ExpressionScope } from '../../../src/checks/ghExpression';
import { expandMatrix, filterRegExp, jobOrder, passesFilter, triggers, type Workflow } from '../../../src/checks/workflowModel';

const SCOPE: ExpressionScope = {
  contexts: {
    github: { event_name: 'push', ref: 'refs/heads/main', event: { commits: [{ message: 'feat: a' }, { message: 'WIP' }] } },
    matrix: { 'python-version': '3.11', os: 'ubuntu-latest', experimental: false },
    runner: { os: 'Linux' },
    env: { MODE: 'ci' },
    steps: { lint: { outcome: 'failure', conclusion: 'success', outputs: { count: '3' } } },
  },
};
const ev = (src: string, scope = SCOPE) => evaluate(src, scope);

describe('checks: GitHub expressions', () => {
  it('reads contexts, case-insensitively, with null for a missing property', () => {
    assert.strictEqual(ev('github.event_name'), 'push');
    assert.strictEqual(ev('GITHUB.Event_Name'), 'push');
    assert.strictEqual(ev("matrix['python-version']"), '3.11');
    assert.strictEqual(ev('matrix.python-version'), '3.11');
    assert.strictEqual(ev('steps.lint.outputs.count'), '3');
    assert.strictEqual(ev('github.event.pull_request.number'), null);
    assert.deepStrictEqual(ev('github.event.commits.*.message'), ['feat: a', 'WIP']);
  });

  it('compares as GitHub does: strings ignoring case, other types as numbers', () => {
    assert.strictEqual(ev("github.event_name == 'PUSH'"), true);
    assert.strictEqual(ev("runner.os != 'Windows'"), true);
    assert.strictEqual(ev("'3' == 3"), true);
    assert.strictEqual(ev('null == 0'), true);
    assert.strictEqual(ev("true == 1 && '' == false"), true);
    assert.strictEqual(ev("'abc' == 0"), false, 'NaN equals nothing');
    assert.strictEqual(ev('1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 4'), false);
    assert.strictEqual(ev("'b' > 'A'"), true);
  });

  it('&& and || return an operand; ! negates truthiness', () => {
    assert.strictEqual(ev("matrix.experimental || 'no'"), 'no');
    assert.strictEqual(ev("env.MODE && 'yes'"), 'yes');
    assert.strictEqual(ev("!''"), true);
    assert.strictEqual(ev('!(1 == 1)'), false);
    assert.strictEqual(ev('0x10 == 16 && 1e2 == 100 && .5 == 0.5'), true);
  });

  it('has contains, startsWith, endsWith, format, join, toJSON and fromJSON', () => {
    assert.strictEqual(ev("contains(github.ref, 'MAIN')"), true);
    assert.strictEqual(ev("contains(fromJSON('[\"3.10\", \"3.11\"]'), matrix.python-version)"), true);
    assert.strictEqual(ev("startsWith(github.ref, 'refs/heads/') && endsWith(github.ref, 'main')"), true);
    assert.strictEqual(ev("format('{0}-{1} {{x}}', runner.os, matrix.python-version)"), 'Linux-3.11 {x}');
    assert.strictEqual(ev("join(github.event.commits.*.message, ' | ')"), 'feat: a | WIP');
    assert.strictEqual(ev("fromJSON('{\"a\": [1, 2]}').a[1]"), 2);
    assert.strictEqual(ev("toJSON(fromJSON('[1]'))"), '[\n  1\n]');
  });

  it('a string with ${{ }} in it is interpolated; a lone ${{ }} keeps its type', () => {
    assert.strictEqual(interpolate('py${{ matrix.python-version }} on ${{ runner.os }}', SCOPE), 'py3.11 on Linux');
    assert.strictEqual(interpolate("${{ '}}' }}", SCOPE), '}}');
    assert.strictEqual(resolveValue('${{ matrix.experimental }}', SCOPE), false);
    assert.deepStrictEqual(resolveValue({ a: ['${{ 1 == 1 }}', 'x${{ 2 }}'] }, SCOPE), { a: [true, 'x2'] });
  });

  it('an if: without a status function means success() && (…)', () => {
    const failed: ExpressionScope = { ...SCOPE, status: { failed: true, cancelled: false } };
    assert.strictEqual(conditionHolds(undefined, SCOPE), true);
    assert.strictEqual(conditionHolds(undefined, failed), false);
    assert.strictEqual(conditionHolds("github.event_name == 'push'", failed), false);
    assert.strictEqual(conditionHolds('failure()', failed), true);
    assert.strictEqual(conditionHolds('always()', failed), true);
    assert.strictEqual(conditionHolds('${{ success() || failure() }}', failed), true);
    assert.strictEqual(conditionHolds('failure()', SCOPE), false);
    assert.strictEqual(conditionHolds("${{ github.event_name == 'schedule' }}", SCOPE), false);
    assert.strictEqual(conditionHolds(false, SCOPE), false);
    assert.strictEqual(conditionHolds('cancelled()', SCOPE), false);
  });

  it("an if: with text around ${{ }} is a string, so it always holds (GitHub's own trap)", () => {
    assert.strictEqual(conditionHolds("${{ github.event_name }} == 'schedule'", SCOPE), true);
  });

  it('what it cannot evaluate is an error that names the problem, never a value', () => {
    for (const [src, message] of [
      ['hashFiles2(x)', /unknown function hashFiles2\(\)/],
      ['secretz.TOKEN', /unknown context "secretz"/],
      ["github.event_name == 'push", /never closed/],
      ['github.event_name ==', /ends too early/],
      ['success()', /only be used in an "if:"/],
      ["format('{2}', 1)", /uses \{2\} but has 1 argument/],
      ['inputs.x', /"inputs" context is not available/],
    ] as const) {
      assert.throws(() => ev(src), (e: Error) => e instanceof ExpressionError && message.test(e.message), src);
    }
    assert.throws(() => conditionHolds('env.MODE = 1', SCOPE), ExpressionError);
  });
});

describe('checks: a workflow model for local runs', () => {
  const push = { event: 'push' as const, branch: 'main', paths: ['pkg/new.py', 'tests/test_new.py'] };
  const pr = { ...push, event: 'pull_request' as const };
  const on = (o: unknown): Workflow => ({ on: o, jobs: {} });

  it('filters branches and paths as GitHub does: ** , *, ! and the last match wins', () => {
    assert.ok(filterRegExp('releases/**').test('releases/v1/x') && !filterRegExp('releases/*').test('releases/v1/x'));
    assert.ok(passesFilter(['**', '!main'], 'dev') && !passesFilter(['**', '!main'], 'main'));
    assert.ok(passesFilter(['!main', '**'], 'main'), 'a later pattern wins');
    assert.ok(triggers(on({ push: { branches: ['main', 'release/**'] } }), push).triggered);
    assert.ok(!triggers(on({ push: { branches: ['develop'] } }), push).triggered);
    assert.match(triggers(on({ push: { 'branches-ignore': ['**'] } }), push).why, /ignores main/);
    assert.ok(!triggers(on({ push: { tags: ['v*'] } }), push).triggered, 'only tags: a branch push does not run it');
    assert.ok(triggers(on({ pull_request: { branches: ['main'] } }), pr).triggered, 'a pull request is filtered by its base branch');
    assert.ok(!triggers(on({ pull_request: { types: ['closed'] } }), pr).triggered);
    assert.ok(triggers(on({ push: { paths: ['pkg/**'] } }), push).triggered);
    assert.match(triggers(on({ push: { paths: ['docs/**'] } }), push).why, /leaves out pkg\/new\.py/);
    assert.ok(!triggers(on({ push: { 'paths-ignore': ['**/*.py'] } }), push).triggered);
    assert.ok(!triggers(on('workflow_dispatch'), push).triggered && triggers(on(['push', 'pull_request']), pr).triggered);
  });

  it('expands a matrix: the product, then exclude, then include', () => {
    const scope: ExpressionScope = { contexts: { github: {}, needs: {}, vars: {}, inputs: {} } };
    assert.deepStrictEqual(expandMatrix(undefined, scope), [{}]);
    const m = expandMatrix({ py: ['3.10', '3.11'], os: ['ubuntu', 'windows'], exclude: [{ os: 'windows', py: '3.10' }] }, scope);
    assert.deepStrictEqual(m, [{ py: '3.10', os: 'ubuntu' }, { py: '3.11', os: 'ubuntu' }, { py: '3.11', os: 'windows' }]);
    // An include entry extends every combination whose original values it keeps, else it is a new one.
    const inc = expandMatrix({ fruit: ['apple', 'pear'], animal: ['cat', 'dog'], include: [{ color: 'green' }, { color: 'pink', animal: 'cat' }, { fruit: 'apple', shape: 'circle' }, { fruit: 'banana' }, { fruit: 'banana', animal: 'cat' }] }, scope);
    assert.deepStrictEqual(inc, [
      { fruit: 'apple', animal: 'cat', color: 'pink', shape: 'circle' },
      { fruit: 'apple', animal: 'dog', color: 'green', shape: 'circle' },
      { fruit: 'pear', animal: 'cat', color: 'pink' },
      { fruit: 'pear', animal: 'dog', color: 'green' },
      { fruit: 'banana' },
      { fruit: 'banana', animal: 'cat' },
    ]);
    assert.deepStrictEqual(expandMatrix({ include: [{ py: '3.12' }] }, scope), [{ py: '3.12' }]);
    assert.deepStrictEqual(expandMatrix("${{ fromJSON('{\"py\": [\"3.9\"]}') }}", scope), [{ py: '3.9' }]);
    assert.throws(() => expandMatrix({ py: '3.11' }, scope), /matrix\.py must be a list/);
  });

  it('orders jobs by needs, and names a cycle or an unknown job', () => {
    assert.deepStrictEqual(jobOrder({ deploy: { needs: ['test', 'lint'] }, test: { needs: 'lint' }, lint: {} }), ['lint', 'test', 'deploy']);
    assert.throws(() => jobOrder({ a: { needs: 'b' }, b: { needs: 'a' } }), /need each other/);
    assert.throws(() => jobOrder({ a: { needs: 'c' } }), /needs "c", which is not a job/);
  });
});
