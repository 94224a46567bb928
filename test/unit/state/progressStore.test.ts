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
    assert.deepStrictEqual(kv.map.get(PROGRESS_KEY), { v: 1, data: { 'ex-1': { ...recordCheck(EMPTY_PROGRESS, true, 1000) } } });
    assert.deepStrictEqual(seen, [['ex-1']]);
    const again = new ProgressStore(kv);
    await again.load();
    assert.strictEqual(again.get('ex-1').state, 'passed');
  });

  it('keeps unreadable stored progress as a backup and says so, never drops it', async () => {
    const garbage = { v: 1, data: { 'ex-1': { state: 'finished' } } };
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
          const final = (shared as { data?: Record<string, { state: string }> } | undefined)?.data ?? {};
          for (const id of passedSomewhere) assert.strictEqual(final[id]?.state, 'passed', `the pass of ${id} was lost`);
        }),
        { numRuns: 300 },
      );
    });
  });
});
