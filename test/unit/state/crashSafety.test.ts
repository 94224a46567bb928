// A window can die in the middle of saving. The stores write each value whole (a Memento
// update is atomic per key), so what matters is which writes landed: these tests cut a run
// of real operations after every possible number of writes, reopen the store as a new
// window would, and show that no pass and no recorded study time is lost.

import * as assert from 'assert';
import { recordCheck, markStarted } from '../../../src/core/progress';
import { dailyTotals } from '../../../src/core/study';
import { type Timed, heartbeat, start, stop } from '../../../src/core/studyTimer';
import type { KeyValueStore } from '../../../src/core/versionedStore';
import { ProgressStore } from '../../../src/state/progressStore';
import { StudyStore } from '../../../src/state/studyStore';

/** A Map-backed store whose first `budget` writes land; every later one dies with the window. */
function crashingStore(map: Map<string, unknown>, budget: number): KeyValueStore & { writes: number } {
  const store = {
    writes: 0,
    get: (k: string) => structuredClone(map.get(k)),
    keys: () => [...map.keys()],
    update: async (k: string, v: unknown) => {
      if (store.writes >= budget) throw new Error('the window died');
      store.writes++;
      map.set(k, structuredClone(v));
    },
  };
  return store;
}

/** Runs `steps` in order until one fails (the window died); returns how many finished. */
async function runUntilCrash(steps: readonly (() => Promise<unknown>)[]): Promise<number> {
  let done = 0;
  for (const step of steps) {
    try {
      await step();
    } catch {
      return done;
    }
    done++;
  }
  return done;
}

describe('crash safety: a save cut at any point', () => {
  it('progress: every pass that was saved survives, and the store still reads', async () => {
    let now = 1_000;
    const tick = () => (now += 1_000);
    const exportJson = JSON.stringify({ format: 'upskill-progress', v: 2, exportedAt: '', data: { exercises: { c: { state: 'passed', attempts: 1, failedAttempts: 0, hintsUsed: 0, solutionViewed: false, timeSpentMs: 0, passedAt: 5 } }, competencies: {} } });
    const scenario = (store: ProgressStore) => {
      const steps: [string | undefined, () => Promise<unknown>][] = [
        [undefined, () => store.update('a', (p) => markStarted(p, tick(), 'a'))],
        ['a', () => store.update('a', (p) => recordCheck(p, true, tick()))],
        [undefined, () => store.update('b', (p) => recordCheck(p, false, tick()))],
        [undefined, () => store.setCompetency('typing.run-mypy-strict', true)],
        ['b', () => store.update('b', (p) => recordCheck(p, true, tick()))],
        ['c', () => store.import(exportJson)],
        [undefined, () => store.update('a', (p) => recordCheck(p, false, tick()))],
      ];
      return steps;
    };
    // How many writes a whole run makes: every cut from none to all of them is tried.
    const full = crashingStore(new Map(), Infinity);
    const fullStore = new ProgressStore(full, () => now);
    await runUntilCrash(scenario(fullStore).map(([, step]) => step));
    assert.ok(full.writes >= 7, `the run writes once per step at least (${full.writes})`);

    for (let budget = 0; budget <= full.writes; budget++) {
      const map = new Map<string, unknown>();
      const store = new ProgressStore(crashingStore(map, budget), () => now);
      const steps = scenario(store);
      const finished = await runUntilCrash(steps.map(([, step]) => step));
      const saved = steps.slice(0, finished).flatMap(([passed]) => (passed ? [passed] : []));

      const reopened = new ProgressStore(crashingStore(map, Infinity), () => now);
      await reopened.load();
      assert.strictEqual(reopened.problem, undefined, `cut after ${budget} writes: the store reads`);
      for (const id of saved) assert.strictEqual(reopened.get(id).state, 'passed', `cut after ${budget} writes: the pass of ${id} survives`);
      // A failed check after a pass never takes the pass back, even on replay.
      if (saved.includes('a')) assert.ok(reopened.get('a').passedAt !== undefined);
    }
  });

  it('study time: what the log held before a cut is still there after it, and a stop records the run', async () => {
    const MIN = 60_000;
    let now = Date.UTC(2026, 0, 5, 9);
    const total = (t: Timed) => Object.values(dailyTotals(t.log)).reduce((n, row) => n + Object.values(row).reduce((a, b) => a + b, 0), 0);
    const scenario = (store: StudyStore) => [
      () => store.apply((s) => start(s, now, 'w1', { skill: 'typing' })),
      () => store.apply((s) => heartbeat(s, (now += MIN), 'w1')),
      () => store.apply((s) => heartbeat(s, (now += MIN), 'w1')),
      () => store.apply((s) => stop(s, (now += MIN))),
    ];
    const full = crashingStore(new Map(), Infinity);
    const steps = scenario(new StudyStore(full, () => now));
    await runUntilCrash(steps.slice(0, 3));
    const writesBeforeStop = full.writes;
    await runUntilCrash(steps.slice(3));
    const start0 = now - 3 * MIN;

    for (let budget = 0; budget <= full.writes; budget++) {
      now = start0;
      const map = new Map<string, unknown>();
      const store = new StudyStore(crashingStore(map, budget), () => now);
      await runUntilCrash(scenario(store));
      const reopened = new StudyStore(crashingStore(map, Infinity), () => now);
      const before = await reopened.read();
      assert.strictEqual(reopened.problem, undefined, `cut after ${budget} writes: the store reads`);
      // The next window stops whatever run is left: the time recorded never shrinks, and a
      // run the timer still holds ends up in the log.
      const after = await reopened.apply((s) => stop(s, now));
      assert.ok(total(after) >= total(before), `cut after ${budget} writes: recorded time ${total(after)} ≥ ${total(before)}`);
      // A run the timer still holds is recorded up to now (its open part may be no time at all).
      const open = before.timer.status === 'running' ? now - (before.timer.segmentStart ?? now) : 0;
      assert.ok(total(after) >= Math.max(total(before), open), `cut after ${budget} writes: the running study time is recorded`);
      assert.strictEqual(after.timer.status, 'stopped');
      // Cut inside the stop itself: all three minutes are recorded, whichever write landed.
      if (budget >= writesBeforeStop) assert.strictEqual(total(after), 3 * MIN, `cut after ${budget} writes, in the stop`);
    }
  });
});
