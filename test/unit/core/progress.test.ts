import * as assert from 'assert';
import fc from 'fast-check';
import {
  type ExerciseProgress,
  EMPTY_PROGRESS,
  type CompetencyMark,
  markCompetency,
  markStarted,
  mergeCompetencyMark,
  mergeProgress,
  recordSolutionViewed,
  recommendNext,
  recordCheck,
  recordHint,
  skillState,
  tallyAll,
} from '../../../src/core/progress';
import { catalogOf } from './catalog';

const arbProgress: fc.Arbitrary<ExerciseProgress> = fc.record({
  state: fc.constantFrom('todo', 'started', 'passed'),
  startedAt: fc.option(fc.nat(), { nil: undefined }),
  passedAt: fc.option(fc.nat(), { nil: undefined }),
  lastCheckedAt: fc.option(fc.nat(), { nil: undefined }),
  attempts: fc.nat(50),
  failedAttempts: fc.nat(50),
  hintsUsed: fc.nat(5),
  solutionViewed: fc.boolean(),
  timeSpentMs: fc.nat(),
  folder: fc.option(fc.string(), { nil: undefined }),
});

describe('core/progress', () => {
  it('a check that passes moves an exercise to passed and records the time once', () => {
    let p = markStarted(EMPTY_PROGRESS, 100, '/w/ex');
    assert.strictEqual(p.state, 'started');
    p = recordCheck(p, false, 200);
    assert.deepStrictEqual([p.state, p.attempts, p.failedAttempts, p.passedAt], ['started', 1, 1, undefined]);
    p = recordCheck(p, true, 300);
    assert.deepStrictEqual([p.state, p.attempts, p.passedAt], ['passed', 2, 300]);
    p = recordCheck(p, false, 400);
    assert.strictEqual(p.state, 'passed', 'a later failed check never takes a pass away');
    assert.strictEqual(p.passedAt, 300);
    assert.strictEqual(p.startedAt, 100);
  });

  it('hints are counted up to the number the exercise has', () => {
    let p = EMPTY_PROGRESS;
    for (let i = 0; i < 5; i++) p = recordHint(p, 3);
    assert.strictEqual(p.hintsUsed, 3);
  });

  it('merging never loses a pass and is order-independent for the verdict', () => {
    fc.assert(
      fc.property(arbProgress, arbProgress, (a, b) => {
        const ab = mergeProgress(a, b);
        const ba = mergeProgress(b, a);
        if (a.state === 'passed' || b.state === 'passed') assert.strictEqual(ab.state, 'passed');
        assert.strictEqual(ab.state, ba.state);
        assert.strictEqual(ab.attempts, Math.max(a.attempts, b.attempts));
        assert.strictEqual(ab.solutionViewed, a.solutionViewed || b.solutionViewed);
      }),
    );
  });

  it('records when the solution was first viewed, and merges to the earliest view', () => {
    const p = recordSolutionViewed(recordSolutionViewed(EMPTY_PROGRESS, 10), 20);
    assert.deepStrictEqual([p.solutionViewed, p.solutionViewedAt], [true, 10]);
    const old = { ...EMPTY_PROGRESS, solutionViewed: true };
    assert.strictEqual(recordSolutionViewed(old, 30).solutionViewedAt, undefined, 'a view stored before times were recorded gets no made-up time');
    assert.strictEqual(mergeProgress(p, { ...EMPTY_PROGRESS, solutionViewed: true, solutionViewedAt: 5 }).solutionViewedAt, 5);
  });

  it('competency marks merge by time: commutative, associative, idempotent; a later mark always wins', () => {
    const mark: fc.Arbitrary<CompetencyMark> = fc.record({ ticked: fc.boolean(), at: fc.nat(20) });
    fc.assert(
      fc.property(mark, mark, mark, (a, b, c) => {
        const merge = (x: CompetencyMark, y: CompetencyMark) => ({ ...mergeCompetencyMark(x, y) });
        assert.deepStrictEqual(merge(a, b), merge(b, a));
        assert.deepStrictEqual(merge(merge(a, b), c), merge(a, merge(b, c)));
        assert.deepStrictEqual(merge(a, a), { ...a });
        const next = markCompetency(a, !a.ticked, b.at);
        assert.ok(next.at > a.at || next.at === b.at, 'a new mark is never older than the one it replaces');
        assert.deepStrictEqual(mergeCompetencyMark(a, next), next, 'so it wins the merge with it');
      }),
    );
  });

  it('tallies and recommends the next exercise in curriculum order', () => {
    const catalog = catalogOf([['a', 'b'], ['c']]);
    const map = { a: { ...EMPTY_PROGRESS, state: 'passed' as const } };
    assert.deepStrictEqual(tallyAll(catalog, map), { passed: 1, started: 0, total: 3 });
    assert.strictEqual(recommendNext(catalog, map)?.id, 'b');
    assert.strictEqual(recommendNext(catalog, { ...map, c: { ...EMPTY_PROGRESS, state: 'started' } })?.id, 'c', 'finish what you started');
    assert.strictEqual(recommendNext(catalog, map, 'b')?.id, 'c');
    assert.strictEqual(skillState({ passed: 2, started: 0, total: 2 }), 'passed');
    assert.strictEqual(skillState({ passed: 0, started: 0, total: 0 }), 'todo');
  });
});
