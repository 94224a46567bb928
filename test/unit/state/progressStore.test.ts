import * as assert from 'assert';
import type { KeyValueStore } from '../../../src/core/versionedStore';
import { EMPTY_PROGRESS, PROGRESS_KEY, ProgressStore } from '../../../src/state/progressStore';
import { recordCheck } from '../../../src/core/progress';

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
});
