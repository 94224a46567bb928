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
