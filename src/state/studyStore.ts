// Study time: the study log (merged by union, synced with Settings Sync) and the timer's
// control state (one value for all windows on this machine, not synced), stored together in
// a shared cell that every window changes under a lock.

import { Emitter } from '../core/events';
import { EMPTY_STUDY_LOG, type StudyLog, type StudySession, foldOld, mergeLogs } from '../core/study';
import { STOPPED, type Timed, type TimerState } from '../core/studyTimer';
import { type KeyValueStore, type StoreSpec, fromEnvelope, loadVersioned, toEnvelope } from '../core/versionedStore';
import { KeyValueCell, type SharedCell } from './sharedCell';

export const STUDY_KEY = 'upskill.study';
/** Where the timer was stored before the shared cell: read once, if the cell is empty. */
export const TIMER_KEY = 'upskill.timer';
/** The shared cell's key, when it is a globalState key (see KeyValueCell). */
export const STATE_KEY = 'upskill.studyState';

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

/** What the shared cell holds: the timer and the log together, so one write changes both. */
const stateSpec: StoreSpec<Timed> = {
  key: STATE_KEY,
  version: 1,
  empty: () => ({ timer: STOPPED, log: EMPTY_STUDY_LOG }),
  parse: (data) => {
    if (!isObject(data)) throw new Error('Study state is not a {timer, log} object.');
    return { timer: parseTimerState(data.timer), log: parseStudyLog(data.log) };
  },
};

/**
 * Study time for all windows. The timer and the log live together in one shared cell (a file
 * under a lock, in the extension's global storage), so every change reads what is stored now
 * and no window writes from a stale copy. The log is also copied to globalState after each
 * change, for Settings Sync; what Sync brings from another machine is merged back by union.
 */
export class StudyStore {
  /** Fires once per change of what is stored, this window's writes included, with the new values. */
  private readonly changed = new Emitter<Timed>();
  readonly onDidChange = this.changed.event;
  /** Set when a stored value could not be read (it was kept as a backup). */
  problem?: string;
  private last?: string;
  /** Unreadable text already kept, so that reading it again does not keep it again. */
  private backedUp?: { readonly text: string; readonly where: string };

  constructor(
    private readonly store: KeyValueStore,
    private readonly clock: () => number = Date.now,
    private readonly cell: SharedCell = new KeyValueCell(store, STATE_KEY),
  ) {}

  /** Both values as stored now (another window may have written them). */
  async read(): Promise<Timed> {
    return this.decode(await this.cell.read());
  }

  /**
   * Applies a transition to what is stored now, with no other window's change in between,
   * and stores the result: the log as the union of the stored one and the transition's (so
   * no session is dropped), the timer as the transition left it. Old sessions are folded
   * into daily totals on the way.
   */
  async apply(change: (state: Timed) => Timed): Promise<Timed> {
    const result = await this.cell.transact(async (text) => {
      const before = await this.decode(text);
      const after = change(before);
      const state: Timed = { timer: after.timer, log: foldOld(mergeLogs(before.log, after.log), this.clock()) };
      return { text: JSON.stringify(toEnvelope(stateSpec, state)), result: state };
    });
    // For Settings Sync only: the cell holds the truth, and a copy that lands late (or not at
    // all) is a subset of it, merged back by union.
    this.noticeChange(result);
    await this.store.update(STUDY_KEY, toEnvelope(studySpec, result.log));
    return result;
  }

  /** Reads what is stored; fires onDidChange when it differs from what this window last saw (another window wrote). */
  async refresh(): Promise<Timed> {
    const state = await this.read();
    this.noticeChange(state);
    return state;
  }

  /** The stored text as state, with the synced log merged in. Before the cell existed, both lived in globalState: read from there. */
  private async decode(text: string | undefined): Promise<Timed> {
    const now = this.clock();
    const synced = await loadVersioned(this.store, studySpec, now);
    this.problem = synced.problem ?? this.problem;
    let stored: Timed;
    if (text === undefined) {
      const timer = await loadVersioned(this.store, timerSpec, now);
      this.problem = timer.problem ?? this.problem;
      stored = { timer: timer.data, log: EMPTY_STUDY_LOG };
    } else {
      try {
        stored = fromEnvelope(JSON.parse(text), stateSpec);
      } catch (e) {
        const where = this.backedUp?.text === text ? this.backedUp.where : await this.cell.backup(text, now);
        this.backedUp = { text, where };
        this.problem = `${(e as Error).message} The stored study state was kept in ${where}.`;
        stored = stateSpec.empty();
      }
    }
    return { timer: stored.timer, log: mergeLogs(stored.log, synced.data) };
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
