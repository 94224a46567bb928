import * as assert from 'assert';
import fc from 'fast-check';
import {
  type ExerciseProgress,
  EMPTY_PROGRESS,
  markStarted,
  mergeProgress,
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
