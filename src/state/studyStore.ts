// Study time in globalState: the study log (merged by union, synced with Settings Sync) and
// the timer's control state (one value for all windows on this machine, not synced). Every
// change re-reads both first, so a window never writes over what another window stored.

import { Emitter } from '../core/events';
import { EMPTY_STUDY_LOG, type StudyLog, type StudySession, foldOld, mergeLogs } from '../core/study';
import { STOPPED, type Timed, type TimerState } from '../core/studyTimer';
import { type KeyValueStore, type StoreSpec, loadVersioned, toEnvelope } from '../core/versionedStore';

export const STUDY_KEY = 'upskill.study';
export const TIMER_KEY = 'upskill.timer';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function parseSession(v: unknown, i: number): StudySession {
  if (!isObject(v) || typeof v.id !== 'string' || typeof v.window !== 'string' || typeof v.skill !== 'string' || !isTime(v.start) || !isTime(v.end) || v.end < v.start) {
    throw new Error(`Study session ${i + 1} is not a valid session.`);
  }
  return { id: v.id, window: v.window, skill: v.skill, ...(typeof v.exercise === 'string' && { exercise: v.exercise }), start: v.start, end: v.end, closed: v.closed === true };
}

export function parseStudyLog(data: unknown): StudyLog {
  if (!isObject(data) || !Array.isArray(data.sessions) || !isObject(data.daily)) throw new Error('Study time is not a {sessions, daily} object.');
  const daily: Record<string, Record<string, number>> = {};
  for (const [day, row] of Object.entries(data.daily)) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !isObject(row)) throw new Error(`Study time of day "${day}" is not valid.`);
    daily[day] = {};
    for (const [skill, ms] of Object.entries(row)) {
      if (!isTime(ms)) throw new Error(`Study time of ${skill} on ${day} is not a number of milliseconds.`);
      daily[day][skill] = ms;
    }
  }
  return { sessions: data.sessions.map(parseSession), daily, foldedBefore: isTime(data.foldedBefore) ? data.foldedBefore : 0 };
}

export const studySpec: StoreSpec<StudyLog> = { key: STUDY_KEY, version: 1, empty: () => EMPTY_STUDY_LOG, parse: parseStudyLog };

export function parseTimerState(data: unknown): TimerState {
  if (!isObject(data) || !['stopped', 'running', 'paused'].includes(data.status as string) || !isTime(data.runMs ?? 0)) throw new Error('The study timer state is not valid.');
  return data as unknown as TimerState;
}

const timerSpec: StoreSpec<TimerState> = { key: TIMER_KEY, version: 1, empty: () => STOPPED, parse: parseTimerState };

export class StudyStore {
  /** Fires once per change of what is stored, this window's writes included, with the new values. */
  private readonly changed = new Emitter<Timed>();
  readonly onDidChange = this.changed.event;
  /** Set when a stored value could not be read (it was kept as a backup). */
  problem?: string;
  private last?: string;

  constructor(
    private readonly store: KeyValueStore,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Both values as stored now (another window may have written them). */
  async read(): Promise<Timed> {
    const now = this.clock();
    const [log, timer] = await Promise.all([loadVersioned(this.store, studySpec, now), loadVersioned(this.store, timerSpec, now)]);
    this.problem = log.problem ?? timer.problem ?? this.problem;
    return { log: log.data, timer: timer.data };
  }

  /**
   * Applies a transition to what is stored now and writes the result: the log as the union
   * of the stored one and the transition's (so no window's sessions are dropped), the timer
   * state as the transition left it. Old sessions are folded into daily totals on the way.
   */
  async apply(change: (state: Timed) => Timed): Promise<Timed> {
    const before = await this.read();
    const after = change(before);
    const log = foldOld(mergeLogs(before.log, after.log), this.clock());
    const result = { log, timer: after.timer };
    // The log first: if the window dies between the two writes, the timer still holds the
    // run it recorded, and the next transition writes the same session again (merged by id).
    // The other order could reset the timer with its time not yet in the log, and lose it.
    await this.store.update(STUDY_KEY, toEnvelope(studySpec, log));
    await this.store.update(TIMER_KEY, toEnvelope(timerSpec, after.timer));
    this.noticeChange(result);
    return result;
  }

  /** Reads what is stored; fires onDidChange when it differs from what this window last saw (another window wrote). */
  async refresh(): Promise<Timed> {
    const state = await this.read();
    this.noticeChange(state);
    return state;
  }

  private noticeChange(state: Timed): void {
    const key = JSON.stringify(state);
    if (key === this.last) return;
    this.last = key;
    this.changed.fire(state);
  }

  /** For Export Progress: the log as stored. */
  async exportLog(): Promise<StudyLog> {
    return (await this.read()).log;
  }

  /** Merges an exported log in; nothing stored is lost. */
  async importLog(log: unknown): Promise<void> {
    const incoming = parseStudyLog(log);
    await this.apply((s) => ({ ...s, log: mergeLogs(s.log, incoming) }));
  }

  dispose(): void {
    this.changed.dispose();
  }
}
