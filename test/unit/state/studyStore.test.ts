import * as assert from 'assert';
import type { KeyValueStore } from '../../../src/core/versionedStore';
import { start, pause, type Timed } from '../../../src/core/studyTimer';
import { StudyStore } from '../../../src/state/studyStore';

function memoryStore(): KeyValueStore {
  const map = new Map<string, unknown>();
  return { get: (k) => map.get(k), update: async (k, v) => void map.set(k, v), keys: () => [...map.keys()] };
}

describe('state/StudyStore change events', () => {
  it('fires once per change, with the state after it, whoever wrote it', async () => {
    let now = 1_000_000;
    const kv = memoryStore();
    const here = new StudyStore(kv, () => now);
    const seen: string[] = [];
    here.onDidChange((s: Timed) => seen.push(s.timer.status));
    await here.refresh();
    assert.deepStrictEqual(seen, ['stopped'], 'the first read is news');
    await here.refresh();
    assert.deepStrictEqual(seen, ['stopped'], 'reading again what this window already saw is not');
    await here.apply((s) => start(s, now, 'w1', { skill: 'typing' }));
    assert.deepStrictEqual(seen, ['stopped', 'running'], 'its own write: one event, already running');
    await here.refresh();
    assert.deepStrictEqual(seen, ['stopped', 'running'], 'and not again when it reads its own write back');
    now += 60_000;
    const other = new StudyStore(kv, () => now);
    await other.apply((s) => pause(s, now, 'user'));
    assert.deepStrictEqual(seen, ['stopped', 'running'], 'another window’s write is seen only on refresh');
    await here.refresh();
    assert.deepStrictEqual(seen, ['stopped', 'running', 'paused']);
  });
});
