// Progress per exercise, and the maths over it. The store (src/state) persists this;
// the tree, the quick pick and the checklist read it from there.

import { type Catalog, type Exercise, exercisesInOrder, exercisesOf } from './model';

export type ExerciseState = 'todo' | 'started' | 'passed';

/** How a state reads in the tree, the quick pick and tooltips. */
export const STATE_LABEL: Readonly<Record<ExerciseState, string>> = { todo: 'not started', started: 'in progress', passed: 'passed' };

export interface ExerciseProgress {
  readonly state: ExerciseState;
  /** Epoch milliseconds. */
  readonly startedAt?: number;
  readonly passedAt?: number;
  readonly lastCheckedAt?: number;
  /** Completed checks (passed or failed). */
  readonly attempts: number;
  readonly failedAttempts: number;
  /** How many hints have been revealed; hints are shown in order. */
  readonly hintsUsed: number;
  readonly solutionViewed: boolean;
  /** When the solution was first viewed; absent in progress stored before it was recorded. */
  readonly solutionViewedAt?: number;
  /**
   * Not written: study time lives in the study log (state/studyStore.ts), attributed to a
   * skill and exercise per session. Kept, merged and exported so that a value an older
   * export carries is not dropped.
   */
  readonly timeSpentMs: number;
  /** Folder the exercise was started in, so it can be reopened after a reload. */
  readonly folder?: string;
}

export type ProgressMap = Readonly<Record<string, ExerciseProgress>>;

export const EMPTY_PROGRESS: ExerciseProgress = Object.freeze({
  state: 'todo',
  attempts: 0,
  failedAttempts: 0,
  hintsUsed: 0,
  solutionViewed: false,
  timeSpentMs: 0,
});

export function progressOf(map: ProgressMap, exerciseId: string): ExerciseProgress {
  return map[exerciseId] ?? EMPTY_PROGRESS;
}

// ---- Transitions: each returns a new record; the store applies it. ----------------------

export function markStarted(p: ExerciseProgress, now: number, folder: string): ExerciseProgress {
  return {
    ...p,
    state: p.state === 'passed' ? 'passed' : 'started',
    startedAt: p.startedAt ?? now,
    folder,
  };
}

export function recordCheck(p: ExerciseProgress, passed: boolean, now: number): ExerciseProgress {
  const passedAt = p.passedAt ?? (passed ? now : undefined);
  return {
    ...p,
    state: passed || p.state === 'passed' ? 'passed' : 'started',
    startedAt: p.startedAt ?? now,
    ...(passedAt !== undefined && { passedAt }),
    lastCheckedAt: now,
    attempts: p.attempts + 1,
    failedAttempts: p.failedAttempts + (passed ? 0 : 1),
  };
}

export function recordHint(p: ExerciseProgress, hintCount: number): ExerciseProgress {
  return { ...p, hintsUsed: Math.min(p.hintsUsed + 1, hintCount) };
}

export function recordSolutionViewed(p: ExerciseProgress, now: number): ExerciseProgress {
  // The first view is what matters ("viewed before passing"); without a recorded time, none is made up.
  return { ...p, solutionViewed: true, ...(!p.solutionViewed && { solutionViewedAt: now }) };
}

/**
 * Merges imported progress into the current one. Nothing learned is lost: a pass on
 * either side stays a pass, with the earliest dates and the larger counters.
 */
export function mergeProgress(a: ExerciseProgress, b: ExerciseProgress): ExerciseProgress {
  const rank: Record<ExerciseState, number> = { todo: 0, started: 1, passed: 2 };
  const state = rank[a.state] >= rank[b.state] ? a.state : b.state;
  return {
    state,
    startedAt: minDefined(a.startedAt, b.startedAt),
    passedAt: minDefined(a.passedAt, b.passedAt),
    lastCheckedAt: maxDefined(a.lastCheckedAt, b.lastCheckedAt),
    attempts: Math.max(a.attempts, b.attempts),
    failedAttempts: Math.max(a.failedAttempts, b.failedAttempts),
    hintsUsed: Math.max(a.hintsUsed, b.hintsUsed),
    solutionViewed: a.solutionViewed || b.solutionViewed,
    solutionViewedAt: minDefined(a.solutionViewedAt, b.solutionViewedAt),
    timeSpentMs: Math.max(a.timeSpentMs, b.timeSpentMs),
    folder: a.folder ?? b.folder,
  };
}

export function mergeProgressMaps(current: ProgressMap, incoming: ProgressMap): Record<string, ExerciseProgress> {
  const out: Record<string, ExerciseProgress> = { ...current };
  for (const [id, p] of Object.entries(incoming)) {
    out[id] = current[id] ? mergeProgress(current[id], p) : p;
  }
  return out;
}

// ---- Competencies ticked by the learner ------------------------------------------------------
// Only the learner's own ticks are stored: a competency linked to an exercise is met when
// that exercise has passed, which progress already records and never loses.

/** The learner's latest say on one competency: ticked or un-ticked, and when. */
export interface CompetencyMark {
  readonly ticked: boolean;
  /** Epoch milliseconds of the change. */
  readonly at: number;
}

/** Competency key (`<skill>.<competency>`) → the learner's mark. */
export type CompetencyMarks = Readonly<Record<string, CompetencyMark>>;

/**
 * The later mark wins (a last-writer-wins register per competency), so merging is
 * commutative, associative and idempotent: windows and synced machines converge whatever
 * order they meet in. A tick is lost only to an un-tick made after it, which is the
 * learner's own later decision; a window with an older copy never undoes a newer tick.
 * On a tie, the tick wins.
 */
export function mergeCompetencyMark(a: CompetencyMark, b: CompetencyMark): CompetencyMark {
  if (a.at !== b.at) return a.at > b.at ? a : b;
  return a.ticked ? a : b;
}

export function mergeCompetencyMarks(current: CompetencyMarks, incoming: CompetencyMarks): Record<string, CompetencyMark> {
  const out: Record<string, CompetencyMark> = { ...current };
  for (const [key, m] of Object.entries(incoming)) out[key] = current[key] ? mergeCompetencyMark(current[key], m) : m;
  return out;
}

/** The mark for a tick or un-tick now: always later than the one it replaces, so it wins every merge. */
export function markCompetency(previous: CompetencyMark | undefined, ticked: boolean, now: number): CompetencyMark {
  return { ticked, at: previous && previous.at >= now ? previous.at + 1 : now };
}

/** Everything the progress store keeps. */
export interface ProgressData {
  readonly exercises: ProgressMap;
  readonly competencies: CompetencyMarks;
}

export function mergeProgressData(current: ProgressData, incoming: ProgressData): ProgressData {
  return {
    exercises: mergeProgressMaps(current.exercises, incoming.exercises),
    competencies: mergeCompetencyMarks(current.competencies, incoming.competencies),
  };
}

function minDefined(a?: number, b?: number): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}
function maxDefined(a?: number, b?: number): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}

// ---- Summaries -----------------------------------------------------------------------------

export interface Tally {
  readonly passed: number;
  readonly started: number;
  readonly total: number;
}

export function tallyExercises(exercises: readonly Exercise[], map: ProgressMap): Tally {
  let passed = 0;
  let started = 0;
  for (const e of exercises) {
    const s = progressOf(map, e.id).state;
    if (s === 'passed') passed++;
    else if (s === 'started') started++;
  }
  return { passed, started, total: exercises.length };
}

export function tallySkill(catalog: Catalog, skillId: string, map: ProgressMap): Tally {
  return tallyExercises(exercisesOf(catalog, skillId), map);
}

export function tallyAll(catalog: Catalog, map: ProgressMap): Tally {
  return tallyExercises(exercisesInOrder(catalog), map);
}

export function skillState(t: Tally): ExerciseState {
  if (t.total > 0 && t.passed === t.total) return 'passed';
  return t.passed + t.started > 0 ? 'started' : 'todo';
}

/** The first exercise of `exercises` in progress (finish what you started), else the first not started. */
export function nextIn(exercises: readonly Exercise[], map: ProgressMap): Exercise | undefined {
  return exercises.find(inState(map, 'started')) ?? exercises.find(inState(map, 'todo'));
}

/**
 * The exercise to suggest next, in curriculum order. With no `after`: `nextIn` over every
 * exercise. After an exercise: the first not started that follows it (wrapping around),
 * else the first in progress.
 */
export function recommendNext(catalog: Catalog, map: ProgressMap, after?: string): Exercise | undefined {
  const all = exercisesInOrder(catalog);
  if (!after) return nextIn(all, map);
  const startAt = all.findIndex((e) => e.id === after) + 1;
  const rotated = [...all.slice(startAt), ...all.slice(0, startAt)].filter((e) => e.id !== after);
  return rotated.find(inState(map, 'todo')) ?? rotated.find(inState(map, 'started'));
}

function inState(map: ProgressMap, state: ExerciseState): (e: Exercise) => boolean {
  return (e) => progressOf(map, e.id).state === state;
}
