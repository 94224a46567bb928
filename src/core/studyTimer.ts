// The study timer as pure transitions over two stored values: the timer's control state
// (one for all windows, held by one window at a time through a lease) and the append-only
// study log. Every transition takes `now` and the calling window's id and returns both
// values; the service stores them and schedules the next wake-up.

import { MINUTE_MS, type StudyLog, type StudySession } from './study';

/** The lease holder refreshes its open session at most this often: a crash loses at most this much. */
export const HEARTBEAT_MS = MINUTE_MS;
/** A lease not refreshed for this long belongs to a window that is gone. */
export const STALE_MS = 2.5 * MINUTE_MS;

export type TimerStatus = 'stopped' | 'running' | 'paused';
export type PauseReason = 'user' | 'idle' | 'break';

export interface Attribution {
  readonly skill: string;
  readonly exercise?: string;
}

export interface TimerState {
  readonly status: TimerStatus;
  /** While running: the window that holds the lease and times the open session. */
  readonly owner?: string;
  readonly heartbeat?: number;
  readonly sessionId?: string;
  readonly segmentStart?: number;
  /** Time of this run's earlier segments: what "this session" shows besides the open one. */
  readonly runMs: number;
  readonly attribution?: Attribution;
  readonly pausedBy?: PauseReason;
  /** Pomodoro: the phase and when it began (running time only). */
  readonly phase?: { readonly kind: 'focus' | 'break'; readonly since: number };
  /** The week (its first day) whose goal was already announced. */
  readonly goalAnnouncedWeek?: string;
}

export const STOPPED: TimerState = Object.freeze({ status: 'stopped', runMs: 0 });

export interface Timed {
  readonly timer: TimerState;
  readonly log: StudyLog;
}

export function isStale(t: TimerState, now: number): boolean {
  return t.status === 'running' && (t.heartbeat ?? 0) < now - STALE_MS;
}

export function holds(t: TimerState, window: string, now: number): boolean {
  return t.status === 'running' && t.owner === window && !isStale(t, now);
}

/** What the status bar shows as "this session": earlier segments plus the open one up to now. */
export function runElapsed(t: TimerState, now: number): number {
  if (t.status !== 'running' || t.segmentStart === undefined) return t.runMs;
  const until = isStale(t, now) ? (t.heartbeat ?? t.segmentStart) : now;
  return t.runMs + Math.max(0, until - t.segmentStart);
}

function withSession(log: StudyLog, id: string | undefined, change: (s: StudySession) => StudySession): StudyLog {
  if (!id) return log;
  return { ...log, sessions: log.sessions.map((s) => (s.id === id ? change(s) : s)) };
}

/** Closes the open session at `end` (its last heartbeat if its window is gone). */
function closeSegment({ timer, log }: Timed, now: number): Timed {
  if (timer.status !== 'running' || !timer.sessionId || timer.segmentStart === undefined) return { timer, log };
  const end = Math.max(timer.segmentStart, Math.min(now, isStale(timer, now) ? (timer.heartbeat ?? timer.segmentStart) : now));
  return {
    timer: { ...timer, status: 'paused', owner: undefined, heartbeat: undefined, sessionId: undefined, segmentStart: undefined, runMs: timer.runMs + (end - timer.segmentStart) },
    log: withSession(log, timer.sessionId, (s) => (s.closed ? s : { ...s, end: Math.max(s.start, end), closed: true })),
  };
}

function openSegment({ timer, log }: Timed, now: number, window: string, attribution: Attribution): Timed {
  const session: StudySession = { id: `${window}:${now}`, window, skill: attribution.skill, ...(attribution.exercise && { exercise: attribution.exercise }), start: now, end: now, closed: false };
  return {
    timer: { ...timer, status: 'running', owner: window, heartbeat: now, sessionId: session.id, segmentStart: now, attribution, pausedBy: undefined },
    log: { ...log, sessions: [...log.sessions, session] },
  };
}

/**
 * Starts or resumes the timer in `window`. If another window holds it, this window takes it
 * over (the learner is here now): the other window's session ends now, this one's begins.
 */
export function start(state: Timed, now: number, window: string, attribution: Attribution, pomodoro = false): Timed {
  if (holds(state.timer, window, now)) return state;
  const closed = closeSegment(state, now);
  const fresh = state.timer.status === 'stopped' ? { ...closed, timer: { ...closed.timer, runMs: 0, goalAnnouncedWeek: state.timer.goalAnnouncedWeek } } : closed;
  const opened = openSegment(fresh, now, window, attribution);
  const phase = pomodoro ? (state.timer.phase?.kind === 'focus' && state.timer.pausedBy !== 'break' ? state.timer.phase : { kind: 'focus' as const, since: now }) : undefined;
  return { ...opened, timer: { ...opened.timer, phase } };
}

export function pause(state: Timed, now: number, reason: PauseReason = 'user'): Timed {
  if (state.timer.status !== 'running') return state;
  const closed = closeSegment(state, now);
  return { ...closed, timer: { ...closed.timer, pausedBy: reason, ...(reason === 'break' && { phase: { kind: 'break' as const, since: now } }) } };
}

export function stop(state: Timed, now: number): Timed {
  const closed = closeSegment(state, now);
  return { log: closed.log, timer: { ...STOPPED, goalAnnouncedWeek: state.timer.goalAnnouncedWeek } };
}

/** The lease holder's refresh: the open session's end moves to now. Others change nothing. */
export function heartbeat(state: Timed, now: number, window: string): Timed {
  const t = state.timer;
  if (!holds(t, window, now)) return state;
  return { timer: { ...t, heartbeat: now }, log: withSession(state.log, t.sessionId, (s) => (s.closed ? s : { ...s, end: Math.max(s.end, now) })) };
}

/** Time now goes to another skill: the open session ends and a new one begins, in the same run. */
export function attribute(state: Timed, now: number, window: string, attribution: Attribution): Timed {
  const t = state.timer;
  if (!holds(t, window, now)) return state;
  if (t.attribution?.skill === attribution.skill && t.attribution?.exercise === attribution.exercise) return state;
  const opened = openSegment({ ...closeSegment(state, now) }, now, window, attribution);
  return { ...opened, timer: { ...opened.timer, phase: t.phase } };
}
