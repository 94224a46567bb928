// tests-catch-bugs against tests of the code's shape, with real pytest: a fingerprint of
// the compiled code fails on a correct version written differently, a frozen copy of the
// code used as the oracle is refused by likeness wherever it lives, and honest tests of
// every common style pass, alternatives included, with the outcome as data.

import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { deflateSync } from 'zlib';
import { runChecks } from '../../../src/checks/engine';
import { COPY_OF_FUNCTION, copiesIn } from '../../../src/checks/likeness';
import { loadCatalog, nodeContentFs } from '../../../src/core/content';
import type { CatchBugsCheck, CheckSpec } from '../../../src/core/model';
import { PYTHON, context, folder } from './helpers';

const REFERENCE = `"""Summary statistics of one feature."""


def summarise(values: list[float]) -> tuple[float, float]:
    """(mean, max - min) of values; an empty list gives (0.0, 0.0)."""
    if not values:
        return (0.0, 0.0)
    total = 0.0
    for v in values:
        total += v
    mean = total / len(values)
    spread = max(values) - min(values)
    return (round(mean, 6), spread)
`;

// Correct, written differently: another order, other names, another way to the same numbers.
const ALTERNATIVE = `def summarise(values: list[float]) -> tuple[float, float]:
    if len(values) == 0:
        return 0.0, 0.0
    ordered = sorted(values)
    width = ordered[-1] - ordered[0]
    average = sum(values) / len(values)
    return round(average, 6), width
`;

const BUGS = {
  'bugs/empty_raises.py': REFERENCE.replace('    if not values:\n        return (0.0, 0.0)\n', ''),
  'bugs/spread_from_zero.py': REFERENCE.replace('max(values) - min(values)', 'max(values) - 0'),
};

const SPEC: CheckSpec = {
  type: 'tests-catch-bugs',
  module: 'stats.py',
  reference: 'ref.py',
  alternatives: [{ file: 'alt.py', description: 'sorted, then sum' }],
  bugs: [
    { file: 'bugs/empty_raises.py', description: 'an empty list raises ZeroDivisionError' },
    { id: 'spread', file: 'bugs/spread_from_zero.py', description: 'the spread is measured from 0, not from the minimum' },
  ],
};

const EXERCISE = { 'ref.py': REFERENCE, 'alt.py': ALTERNATIVE, ...BUGS };

async function check(files: Record<string, string>) {
  const exDir = await folder(EXERCISE);
  const ctx = context(await folder({ 'stats.py': REFERENCE, ...files }), [SPEC], {}, exDir);
  const report = await runChecks(ctx);
  return { r: report.results[0], lines: ctx.lines };
}

/** The hash a learner would paste into a test: of the module's bytecode as it is today. */
function bytecodeHash(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'upskill-pin-'));
  writeFileSync(path.join(dir, 'stats.py'), REFERENCE);
  return execFileSync(PYTHON.path, ['-c', 'import hashlib, stats; print(hashlib.sha256(stats.summarise.__code__.co_code).hexdigest())'], { cwd: dir }).toString().trim();
}

const COPY_BODY = (name: string) => `def ${name}(xs):
    if not xs:
        return (1.0, 1.0)
    acc = 0.0
    for x in xs:
        acc += x
    m = acc / len(xs)
    s = max(xs) - min(xs)
    return (round(m, 6), s)
`;

const COMPARE = (oracle: string) => `import random

from stats import summarise


def test_same_as_the_frozen_copy() -> None:
    rng = random.Random(0)
    for _ in range(50):
        xs = [rng.uniform(-5, 5) for _ in range(rng.randint(0, 4))]
        assert summarise(xs) == ${oracle}(xs) or not xs
`;

describe('checks: tests-catch-bugs refuses tests of the code’s shape', () => {
  it('a test that pins a fingerprint of the bytecode passes the reference and its hidden-source form, and fails on another correct version', async () => {
    const test = `import hashlib\n\nimport stats\n\n\ndef test_unchanged() -> None:\n    assert hashlib.sha256(stats.summarise.__code__.co_code).hexdigest() == "${bytecodeHash()}"\n`;
    const { r, lines } = await check({ 'test_stats.py': test });
    assert.strictEqual(r.status, 'failed', r.summary);
    assert.match(r.summary, /^Your tests fail against another correct version of stats\.py, written differently but doing the same/);
    assert.match(r.summary, /not how it is written \(its bytecode, its syntax tree or its private names\)/);
    assert.strictEqual(r.catchBugs, undefined, 'no bug ran, so there is no outcome to count');
    assert.ok(lines.includes('Your tests against the reference implementation, its source hidden:'), 'the hidden-source form ran and passed first');
    assert.ok(lines.includes('Your tests against another correct implementation (1 of 1):'));
  });

  it('a frozen copy of the code in the test file, renamed and with other constants, is refused by likeness, and the message says why and where', async () => {
    const test = `${COPY_BODY('_oracle')}\n\n${COMPARE('_oracle')}`;
    const { r, lines } = await check({ 'test_stats.py': test });
    assert.strictEqual(r.status, 'failed', r.summary);
    assert.match(r.summary, /^Your folder carries its own copy of the code under test: test_stats\.py:\d+ holds the code of summarise \(\d+%\) from stats\.py \(names and constants aside\)\./);
    assert.match(r.summary, /remove the copy, call the code with inputs you choose and assert the results you work out yourself/);
    assert.deepStrictEqual(
      r.findings.map((f) => [f.code, f.file.endsWith('test_stats.py'), f.line > 0]),
      [['copy-of-code-under-test', true, true]],
    );
    assert.ok(!lines.some((l) => l.startsWith('Your tests against')), 'refused before any implementation ran');
  });

  for (const [where, files] of [
    ['a helper module in a subfolder', { 'helpers/oracle.py': COPY_BODY('reference_summary'), 'test_stats.py': `import sys\nsys.path.insert(0, "helpers")\nfrom oracle import reference_summary\n${COMPARE('reference_summary')}` }],
    ['a text file the test execs', { 'oracle.txt': COPY_BODY('frozen'), 'test_stats.py': `import pathlib\nns: dict = {}\nexec((pathlib.Path(__file__).parent / "oracle.txt").read_text(), ns)\nfrozen = ns["frozen"]\n${COMPARE('frozen')}` }],
    [
      'a compressed, base64-encoded string',
      { 'test_stats.py': `import base64, zlib\nns: dict = {}\nexec(zlib.decompress(base64.b64decode("${deflateSync(COPY_BODY('frozen')).toString('base64')}")), ns)\nfrozen = ns["frozen"]\n${COMPARE('frozen')}` },
    ],
  ] as const) {
    it(`a frozen copy in ${where} is refused too, and the file named`, async () => {
      const { r } = await check(files);
      assert.strictEqual(r.status, 'failed', r.summary);
      const holder = Object.keys(files).find((f) => f !== 'test_stats.py') ?? 'test_stats.py';
      assert.match(r.summary, new RegExp(`^Your folder carries its own copy of the code under test: ${holder.replace('.', '\\.')}`));
    });
  }

  it('honest tests of many styles pass, alternatives included, and the outcome names each bug and the tests that caught it', async () => {
    const test = `import math
from unittest.mock import MagicMock, patch

import pytest

import stats
from stats import summarise


def mean_of(xs: list[float]) -> float:
    return sum(xs) / len(xs)


@pytest.mark.parametrize(("values", "expected"), [([1.0, 2.0, 3.0], (2.0, 2.0)), ([5.0, 7.0], (6.0, 2.0))])
def test_known_values(values: list[float], expected: tuple[float, float]) -> None:
    assert summarise(values) == pytest.approx(expected)


class TestEdges:
    def test_empty(self) -> None:
        assert summarise([]) == (0.0, 0.0)

    def test_spread_ignores_the_origin(self) -> None:
        assert summarise([10.0, 12.0])[1] == 2.0


def test_property_loop() -> None:
    for n in range(1, 6):
        xs = [float(i * i) for i in range(n)]
        mean, spread = stats.summarise(xs)
        assert math.isclose(mean, round(mean_of(xs), 6))
        assert spread == xs[-1] - xs[0]


def test_with_a_mock_made_first() -> None:
    fake = MagicMock(return_value=(9.0, 9.0))
    with patch.object(stats, "summarise", new=fake):
        assert stats.summarise([1.0]) == (9.0, 9.0)
    fake.assert_called_once_with([1.0])


def test_with_mocker(mocker) -> None:
    spy = mocker.spy(stats, "summarise")
    assert stats.summarise([4.0]) == (4.0, 0.0)
    spy.assert_called_once_with([4.0])
`;
    const { r, lines } = await check({ 'test_stats.py': test });
    assert.strictEqual(r.status, 'passed', `${r.summary}\n${r.details.join('\n')}`);
    assert.strictEqual(r.summary, 'Your tests pass on the correct code and caught all 2 seeded bugs.');
    assert.deepStrictEqual(r.catchBugs?.missed, []);
    assert.deepStrictEqual(
      r.catchBugs?.caught.map((b) => [b.id, b.by.some((t) => /test_empty/.test(t)), b.by.some((t) => /spread|property/.test(t))]),
      [
        ['empty_raises', true, false],
        ['spread', false, true],
      ],
      JSON.stringify(r.catchBugs),
    );
    assert.strictEqual(lines.filter((l) => l.startsWith('Your tests against')).length, 5, 'the reference, its hidden form, one alternative, two bugs');
  });

  it('a missed bug is data: its id, its description, and the tests that failed in a way that does not count', async () => {
    const test = `import sys\n\nfrom stats import summarise\n\n\ndef test_known() -> None:\n    assert summarise([1.0, 3.0]) == (2.0, 2.0)\n\n\ndef test_empty() -> None:\n    try:\n        result = summarise([])\n    except ZeroDivisionError:\n        sys.exit(1)\n    assert result == (0.0, 0.0)\n`;
    const { r } = await check({ 'test_stats.py': test });
    assert.strictEqual(r.status, 'failed', r.summary);
    assert.deepStrictEqual(r.catchBugs?.missed, [{ id: 'empty_raises', description: 'an empty list raises ZeroDivisionError', failedOtherwise: ['test_empty'] }]);
    assert.deepStrictEqual(r.catchBugs?.caught.map((b) => [b.id, b.by]), [['spread', ['test_known']]]);
  });
});

describe('checks/likeness: what counts as a copy', () => {
  const fn = (name: string, covered: number, total: number) => ({ name, covered, total, line: 3 });
  it('most of a function of some size is a copy; a small helper or a shared expression is not', () => {
    assert.strictEqual(copiesIn([{ file: 't.py', functions: [fn('f', 40, 42)] }]).length, 1);
    assert.strictEqual(copiesIn([{ file: 't.py', functions: [fn('f', 14, 42)] }]).length, 0, 'an expected value worked out by the same formula');
    assert.strictEqual(copiesIn([{ file: 't.py', functions: [fn('add', 5, 5)] }]).length, 0, `a function under ${COPY_OF_FUNCTION.minNodes} nodes never counts`);
  });
  it('half of a whole module, spread over small functions, is a copy of the module', () => {
    const small = Array.from({ length: 4 }, (_, i) => fn(`f${i}`, 12, 16));
    const [copy] = copiesIn([{ file: 't.py', functions: small }]);
    assert.deepStrictEqual(copy.functions, []);
    assert.strictEqual(copy.moduleShare, 0.75);
  });
});

describe('shipped tests-catch-bugs exercises: alternatives that defeat a fingerprint', () => {
  // Every function and method of the reference (class bodies aside: they hold no logic a bug
  // could change) compiles to other bytecode in some alternative, so a fingerprint of any
  // one function fails on a correct version; and every alternative is valid Python.
  const DIFFERENT = String.raw`
import json, sys, types
OPTIMIZED = 0x1
def functions(path):
    out = {}
    def walk(code, prefix):
        for const in code.co_consts:
            if isinstance(const, types.CodeType) and not const.co_name.startswith("<"):
                name = prefix + const.co_name
                if const.co_flags & OPTIMIZED:
                    out[name] = const.co_code
                walk(const, name + ".")
    with open(path) as f:
        walk(compile(f.read(), path, "exec"), "")
    return out
req = json.load(sys.stdin)
reference = functions(req["reference"])
alternatives = [functions(a) for a in req["alternatives"]]
print(json.dumps(sorted(n for n, c in reference.items() if all(alt.get(n) == c for alt in alternatives))))
`;
  it('each ships at least two, and no function keeps its bytecode in all of them', async () => {
    const catalog = await loadCatalog([{ kind: 'builtin', root: path.join(process.cwd(), 'resources', 'content'), label: 'builtin', trusted: true }], nodeContentFs);
    const specs = [...catalog.exercises.values()].flatMap((ex) => ex.checks.filter((c): c is CatchBugsCheck => c.type === 'tests-catch-bugs').map((c) => ({ ex, c })));
    assert.ok(specs.length >= 8, `${specs.length} tests-catch-bugs checks`);
    for (const { ex, c } of specs) {
      assert.ok((c.alternatives ?? []).length >= 2, `${ex.id} ships ${(c.alternatives ?? []).length} alternatives`);
      const input = JSON.stringify({ reference: path.join(ex.dir, c.reference), alternatives: c.alternatives!.map((a) => path.join(ex.dir, a.file)) });
      const same = JSON.parse(execFileSync(PYTHON.path, ['-c', DIFFERENT], { input }).toString()) as string[];
      assert.deepStrictEqual(same, [], `${ex.id}: these functions compile the same in every alternative, so a fingerprint of them passes`);
    }
  });
});
