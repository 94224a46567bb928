import * as assert from 'assert';
import type { KeyValueStore } from '../../../src/core/versionedStore';
import { EMPTY_PROGRESS, PROGRESS_KEY, ProgressStore } from '../../../src/state/progressStore';
import fc from 'fast-check';
import { markStarted, recordCheck, recordHint } from '../../../src/core/progress';

/** A Map-backed Memento, as VS Code's globalState behaves. */
function memoryStore(initial: Record<string, unknown> = {}): KeyValueStore & { map: Map<string, unknown> } {
  const map = new Map(Object.entries(initial));
  return { map, get: (k) => map.get(k), update: async (k, v) => void map.set(k, v), keys: () => [...map.keys()] };
}

describe('state/ProgressStore', () => {
  it('persists updates in a versioned envelope and reports changes', async () => {
    const kv = memoryStore();
    const store = new ProgressStore(kv, () => 1000);
    const seen: string[][] = [];
    store.onDidChange((ids) => seen.push([...ids]));
    await store.update('ex-1', (p) => recordCheck(p, true, 1000));
    assert.deepStrictEqual(kv.map.get(PROGRESS_KEY), { v: 2, data: { exercises: { 'ex-1': { ...recordCheck(EMPTY_PROGRESS, true, 1000) } }, competencies: {} } });
    assert.deepStrictEqual(seen, [['ex-1']]);
    const again = new ProgressStore(kv);
    await again.load();
    assert.strictEqual(again.get('ex-1').state, 'passed');
  });

  it('keeps unreadable stored progress as a backup and says so, never drops it', async () => {
    const garbage = { v: 2, data: { exercises: { 'ex-1': { state: 'finished' } } } };
    const kv = memoryStore({ [PROGRESS_KEY]: garbage });
    const store = new ProgressStore(kv, () => 42);
    await store.load();
    assert.match(store.problem ?? '', /unknown state "finished".*upskill\.progress\.unreadable\.42/);
    assert.deepStrictEqual(kv.map.get('upskill.progress.unreadable.42'), garbage);
    assert.strictEqual(store.get('ex-1').state, 'todo');
  });

  it('refuses data from a newer version rather than misreading it', async () => {
    const kv = memoryStore({ [PROGRESS_KEY]: { v: 9, data: {} } });
    const store = new ProgressStore(kv, () => 7);
    await store.load();
    assert.match(store.problem ?? '', /newer Upskill/);
    assert.ok(kv.map.has('upskill.progress.unreadable.7'));
  });

  it('imports by merging: a pass survives an older export, and bad files are rejected with a reason', async () => {
    const kv = memoryStore();
    const store = new ProgressStore(kv, () => 5);
    await store.update('a', (p) => recordCheck(p, true, 5));
    const older = JSON.stringify({ format: 'upskill-progress', v: 1, data: { a: { ...EMPTY_PROGRESS, state: 'started', attempts: 9 }, b: { ...EMPTY_PROGRESS, state: 'passed' } } });
    const changed = await store.import(older);
    assert.strictEqual(changed, 2);
    assert.strictEqual(store.get('a').state, 'passed');
    assert.strictEqual(store.get('a').attempts, 9);
    assert.strictEqual(store.get('b').state, 'passed');
    await assert.rejects(store.import('{"hello": 1}'), /not an Upskill progress export/);
    await assert.rejects(store.import('not json'), /not JSON/);
    assert.strictEqual(store.get('a').state, 'passed', 'a rejected import changes nothing');
  });

  it('round-trips through export and import', async () => {
    const a = new ProgressStore(memoryStore(), () => 1);
    await a.update('x', (p) => recordCheck(p, false, 1));
    const b = new ProgressStore(memoryStore(), () => 2);
    await b.import(JSON.stringify(a.export()));
    assert.deepStrictEqual(b.all, a.all);
  });

  describe('competencies (version 2)', () => {
    it('migrates version 1 (the exercises map alone) without losing anything, and writes version 2 on the next change', async () => {
      const v1 = { v: 1, data: { a: { ...EMPTY_PROGRESS, state: 'passed', passedAt: 5, attempts: 2 } } };
      const kv = memoryStore({ [PROGRESS_KEY]: v1 });
      const store = new ProgressStore(kv, () => 9);
      await store.load();
      assert.strictEqual(store.problem, undefined);
      assert.deepStrictEqual(store.all, v1.data);
      assert.deepStrictEqual(store.competencies, {});
      await store.setCompetency('typing.protocols', true);
      assert.deepStrictEqual(JSON.parse(JSON.stringify(kv.map.get(PROGRESS_KEY))), { v: 2, data: { exercises: v1.data, competencies: { 'typing.protocols': { ticked: true, at: 9 } } } });
    });

    it('a tick and an un-tick persist, and the un-tick wins even within the same millisecond', async () => {
      const kv = memoryStore();
      const store = new ProgressStore(kv, () => 50);
      const seen: string[][] = [];
      store.onDidChange((ids) => seen.push([...ids]));
      await store.setCompetency('git.squash', true);
      await store.setCompetency('git.squash', false);
      const again = new ProgressStore(kv);
      await again.load();
      assert.deepStrictEqual(again.competencies['git.squash'], { ticked: false, at: 51 });
      assert.deepStrictEqual(seen, [['git.squash'], ['git.squash']]);
    });

    it('imports a version 1 export and merges marks by time', async () => {
      const store = new ProgressStore(memoryStore(), () => 100);
      await store.setCompetency('dsa.big-o', true);
      const v1 = JSON.stringify({ format: 'upskill-progress', v: 1, data: { a: { ...EMPTY_PROGRESS, state: 'passed' } } });
      assert.strictEqual(await store.import(v1), 1);
      const older = JSON.stringify({ format: 'upskill-progress', v: 2, data: { exercises: {}, competencies: { 'dsa.big-o': { ticked: false, at: 99 }, 'dsa.recursion': { ticked: true, at: 3 } } } });
      assert.strictEqual(await store.import(older), 1);
      assert.deepStrictEqual(store.competencies, { 'dsa.big-o': { ticked: true, at: 100 }, 'dsa.recursion': { ticked: true, at: 3 } }, 'an older un-tick does not undo a newer tick');
      await assert.rejects(store.import(JSON.stringify({ format: 'upskill-progress', v: 2, data: { exercises: {}, competencies: { x: { ticked: 'yes' } } } })), /ticked: true or false/);
    });

    it('windows converge on the latest tick or un-tick of each competency, whatever order they meet in', async () => {
      type Op = { window: number; kind: 'tick' | 'untick' | 'deliver' | 'focus'; key: string };
      const op = fc.record({
        window: fc.integer({ min: 0, max: 2 }),
        kind: fc.constantFrom<Op['kind']>('tick', 'untick', 'deliver', 'focus'),
        key: fc.constantFrom('s.a', 's.b', 's.c'),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(op, { maxLength: 40 }), async (ops) => {
          let shared: unknown;
          let now = 0;
          const caches = [new Map<string, unknown>(), new Map<string, unknown>(), new Map<string, unknown>()];
          const deliver = () => caches.forEach((c) => (shared === undefined ? c.delete(PROGRESS_KEY) : c.set(PROGRESS_KEY, shared)));
          const windows = caches.map((cache) => {
            const kv: KeyValueStore = {
              get: (k) => cache.get(k),
              update: async (k, v) => {
                cache.set(k, v);
                shared = v;
              },
              keys: () => [...cache.keys()],
            };
            return new ProgressStore(kv, () => ++now);
          });
          const latest = new Map<string, boolean>();
          for (const o of ops) {
            const w = windows[o.window];
            if (o.kind === 'deliver') deliver();
            else if (o.kind === 'focus') await w.reloadFromStore();
            else {
              await w.setCompetency(o.key, o.kind === 'tick');
              latest.set(o.key, o.kind === 'tick');
            }
          }
          // Two rounds of focus: in the first a window may write back a merge the others have not seen.
          for (const w of [...windows, ...windows]) {
            deliver();
            await w.reloadFromStore();
          }
          const final = (shared as { data?: { competencies: Record<string, { ticked: boolean }> } } | undefined)?.data?.competencies ?? {};
          for (const [key, ticked] of latest) assert.strictEqual(final[key]?.ticked, ticked, `${key} should end ${ticked ? 'ticked' : 'un-ticked'}`);
          for (const w of windows) assert.deepStrictEqual(w.competencies, final, 'every window ends with the same marks');
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('several windows over one stored value', () => {
    it('keeps every pass when two windows write in an interleaved order', async () => {
      const kv = memoryStore();
      const a = new ProgressStore(kv, () => 10);
      const b = new ProgressStore(kv, () => 20);
      await Promise.all([a.load(), b.load()]);
      await a.update('x', (p) => markStarted(p, 10, '/w/x'));
      await b.update('y', (p) => markStarted(p, 20, '/w/y'));
      await a.update('x', (p) => recordCheck(p, true, 11));
      await b.update('y', (p) => recordCheck(p, true, 21));
      await a.update('z', (p) => recordCheck(p, true, 12));
      await b.update('x', (p) => recordHint(p, 3));
      const stored = new ProgressStore(kv);
      await stored.load();
      assert.deepStrictEqual(
        Object.fromEntries(Object.entries(stored.all).map(([id, p]) => [id, p.state])),
        { x: 'passed', y: 'passed', z: 'passed' },
      );
      assert.strictEqual(stored.get('x').hintsUsed, 1, "b's hint on x is kept with a's pass");
      assert.strictEqual(stored.get('x').passedAt, 11);
    });

    it('a window picks up what another stored when it reloads, and says which exercises changed', async () => {
      const kv = memoryStore();
      const a = new ProgressStore(kv, () => 1);
      const b = new ProgressStore(kv, () => 2);
      await Promise.all([a.load(), b.load()]);
      const seen: string[][] = [];
      b.onDidChange((ids) => seen.push([...ids]));
      await a.update('x', (p) => recordCheck(p, true, 1));
      assert.strictEqual(b.get('x').state, 'todo', 'not yet: b has not re-read');
      await b.reloadFromStore();
      assert.strictEqual(b.get('x').state, 'passed');
      assert.deepStrictEqual(seen, [['x']]);
      await b.reloadFromStore();
      assert.deepStrictEqual(seen, [['x']], 'nothing new, no event');
    });

    it('converges when windows see each other late (a write that lost a race is written again)', async () => {
      // Each window reads its own cache of the stored value, as the extension host does; the
      // shared value is last-writer-wins and reaches the other caches only when delivered.
      type Op = { window: number; kind: 'start' | 'check' | 'hint' | 'deliver' | 'focus'; exercise: string; passed: boolean };
      const op = fc.record({
        window: fc.integer({ min: 0, max: 2 }),
        kind: fc.constantFrom<Op['kind']>('start', 'check', 'hint', 'deliver', 'focus'),
        exercise: fc.constantFrom('a', 'b', 'c', 'd'),
        passed: fc.boolean(),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(op, { maxLength: 40 }), async (ops) => {
          let shared: unknown;
          const caches = [new Map<string, unknown>(), new Map<string, unknown>(), new Map<string, unknown>()];
          const deliver = () => caches.forEach((c) => (shared === undefined ? c.delete(PROGRESS_KEY) : c.set(PROGRESS_KEY, shared)));
          const windows = caches.map((cache, i) => {
            const kv: KeyValueStore = {
              get: (k) => cache.get(k),
              update: async (k, v) => {
                cache.set(k, v);
                if (k === PROGRESS_KEY) shared = v;
              },
              keys: () => [...cache.keys()],
            };
            return new ProgressStore(kv, () => 100 + i);
          });
          const passedSomewhere = new Set<string>();
          for (const o of ops) {
            const w = windows[o.window];
            if (o.kind === 'deliver') deliver();
            else if (o.kind === 'focus') await w.reloadFromStore();
            else if (o.kind === 'start') await w.update(o.exercise, (p) => markStarted(p, 1, '/f'));
            else if (o.kind === 'hint') await w.update(o.exercise, (p) => recordHint(p, 5));
            else {
              await w.update(o.exercise, (p) => recordCheck(p, o.passed, 2));
              if (o.passed) passedSomewhere.add(o.exercise);
            }
          }
          // Each window gains focus in turn, some time after the last write reached it.
          for (const w of windows) {
            deliver();
            await w.reloadFromStore();
          }
          const final = (shared as { data?: { exercises: Record<string, { state: string }> } } | undefined)?.data?.exercises ?? {};
          for (const id of passedSomewhere) assert.strictEqual(final[id]?.state, 'passed', `the pass of ${id} was lost`);
        }),
        { numRuns: 300 },
      );
    });
  });
});
