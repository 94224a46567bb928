import * as assert from 'assert';
import { type Assessment, buildAssessment } from '../../../src/core/assessment';
import { ASSESSMENTS_KEY, AssessmentStore, KEPT_PER_FOLDER } from '../../../src/state/assessmentStore';
import { loadVersioned } from '../../../src/core/versionedStore';
import { assessmentSpec } from '../../../src/state/assessmentStore';

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
const linted = (day: number, findings: number): Assessment =>
  buildAssessment({ root: '/p', date: new Date(Date.UTC(2026, 0, day)).toISOString(), commit: String(day % 10).repeat(40), stats: { pythonFiles: 1, notebooks: 0, lines: 10, durationMs: 5 }, outcomes: [{ rule: 'lint.clean', share: findings ? 0 : 1, count: findings }], notes: [] });

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

  it('copies an unreadable value once and says so once, however often it is read', async () => {
    const kv = new MapStore();
    const bad = { v: 2, data: { folders: { '/p': 'not a list' }, shown: {} } };
    kv.map.set(ASSESSMENTS_KEY, bad);
    const told: string[] = [];
    let now = 100;
    const store = new AssessmentStore(kv, () => now++, (p) => told.push(p));
    for (let i = 0; i < 3; i++) await store.stored();
    assert.deepStrictEqual(kv.keys().filter((k) => k.includes('.unreadable.')), [`${ASSESSMENTS_KEY}.unreadable.100`]);
    assert.deepStrictEqual(kv.map.get(`${ASSESSMENTS_KEY}.unreadable.100`), bad);
    assert.strictEqual(told.length, 1);
    assert.match(told[0], /Stored assessments of \/p are not a list\. The stored data was kept under "upskill\.assessments\.unreadable\.100"/);
    await store.add('/p', assessment(1, 1));
    assert.strictEqual((await store.history('/p')).length, 1, 'new assessments are stored after the fresh start');
  });

  it('keeps a "shown in my project" competency after the assessments that showed it are let go', async () => {
    const store = new AssessmentStore(new MapStore());
    await store.add('/p', linted(1, 3));
    await store.add('/p', linted(2, 3));
    await store.add('/p', linted(3, 0));
    assert.deepStrictEqual(Object.keys(await store.shown()), ['linting.fix-common-bugs']);
    for (let d = 4; d < 30; d++) await store.add('/p', linted(d, 0));
    assert.ok(!(await store.history('/p')).some((a) => a.date.startsWith('2026-01-03')), 'the assessment that showed it is gone');
    const shown = (await store.shown())['linting.fix-common-bugs'];
    assert.deepStrictEqual([shown.since.slice(0, 10), shown.at.slice(0, 10), shown.sinceCommit?.slice(0, 1), shown.commit?.slice(0, 1)], ['2026-01-02', '2026-01-03', '2', '3']);
  });

  it('migrates version 1 (folders alone) to version 2, keeping every stored assessment and finding what their fixes showed', async () => {
    const kv = new MapStore();
    const v1 = { '/p': [linted(1, 3), linted(2, 0)], '/q': [assessment(3, 0.5)] };
    kv.map.set(ASSESSMENTS_KEY, { v: 1, data: v1 });
    const store = new AssessmentStore(kv);
    assert.deepStrictEqual(await store.all(), v1);
    assert.deepStrictEqual(Object.keys(await store.shown()), ['linting.fix-common-bugs']);
    assert.strictEqual(store.problem, undefined);
    await store.add('/q', assessment(4, 1));
    const written = kv.map.get(ASSESSMENTS_KEY) as { v: number; data: { folders: Record<string, unknown[]>; shown: Record<string, unknown> } };
    assert.strictEqual(written.v, 2);
    assert.deepStrictEqual(written.data.folders['/p'], v1['/p']);
    assert.strictEqual(written.data.folders['/q'].length, 2);
    assert.deepStrictEqual(Object.keys(written.data.shown).sort(), ['linting.fix-common-bugs', 'typing.annotate-signatures']);
  });

  it('keeps version 1 data it cannot migrate under a backup key, and refuses a version it does not know', async () => {
    const kv = new MapStore();
    kv.map.set(ASSESSMENTS_KEY, { v: 1, data: ['not', 'folders'] });
    const loaded = await loadVersioned(kv, assessmentSpec, 7);
    assert.deepStrictEqual(loaded.data, { folders: {}, shown: {} });
    assert.deepStrictEqual(kv.map.get(`${ASSESSMENTS_KEY}.unreadable.7`), { v: 1, data: ['not', 'folders'] });
    kv.map.set(ASSESSMENTS_KEY, { v: 3, data: {} });
    assert.match((await loadVersioned(kv, assessmentSpec, 8)).problem ?? '', /newer Upskill/);
  });

  it('refuses a version 2 record whose "shown" entries are not readable, keeping it', async () => {
    const kv = new MapStore();
    kv.map.set(ASSESSMENTS_KEY, { v: 2, data: { folders: {}, shown: { 'linting.x': { rule: 'no.such.rule' } } } });
    const loaded = await loadVersioned(kv, assessmentSpec, 9);
    assert.match(loaded.problem ?? '', /shown in my project/);
    assert.ok(kv.map.has(`${ASSESSMENTS_KEY}.unreadable.9`));
    const record = { folder: '/p', rule: 'lint.clean', label: 'Ruff finds nothing', since: '2026-01-01', at: '2026-01-02' };
    kv.map.set(ASSESSMENTS_KEY, { v: 2, data: { folders: {}, shown: { 'linting.fix-common-bugs': { ...record, commit: 42 } } } });
    assert.match((await loadVersioned(kv, assessmentSpec, 10)).problem ?? '', /linting\.fix-common-bugs is not readable/);
    kv.map.set(ASSESSMENTS_KEY, { v: 2, data: { folders: {}, shown: { 'linting.fix-common-bugs': record } } });
    assert.deepStrictEqual((await loadVersioned(kv, assessmentSpec, 11)).data.shown, { 'linting.fix-common-bugs': record });
  });
});
