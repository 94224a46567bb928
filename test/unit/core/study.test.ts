import * as assert from 'assert';
import fc from 'fast-check';
import { EMPTY_STUDY_LOG, MINUTE_MS, type StudyLog, type StudySession, addDays, dayKey, foldOld, mergeLogs, summarize, timerMinuteMs, weekStart } from '../../../src/core/study';
import { HEARTBEAT_MS, STALE_MS, STOPPED, type Timed, attribute, heartbeat, pause, runElapsed, start, stop } from '../../../src/core/studyTimer';
import { StudyStore } from '../../../src/state/studyStore';
import type { KeyValueStore } from '../../../src/core/versionedStore';

const H = 3_600_000;
const M = 60_000;

/** Runs `body` with the process in time zone `tz` (Node reads TZ when it changes). */
function inZone(tz: string, body: () => void): void {
  const before = process.env.TZ;
  process.env.TZ = tz;
  try {
    body();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

function session(start: number, end: number, skill = 'typing', id = `w:${start}`, closed = true): StudySession {
  return { id, window: id.split(':')[0], skill, start, end, closed };
}
const log = (...sessions: StudySession[]): StudyLog => ({ ...EMPTY_STUDY_LOG, sessions });
const opts = { goalMs: 10 * H, firstDay: 'monday' as const };

function memoryStore(): KeyValueStore & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return { map, get: (k) => map.get(k), update: async (k, v) => void map.set(k, v), keys: () => [...map.keys()] };
}

describe('core/study: calendar weeks and totals', () => {
  it('weeks start on the chosen day, across a daylight-saving change (Europe/London, 2026-03-29)', () => {
    inZone('Europe/London', () => {
      const sundayNoon = new Date(2026, 2, 29, 12).getTime(); // the clocks went forward at 01:00
      assert.strictEqual(dayKey(weekStart(sundayNoon, 'monday')), '2026-03-23');
      assert.strictEqual(dayKey(weekStart(sundayNoon, 'sunday')), '2026-03-29');
      const mondayAfter = new Date(2026, 2, 30, 0, 30).getTime();
      assert.strictEqual(dayKey(weekStart(mondayAfter, 'monday')), '2026-03-30');
      // The day of the change is 23 hours long; a session across its midnights splits at them.
      assert.strictEqual(addDays(new Date(2026, 2, 29).getTime(), 1) - new Date(2026, 2, 29).getTime(), 23 * H);
      const s = summarize(log(session(new Date(2026, 2, 29, 23).getTime(), new Date(2026, 2, 30, 1).getTime())), mondayAfter, opts);
      assert.deepStrictEqual(s.weeks.slice(-2).map((w) => [w.week, w.ms / H]), [['2026-03-23', 1], ['2026-03-30', 1]]);
    });
  });

  it('weeks run across the end of a year, and back over the autumn change (America/New_York)', () => {
    inZone('America/New_York', () => {
      const thursday = new Date(2026, 0, 1, 9).getTime();
      assert.strictEqual(dayKey(weekStart(thursday, 'monday')), '2025-12-29');
      assert.strictEqual(dayKey(weekStart(thursday, 'sunday')), '2025-12-28');
      const fallBack = new Date(2026, 10, 1, 12).getTime(); // 2026-11-01, a 25-hour Sunday
      assert.strictEqual(dayKey(weekStart(fallBack, 'sunday')), '2026-11-01');
      assert.strictEqual(dayKey(addDays(weekStart(fallBack, 'monday'), 7)), '2026-11-02');
    });
  });

  it('counts overlapping sessions once (two windows that both timed), never more than the wall clock', () => {
    const t0 = new Date(2026, 5, 10, 9).getTime();
    const s = summarize(log(session(t0, t0 + 2 * H, 'typing', 'a:1'), session(t0 + H, t0 + 3 * H, 'linting', 'b:1')), t0 + 4 * H, opts);
    assert.strictEqual(s.todayMs, 3 * H);
    assert.deepStrictEqual(s.thisWeekBySkill, { typing: 2 * H, linting: H });
  });

  it('streaks count consecutive weeks at the goal, from this week if met, else from last week', () => {
    const monday = new Date(2026, 5, 1, 9).getTime();
    const weekOf = (n: number, hours: number) => session(addDays(monday, 7 * n), addDays(monday, 7 * n) + hours * H, 'typing', `w:${n}`);
    const now = addDays(monday, 21) + H; // the fourth week, an hour in
    assert.strictEqual(summarize(log(weekOf(0, 10), weekOf(1, 11), weekOf(2, 10)), now, opts).streakWeeks, 3);
    assert.strictEqual(summarize(log(weekOf(0, 10), weekOf(1, 4), weekOf(2, 10)), now, opts).streakWeeks, 1);
    assert.strictEqual(summarize(log(weekOf(1, 10), weekOf(2, 10), session(addDays(monday, 21), addDays(monday, 21) + 10 * H, 'x', 'w:3')), addDays(monday, 22), opts).streakWeeks, 3);
    assert.strictEqual(summarize(log(weekOf(0, 10)), now, opts).streakWeeks, 0);
  });

  it('folds sessions older than 8 weeks into daily totals; two years of daily study stays under 200 KB', async () => {
    const start = new Date(2025, 0, 1, 8).getTime();
    let l: StudyLog = EMPTY_STUDY_LOG;
    const skills = ['typing', 'linting', 'unit-testing', 'mocking'];
    for (let d = 0; d < 730; d++) {
      const t = addDays(start, d) + 8 * H;
      const sessions = [0, 1, 2].map((k) => session(t + k * 2 * H, t + k * 2 * H + 40 * M, skills[(d + k) % 4], `${'w'.repeat(12)}:${t + k}`));
      l = foldOld(mergeLogs(l, { ...l, sessions: [...l.sessions, ...sessions] }), t + 10 * H);
    }
    const now = addDays(start, 730);
    const before = summarize(l, now, { ...opts, weeks: 104 });
    assert.ok(l.sessions.length <= (8 * 7 + 1) * 3, `${l.sessions.length} sessions kept`);
    const kv = memoryStore();
    const store = new StudyStore(kv, () => now);
    await store.apply(() => ({ timer: STOPPED, log: l }));
    const bytes = JSON.stringify(kv.map.get('upskill.study')).length;
    assert.ok(bytes < 200_000, `${bytes} bytes`);
    const total = Object.values(before.bySkill).reduce((a, b) => a + b, 0);
    assert.strictEqual(total, 730 * 3 * 40 * M, 'folding loses no time');
  });
});

describe("core/study: the e2e tests' minute (a test-only seam)", () => {
  it('is 60 s unless the variable holds a whole number of milliseconds from 100 to 60000', () => {
    assert.strictEqual(timerMinuteMs(undefined), MINUTE_MS, 'unset: a real minute');
    assert.strictEqual(timerMinuteMs(''), MINUTE_MS);
    assert.strictEqual(timerMinuteMs('  '), MINUTE_MS);
    assert.strictEqual(timerMinuteMs('2000'), 2000);
    assert.strictEqual(timerMinuteMs('100'), 100);
    assert.strictEqual(timerMinuteMs('60000'), 60_000);
    for (const bad of ['0', '99', '60001', '-5', '1.5', '2s', 'fast', 'NaN', 'Infinity']) assert.strictEqual(timerMinuteMs(bad), undefined, `${bad} is refused, for the caller to report`);
  });
});

describe('core/studyTimer: transitions', () => {
  const t0 = new Date(2026, 5, 10, 9).getTime();
  const typing = { skill: 'typing', exercise: 'typing-annotate-metrics' };
  const empty: Timed = { timer: STOPPED, log: EMPTY_STUDY_LOG };
  /** The holder's heartbeats, once a minute, up to `until`. */
  const beat = (s: Timed, until: number, w: string): Timed => {
    for (let t = (s.timer.heartbeat ?? until) + HEARTBEAT_MS; t <= until; t += HEARTBEAT_MS) s = heartbeat(s, t, w);
    return s;
  };

  it('start, heartbeat, pause, resume and stop count the running time and nothing else', () => {
    let s = start(empty, t0, 'A', typing);
    s = heartbeat(s, t0 + HEARTBEAT_MS, 'A');
    s = pause(s, t0 + 90_000);
    assert.strictEqual(runElapsed(s.timer, t0 + 10 * M), 90_000, 'paused: the session time stands still');
    s = start(s, t0 + 10 * M, 'A', typing);
    s = stop(s, t0 + 11 * M);
    assert.strictEqual(s.timer.status, 'stopped');
    assert.strictEqual(summarize(s.log, t0 + 12 * M, opts).todayMs, 90_000 + M);
  });

  it('recovers from a crash from the stored state alone, losing at most one heartbeat', () => {
    let s = start(empty, t0, 'A', typing);
    for (let k = 1; k <= 5; k++) s = heartbeat(s, t0 + k * HEARTBEAT_MS, 'A');
    // Window A dies 50 s after its last heartbeat. Window B comes later and finds a stale lease.
    const crashedAt = t0 + 5 * HEARTBEAT_MS + 50_000;
    const later = crashedAt + STALE_MS + M;
    s = start(s, later, 'B', typing);
    assert.strictEqual(s.timer.owner, 'B');
    const counted = summarize(s.log, later, opts).todayMs;
    assert.strictEqual(counted, 5 * HEARTBEAT_MS);
    assert.ok(crashedAt - t0 - counted <= HEARTBEAT_MS);
  });

  it('a second window takes the timer over instead of timing alongside it', () => {
    let s = beat(start(empty, t0, 'A', typing), t0 + 10 * M, 'A');
    s = start(s, t0 + 10 * M, 'B', { skill: 'linting' });
    s = heartbeat(s, t0 + 11 * M, 'A'); // A has not heard yet: its heartbeat changes nothing
    s = beat(s, t0 + 20 * M, 'B');
    s = stop(s, t0 + 20 * M);
    const sum = summarize(s.log, t0 + 30 * M, opts);
    assert.deepStrictEqual(sum.thisWeekBySkill, { typing: 10 * M, linting: 10 * M });
  });

  it('time follows the active exercise to its skill within one run', () => {
    let s = beat(start(empty, t0, 'A', typing), t0 + 5 * M, 'A');
    s = attribute(s, t0 + 5 * M, 'A', { skill: 'mocking', exercise: 'mocking-weather-api' });
    s = beat(s, t0 + 8 * M, 'A');
    s = pause(s, t0 + 8 * M);
    assert.deepStrictEqual(summarize(s.log, t0 + 9 * M, opts).thisWeekBySkill, { typing: 5 * M, mocking: 3 * M });
    assert.strictEqual(runElapsed(s.timer, t0 + 9 * M), 8 * M);
  });

  it('an idle pause ends the session at the last activity, and the idle minutes are not counted', () => {
    // Idle is noticed 10 minutes after the last activity; the holder kept its heartbeat meanwhile.
    const lastActivity = t0 + 7 * M;
    let s = beat(start(empty, t0, 'A', typing), lastActivity + 10 * M, 'A');
    s = pause(s, lastActivity, 'idle');
    assert.strictEqual(s.timer.pausedBy, 'idle');
    s = start(s, lastActivity + 30 * M, 'A', typing);
    s = stop(s, lastActivity + 32 * M);
    assert.strictEqual(summarize(s.log, t0 + H, opts).todayMs, 9 * M);
  });

  it('Pomodoro: a run starts in focus, a break pauses it, the next start begins a new focus block', () => {
    let s = start(empty, t0, 'A', typing, true);
    assert.deepStrictEqual(s.timer.phase, { kind: 'focus', since: t0 });
    s = pause(s, t0 + 25 * M, 'break');
    assert.deepStrictEqual(s.timer.phase, { kind: 'break', since: t0 + 25 * M });
    s = start(s, t0 + 30 * M, 'A', typing, true);
    assert.deepStrictEqual(s.timer.phase, { kind: 'focus', since: t0 + 30 * M });
  });

  it('two windows racing through one store never lose a session nor count one twice', async () => {
    const kv = memoryStore();
    let now = t0;
    const a = new StudyStore(kv, () => now);
    const b = new StudyStore(kv, () => now);
    await a.apply((s) => start(s, now, 'A', typing));
    now += 2 * M;
    await a.apply((s) => heartbeat(s, now, 'A'));
    now += M;
    await b.apply((s) => start(s, now, 'B', { skill: 'linting' }));
    now += M;
    await a.apply((s) => heartbeat(s, now, 'A'));
    now += M;
    await b.apply((s) => stop(s, now));
    const { log: stored } = await a.read();
    assert.deepStrictEqual(summarize(stored, now, opts).thisWeekBySkill, { typing: 3 * M, linting: 2 * M });
  });

  it('property: counted time never exceeds the running time, and is within 1 % of the timed time plus one heartbeat per crash', () => {
    type Op = { kind: 'start' | 'pause' | 'stop' | 'idle' | 'crash' | 'reload' | 'other'; gapMs: number };
    const op = fc.record({
      kind: fc.constantFrom<Op['kind']>('start', 'pause', 'stop', 'idle', 'crash', 'reload', 'other'),
      gapMs: fc.integer({ min: 1_000, max: 40 * M }),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        let s: Timed = empty;
        let now = t0;
        let window = 'w0';
        let windows = 0;
        let alive = true; // the window holding the timer still runs (and refreshes it)
        let wall = 0; // wall-clock time the timer was running, idle minutes left out
        let timed = 0; // the part of it during which a live window held the timer
        let crashes = 0;
        const running = () => s.timer.status === 'running';
        const advance = (ms: number) => {
          const end = now + ms;
          while (now < end) {
            const step = Math.min(HEARTBEAT_MS, end - now);
            if (running()) wall += step;
            if (running() && alive) timed += step;
            now += step;
            if (alive) s = heartbeat(s, now, window);
          }
        };
        const newWindow = () => {
          if (!alive && running()) crashes++;
          window = `w${++windows}`;
          alive = true;
        };
        for (const o of ops) {
          if (o.kind === 'idle' && running() && alive) {
            // Active for a third of the gap, then idle: the idle part is not study.
            advance(Math.floor(o.gapMs / 3));
            const last = now;
            now += o.gapMs - Math.floor(o.gapMs / 3);
            s = pause(s, last, 'idle');
            continue;
          }
          advance(o.gapMs);
          if (o.kind === 'crash') {
            if (running()) alive = false;
          } else if (o.kind === 'reload' || o.kind === 'other') {
            // A reloaded window, or another window the learner switches to, takes a running timer over.
            newWindow();
            if (running()) s = start(s, now, window, typing);
          } else {
            if (!alive) newWindow();
            if (o.kind === 'start') s = start(s, now, window, typing);
            else if (o.kind === 'pause') s = pause(s, now);
            else s = stop(s, now);
          }
        }
        if (!alive) newWindow();
        s = stop(s, now);
        const counted = summarize(s.log, now, { ...opts, weeks: 1 }).bySkill.typing ?? 0;
        assert.ok(counted <= wall, `counted ${counted} > running ${wall}`);
        assert.ok(timed - counted <= timed * 0.01 + crashes * HEARTBEAT_MS, `lost ${timed - counted} ms of ${timed} timed, with ${crashes} crash(es)`);
      }),
      { numRuns: 500 },
    );
  });
});
