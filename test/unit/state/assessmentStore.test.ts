import * as assert from 'assert';
import { type Assessment, buildAssessment } from '../../../src/core/assessment';
import { ASSESSMENTS_KEY, AssessmentStore, KEPT_PER_FOLDER } from '../../../src/state/assessmentStore';

class MapStore {
  readonly map = new Map<string, unknown>();
  get(key: string): unknown {
    return this.map.get(key);
  }
  update(key: string, value: unknown): Promise<void> {
    this.map.set(key, value);
    return Promise.resolve();
  }
  keys(): readonly string[] {
    return [...this.map.keys()];
  }
}

const assessment = (day: number, share: number): Assessment =>
  buildAssessment({ root: '/p', date: new Date(Date.UTC(2026, 0, day)).toISOString(), stats: { pythonFiles: 1, notebooks: 0, lines: 10, durationMs: 5 }, outcomes: [{ rule: 'typing.annotated', share, count: 3 }], notes: [] });

describe('AssessmentStore', () => {
  it('returns the assessment before the one added, per folder, and keeps the first and the latest', async () => {
    const store = new AssessmentStore(new MapStore());
    assert.strictEqual(await store.add('/p', assessment(1, 0.2)), undefined);
    assert.strictEqual((await store.add('/p', assessment(2, 0.5)))?.date, '2026-01-01T00:00:00.000Z');
    assert.strictEqual(await store.add('/q', assessment(3, 1)), undefined);
    for (let d = 4; d < 20; d++) await store.add('/p', assessment(d, 0.6));
    const list = await store.history('/p');
    assert.strictEqual(list.length, KEPT_PER_FOLDER);
    assert.strictEqual(list[0].date, '2026-01-01T00:00:00.000Z', 'the first assessment is the "before" and stays');
    assert.strictEqual(list[list.length - 1].date, '2026-01-19T00:00:00.000Z');
    assert.strictEqual((await store.history('/q')).length, 1);
  });

  it('keeps stored data it cannot read under a backup key and says so, instead of dropping it', async () => {
    const kv = new MapStore();
    kv.map.set(ASSESSMENTS_KEY, { v: 1, data: { '/p': [{ version: 99 }] } });
    const store = new AssessmentStore(kv, () => 42);
    assert.deepStrictEqual(await store.history('/p'), []);
    assert.match(store.problem ?? '', /not a version 1 assessment.*kept under "upskill\.assessments\.unreadable\.42"/);
    assert.deepStrictEqual(kv.map.get(`${ASSESSMENTS_KEY}.unreadable.42`), { v: 1, data: { '/p': [{ version: 99 }] } });
  });
});
