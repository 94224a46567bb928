// Progress per exercise and the learner's competency ticks, persisted in globalState
// (synced with Settings Sync by the extension) inside a versioned envelope. No VS Code
// import: tests use a Map.
//
// Version 2 (competencies): `data` became `{ exercises, competencies }`; version 1 stored
// the exercises map alone, and its migration wraps it.

import { Emitter } from '../core/events';
import {
  type CompetencyMark,
  type CompetencyMarks,
  type ExerciseProgress,
  type ExerciseState,
  type ProgressData,
  type ProgressMap,
  EMPTY_PROGRESS,
  markCompetency,
  mergeProgressData,
  progressOf,
} from '../core/progress';
import { type KeyValueStore, type StoreSpec, fromEnvelope, loadVersioned, toEnvelope } from '../core/versionedStore';

export const PROGRESS_KEY = 'upskill.progress';

const STATES: readonly ExerciseState[] = ['todo', 'started', 'passed'];

function num(v: unknown, field: string, id: string): number {
  if (v === undefined) return 0;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(`Progress of "${id}": ${field} is not a non-negative number.`);
  return v;
}
function optNum(v: unknown, field: string, id: string): number | undefined {
  return v === undefined ? undefined : num(v, field, id);
}

export function parseProgressMap(data: unknown): Record<string, ExerciseProgress> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('Progress is not an object of exercises.');
  const out: Record<string, ExerciseProgress> = {};
  for (const [id, raw] of Object.entries(data as Record<string, unknown>)) {
    if (typeof raw !== 'object' || raw === null) throw new Error(`Progress of "${id}" is not an object.`);
    const r = raw as Record<string, unknown>;
    if (!STATES.includes(r.state as ExerciseState)) throw new Error(`Progress of "${id}" has an unknown state ${JSON.stringify(r.state)}.`);
    out[id] = withoutUndefined({
      state: r.state as ExerciseState,
      startedAt: optNum(r.startedAt, 'startedAt', id),
      passedAt: optNum(r.passedAt, 'passedAt', id),
      lastCheckedAt: optNum(r.lastCheckedAt, 'lastCheckedAt', id),
      attempts: num(r.attempts, 'attempts', id),
      failedAttempts: num(r.failedAttempts, 'failedAttempts', id),
      hintsUsed: num(r.hintsUsed, 'hintsUsed', id),
      solutionViewed: r.solutionViewed === true,
      solutionViewedAt: optNum(r.solutionViewedAt, 'solutionViewedAt', id),
      timeSpentMs: num(r.timeSpentMs, 'timeSpentMs', id),
      folder: typeof r.folder === 'string' ? r.folder : undefined,
    });
  }
  return out;
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function parseCompetencyMarks(data: unknown): Record<string, CompetencyMark> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('Competencies are not an object of marks.');
  const out: Record<string, CompetencyMark> = {};
  for (const [key, raw] of Object.entries(data as Record<string, unknown>)) {
    const r = raw as Partial<CompetencyMark> | null;
    if (typeof r?.ticked !== 'boolean') throw new Error(`Competency "${key}" has no ticked: true or false.`);
    out[key] = { ticked: r.ticked, at: num(r.at, 'at', key) };
  }
  return out;
}

export function parseProgressData(data: unknown): ProgressData {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('Progress is not an object.');
  const d = data as { exercises?: unknown; competencies?: unknown };
  return { exercises: parseProgressMap(d.exercises), competencies: parseCompetencyMarks(d.competencies ?? {}) };
}

export const progressSpec: StoreSpec<ProgressData> = {
  key: PROGRESS_KEY,
  version: 2,
  empty: () => ({ exercises: {}, competencies: {} }),
  migrations: {
    // Version 1 was the exercises map alone; nobody had ticked a competency yet.
    1: (exercises) => ({ exercises, competencies: {} }),
  },
  parse: parseProgressData,
};

/** The JSON written by Export Progress. */
export interface ProgressExport {
  readonly format: 'upskill-progress';
  readonly v: number;
  readonly exportedAt: string;
  readonly data: ProgressData;
}

export class ProgressStore {
  private data: ProgressData = { exercises: {}, competencies: {} };
  private readonly changed = new Emitter<readonly string[]>();
  /** Fires with the ids of the exercises and the keys of the competencies that changed. */
  readonly onDidChange = this.changed.event;
  /** Set when stored progress could not be read at load (it was kept as a backup). */
  problem?: string;
  private loaded?: Promise<void>;
  private done = false;

  constructor(
    private readonly store: KeyValueStore,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Reads stored progress once; later calls reuse the first read. */
  load(): Promise<void> {
    this.loaded ??= loadVersioned(this.store, progressSpec, this.clock()).then((r) => {
      this.data = r.data;
      this.problem = r.problem;
      this.done = true;
    });
    return this.loaded;
  }

  /** True once stored progress has been read, so `snapshot` is the learner's own. */
  get hasLoaded(): boolean {
    return this.done;
  }

  /** Everything stored: exercises and competency marks. */
  get snapshot(): ProgressData {
    return this.data;
  }

  /** Progress of every exercise. */
  get all(): ProgressMap {
    return this.data.exercises;
  }

  /** The learner's own ticks and un-ticks, by competency key. */
  get competencies(): CompetencyMarks {
    return this.data.competencies;
  }

  get(exerciseId: string): ExerciseProgress {
    return progressOf(this.data.exercises, exerciseId);
  }

  /**
   * Applies `change` to the merge of this window's copy and what is stored now, then
   * writes the result. Another window may have written since we last read: re-reading
   * first means its passes are kept, not overwritten by our older copy.
   */
  async update(exerciseId: string, change: (p: ExerciseProgress) => ExerciseProgress): Promise<ExerciseProgress> {
    await this.load();
    const fromOthers = await this.absorbStored();
    const next = change(this.get(exerciseId));
    this.data = { ...this.data, exercises: { ...this.data.exercises, [exerciseId]: next } };
    await this.persist();
    this.changed.fire([...new Set([...fromOthers, exerciseId])]);
    return next;
  }

  /** Ticks or un-ticks a competency (by its `<skill>.<id>` key), merged like `update`. */
  async setCompetency(key: string, ticked: boolean): Promise<void> {
    await this.load();
    const fromOthers = await this.absorbStored();
    const mark = markCompetency(this.data.competencies[key], ticked, this.clock());
    this.data = { ...this.data, competencies: { ...this.data.competencies, [key]: mark } };
    await this.persist();
    this.changed.fire([...new Set([...fromOthers, key])]);
  }

  /**
   * Picks up what other windows (or Settings Sync) stored, without losing this window's
   * passes. When this window holds something the stored value lacks (a write that lost a
   * race with another window), it writes the merge back, so every window converges.
   */
  async reloadFromStore(): Promise<void> {
    await this.load();
    const fromOthers = await this.absorbStored();
    if (JSON.stringify(this.store.get(PROGRESS_KEY)) !== JSON.stringify(toEnvelope(progressSpec, this.data))) await this.persist();
    if (fromOthers.length > 0) this.changed.fire(fromOthers);
  }

  /** Merges the stored value into this window's copy; returns the ids that changed here. */
  private async absorbStored(): Promise<string[]> {
    const stored = await loadVersioned(this.store, progressSpec, this.clock());
    if (stored.problem) this.problem = stored.problem;
    return this.absorb(stored.data);
  }

  /** Merges `incoming` into this window's copy; returns the exercise ids and competency keys that changed. */
  private absorb(incoming: ProgressData): string[] {
    const merged = mergeProgressData(this.data, incoming);
    const changed = (a: object, b: object) =>
      Object.keys(a).filter((k) => JSON.stringify((a as Record<string, unknown>)[k]) !== JSON.stringify((b as Record<string, unknown>)[k]));
    const changedIds = [...changed(merged.exercises, this.data.exercises), ...changed(merged.competencies, this.data.competencies)];
    this.data = merged;
    return changedIds;
  }

  export(): ProgressExport {
    return { format: 'upskill-progress', v: progressSpec.version, exportedAt: new Date(this.clock()).toISOString(), data: this.data };
  }

  /** Merges an export (of any version) into the current progress; a pass is never lost. Returns how many exercises and competencies changed. */
  async import(json: string): Promise<number> {
    await this.load();
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (e) {
      throw new Error(`The file is not JSON: ${(e as Error).message}`);
    }
    const p = parsed as Partial<ProgressExport>;
    if (p?.format !== 'upskill-progress') throw new Error('The file is not an Upskill progress export (missing "format": "upskill-progress").');
    const incoming = fromEnvelope({ v: p.v, data: p.data }, progressSpec);
    await this.absorbStored();
    const changedIds = this.absorb(incoming);
    await this.persist();
    this.changed.fire(changedIds);
    return changedIds.length;
  }

  private persist(): PromiseLike<void> {
    return this.store.update(PROGRESS_KEY, toEnvelope(progressSpec, this.data));
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export { EMPTY_PROGRESS };
