import * as assert from 'assert';
import fc from 'fast-check';
import { checklistModel } from '../../../src/core/checklistModel';
import { type ExerciseProgress, EMPTY_PROGRESS, type ProgressMap } from '../../../src/core/progress';
import { catalogOf } from './catalog';

const started: ExerciseProgress = { ...EMPTY_PROGRESS, state: 'started' };
const passed: ExerciseProgress = { ...EMPTY_PROGRESS, state: 'passed' };

describe('core/checklistModel', () => {
  it('tallies overall and per skill, in curriculum order, with the next exercise of each skill', () => {
    const catalog = catalogOf([['a', 'b', 'c'], ['d'], ['e', 'f'], []]);
    const progress: ProgressMap = { a: passed, c: started, d: passed, f: started };
    const model = checklistModel(catalog, progress);
    assert.deepStrictEqual(model.tally, { passed: 2, started: 2, total: 6 });
    assert.deepStrictEqual(
      model.skills.map((s) => [s.id, s.title, s.track, s.state, `${s.tally.passed}/${s.tally.started}/${s.tally.total}`, s.next?.id]),
      [
        ['s0', 's0', 'T', 'started', '1/1/3', 'c'],
        ['s1', 's1', 'T', 'passed', '1/0/1', undefined],
        ['s2', 's2', 'T', 'started', '0/1/2', 'f'],
        ['s3', 's3', 'T', 'todo', '0/0/0', undefined],
      ],
    );
    assert.deepStrictEqual(model.skills[0].next, { id: 'c', title: 'c' }, 'what is in progress comes before what is not started');
    assert.strictEqual(checklistModel(catalog, { a: passed }).skills[0].next?.id, 'b', 'else the first not started');
  });

  it('leaves study time out until there is some, then sums it per skill and overall', () => {
    const catalog = catalogOf([['a', 'b'], ['c']]);
    const without = checklistModel(catalog, {});
    assert.ok(!('studyMs' in without));
    assert.ok(without.skills.every((s) => !('studyMs' in s)));
    const withTime = checklistModel(catalog, {}, { a: 60_000, b: 30_000, gone: 5_000 });
    assert.strictEqual(withTime.studyMs, 90_000, 'time on an exercise no longer in the catalog is not counted');
    assert.deepStrictEqual(withTime.skills.map((s) => s.studyMs), [90_000, 0]);
  });

  it('an empty catalog gives an empty checklist', () => {
    assert.deepStrictEqual(checklistModel({ tracks: [], skills: new Map(), exercises: new Map(), errors: [] }, {}), {
      tally: { passed: 0, started: 0, total: 0 },
      skills: [],
    });
  });

  it('is plain data: it survives JSON (the webview message) unchanged', () => {
    const catalog = catalogOf([['a', 'b'], ['c', 'd', 'e']]);
    const states = fc.constantFrom(EMPTY_PROGRESS, started, passed);
    fc.assert(
      fc.property(fc.record({ a: states, b: states, c: states, d: states, e: states }), fc.option(fc.dictionary(fc.constantFrom('a', 'c', 'x'), fc.nat()), { nil: undefined }), (progress, time) => {
        const model = checklistModel(catalog, progress, time);
        assert.deepStrictEqual(JSON.parse(JSON.stringify(model)), model);
        assert.strictEqual(model.skills.reduce((n, s) => n + s.tally.passed, 0), model.tally.passed);
      }),
    );
  });
});
