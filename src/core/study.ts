// Study time: the stored log of study sessions and the maths over it (calendar weeks in
// local time, totals per day, week and skill, streaks, folding old sessions into daily
// totals). Pure: the clock and the time zone come from the caller's Date.

/** Skill id used when no exercise is active. */
export const GENERAL_STUDY = 'general';

/** One stretch of study, written by the window that timed it. Sessions are only appended or extended. */
export interface StudySession {
  /** `<window>:<start>`: unique, so that windows can merge by union. */
  readonly id: string;
  readonly window: string;
  readonly skill: string;
  readonly exercise?: string;
  /** Epoch milliseconds. */
  readonly start: number;
  /** While the session is open, refreshed at most once a minute; final once `closed`. */
  readonly end: number;
  readonly closed: boolean;
}

/** Day key ('YYYY-MM-DD', local) → skill id → milliseconds. */
export type DailyTotals = Readonly<Record<string, Readonly<Record<string, number>>>>;

export interface StudyLog {
  readonly sessions: readonly StudySession[];
  /** Sessions that ended before `foldedBefore` live on only as these daily totals. */
  readonly daily: DailyTotals;
  readonly foldedBefore: number;
}

export const EMPTY_STUDY_LOG: StudyLog = Object.freeze({ sessions: [], daily: {}, foldedBefore: 0 });

export type FirstDayOfWeek = 'monday' | 'sunday';

/** What the status bar, Show Study Time and the Checklist show. */
export interface StudySummary {
  readonly goalMs: number;
  readonly todayMs: number;
  readonly thisWeekMs: number;
  /** Consecutive weeks that met the goal, ending with this week if it met it, else last week. */
  readonly streakWeeks: number;
  /** The last `weeks` calendar weeks, oldest first, this week last: week start day and time. */
  readonly weeks: readonly { readonly week: string; readonly ms: number }[];
  /** This week's days, first day first. */
  readonly thisWeekDays: readonly { readonly day: string; readonly ms: number }[];
  /** All time per skill id. */
  readonly bySkill: Readonly<Record<string, number>>;
  /** This week per skill id. */
  readonly thisWeekBySkill: Readonly<Record<string, number>>;
}

// ---- Calendar (local time; built from calendar fields, so daylight-saving days are 23 or 25 h) ----

export const MINUTE_MS = 60_000;

/** TEST ONLY: the environment variable that shortens the study timer's minute (see `timerMinuteMs`). */
export const TEST_MINUTE_ENV = 'UPSKILL_TEST_MINUTE_MS';

/**
 * TEST ONLY. The length, in milliseconds, of the study timer's minute, from the value of the
 * environment variable UPSKILL_TEST_MINUTE_MS (read once at activation), so that the
 * end-to-end tests see the status bar turn over, the heartbeat run and minutes add up in
 * seconds instead of waiting for real minutes. Never a setting: for a learner the variable
 * is unset and a minute is 60 s. Every timer duration counted in minutes (the label, its
 * redraw, the heartbeat, the goal, idle and Pomodoro settings) uses it; calendar days and a
 * gone window's lease (STALE_MS) stay in real time. Unset: `MINUTE_MS`; anything but a whole
 * number from 100 to 60000: `undefined`, for the caller to report.
 */
export function timerMinuteMs(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return MINUTE_MS;
  const n = Number(value);
  return Number.isInteger(n) && n >= 100 && n <= MINUTE_MS ? n : undefined;
}
export const DAY_MS = 86_400_000;

export function startOfDay(ts: number): number {
  const d = new Date(ts);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** The start of the calendar day `n` days after the day of `ts`. */
export function addDays(ts: number, n: number): number {
  const d = new Date(ts);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + n).getTime();
}

export function dayKey(ts: number): string {
  const d = new Date(ts);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The start of the week that holds `ts`, weeks starting on `first`. */
export function weekStart(ts: number, first: FirstDayOfWeek): number {
  const back = (new Date(ts).getDay() - (first === 'monday' ? 1 : 0) + 7) % 7;
  return addDays(ts, -back);
}

// ---- Counting -------------------------------------------------------------------------------

type MutableTotals = Record<string, Record<string, number>>;

function add(totals: MutableTotals, day: string, skill: string, ms: number): void {
  if (ms <= 0) return;
  const row = (totals[day] ??= {});
  row[skill] = (row[skill] ?? 0) + ms;
}

/**
 * Time per day and skill. Time covered by two sessions (two windows that both believed
 * they held the timer) counts once, for the session that started first: the total is the
 * length of the union of the sessions, never more than the wall-clock time.
 * `liveUntil` extends the open session to now while its window is known to be timing it.
 */
export function dailyTotals(log: StudyLog, liveUntil?: { readonly sessionId: string; readonly until: number }): DailyTotals {
  const totals: MutableTotals = {};
  for (const [day, row] of Object.entries(log.daily)) for (const [skill, ms] of Object.entries(row)) add(totals, day, skill, ms);
  const sessions = [...log.sessions].sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
  let covered = -Infinity;
  for (const s of sessions) {
    const end = liveUntil && s.id === liveUntil.sessionId && !s.closed ? Math.max(s.end, liveUntil.until) : s.end;
    let from = Math.max(s.start, covered);
    if (end <= from) continue;
    covered = end;
    // Split at local midnights.
    while (from < end) {
      const midnight = addDays(from, 1);
      const to = Math.min(end, midnight);
      add(totals, dayKey(from), s.skill, to - from);
      from = to;
    }
  }
  return totals;
}

function sumRow(row: Readonly<Record<string, number>> | undefined): number {
  return row ? Object.values(row).reduce((a, b) => a + b, 0) : 0;
}

export interface SummaryOptions {
  readonly goalMs: number;
  readonly firstDay: FirstDayOfWeek;
  readonly weeks?: number;
  readonly liveUntil?: { readonly sessionId: string; readonly until: number };
}

export function summarize(log: StudyLog, now: number, o: SummaryOptions): StudySummary {
  const days = dailyTotals(log, o.liveUntil);
  const weekMs = (start: number) => {
    let ms = 0;
    for (let i = 0; i < 7; i++) ms += sumRow(days[dayKey(addDays(start, i))]);
    return ms;
  };
  const thisWeek = weekStart(now, o.firstDay);
  const weeks = Array.from({ length: o.weeks ?? 12 }, (_, i) => addDays(thisWeek, -7 * ((o.weeks ?? 12) - 1 - i))).map((w) => ({ week: dayKey(w), ms: weekMs(w) }));
  const thisWeekMs = weekMs(thisWeek);
  // The streak runs back from this week if it met the goal already, else from last week.
  const earliest = Object.keys(days).sort()[0];
  let streakWeeks = 0;
  if (o.goalMs > 0 && earliest) {
    let w = thisWeekMs >= o.goalMs ? thisWeek : addDays(thisWeek, -7);
    while (dayKey(addDays(w, 6)) >= earliest && weekMs(w) >= o.goalMs) {
      streakWeeks++;
      w = addDays(w, -7);
    }
  }
  const bySkill: Record<string, number> = {};
  const thisWeekBySkill: Record<string, number> = {};
  const weekKeys = new Set(Array.from({ length: 7 }, (_, i) => dayKey(addDays(thisWeek, i))));
  for (const [day, row] of Object.entries(days)) {
    for (const [skill, ms] of Object.entries(row)) {
      bySkill[skill] = (bySkill[skill] ?? 0) + ms;
      if (weekKeys.has(day)) thisWeekBySkill[skill] = (thisWeekBySkill[skill] ?? 0) + ms;
    }
  }
  return {
    goalMs: o.goalMs,
    todayMs: sumRow(days[dayKey(now)]),
    thisWeekMs,
    streakWeeks,
    weeks,
    thisWeekDays: [...weekKeys].map((day) => ({ day, ms: sumRow(days[day]) })),
    bySkill,
    thisWeekBySkill,
  };
}

// ---- Merging and folding ------------------------------------------------------------------

/** Union of two windows' logs. A closed session wins over an open one; nothing counted is lost. */
export function mergeLogs(a: StudyLog, b: StudyLog): StudyLog {
  const byId = new Map<string, StudySession>();
  for (const s of [...a.sessions, ...b.sessions]) {
    const seen = byId.get(s.id);
    if (!seen) byId.set(s.id, s);
    else if (seen.closed !== s.closed) byId.set(s.id, seen.closed ? seen : s);
    else byId.set(s.id, seen.closed ? (s.end < seen.end ? s : seen) : s.end > seen.end ? s : seen);
  }
  const foldedBefore = Math.max(a.foldedBefore, b.foldedBefore);
  const daily: MutableTotals = {};
  for (const log of [a, b]) {
    for (const [day, row] of Object.entries(log.daily)) {
      for (const [skill, ms] of Object.entries(row)) {
        const r = (daily[day] ??= {});
        r[skill] = Math.max(r[skill] ?? 0, ms);
      }
    }
  }
  const sessions = [...byId.values()].filter((s) => !(s.closed && s.end < foldedBefore)).sort((x, y) => x.start - y.start || x.id.localeCompare(y.id));
  return { sessions, daily, foldedBefore };
}

/** Folds closed sessions older than `keepWeeks` into daily totals per skill, so that years of study stay small. */
export function foldOld(log: StudyLog, now: number, keepWeeks = 8): StudyLog {
  const cutoff = startOfDay(addDays(now, -7 * keepWeeks));
  const old = log.sessions.filter((s) => s.closed && s.end < cutoff);
  if (old.length === 0) return log;
  const folded = dailyTotals({ sessions: old, daily: log.daily, foldedBefore: 0 });
  return { sessions: log.sessions.filter((s) => !old.includes(s)), daily: folded, foldedBefore: Math.max(log.foldedBefore, cutoff) };
}
