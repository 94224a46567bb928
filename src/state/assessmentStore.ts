// Assessments of the learner's own projects in globalState, by folder: the last few of each,
// newest last, so that re-assessing can say "(was N)" and the learning log can show before
// and after; and the competencies fixes in a project showed ("shown in my project"), kept
// apart because the assessments between the first and the latest few are let go. Every
// write re-reads first, so a window never writes over another's.
//
// Version 1 stored the folders alone; version 2 stores { folders, shown }, and its migration
// keeps every stored assessment and finds the competencies their fixes already showed.

import { ASSESSMENT_VERSION, type Assessment, type ShownInProject, type ShownMap, RULES, addShown } from '../core/assessment';
import { type KeyValueStore, type StoreSpec, loadVersioned, toEnvelope } from '../core/versionedStore';

export const ASSESSMENTS_KEY = 'upskill.assessments';
/** Kept per folder: the first (the "before") and the latest few. */
export const KEPT_PER_FOLDER = 10;

export type AssessmentHistory = Readonly<Record<string, readonly Assessment[]>>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseAssessment(v: unknown, where: string): Assessment {
  if (!isObject(v) || v.version !== ASSESSMENT_VERSION || typeof v.date !== 'string' || typeof v.root !== 'string' || !Array.isArray(v.skills) || !Array.isArray(v.findings) || !Array.isArray(v.notes) || !isObject(v.stats)) {
    throw new Error(`The stored assessment ${where} is not a version ${ASSESSMENT_VERSION} assessment.`);
  }
  return v as unknown as Assessment;
}

export function parseHistory(data: unknown): AssessmentHistory {
  if (!isObject(data)) throw new Error('Stored assessments are not an object of folders.');
  const out: Record<string, Assessment[]> = {};
  for (const [folder, list] of Object.entries(data)) {
    if (!Array.isArray(list)) throw new Error(`Stored assessments of ${folder} are not a list.`);
    out[folder] = list.map((a, i) => parseAssessment(a, `${i + 1} of ${folder}`));
  }
  return out;
}

export interface StoredAssessments {
  readonly folders: AssessmentHistory;
  readonly shown: ShownMap;
}

function parseShown(data: unknown): ShownMap {
  if (!isObject(data)) throw new Error('Stored "shown in my project" competencies are not an object.');
  const out: Record<string, ShownInProject> = {};
  for (const [key, v] of Object.entries(data)) {
    const optional = (x: unknown) => x === undefined || typeof x === 'string';
    if (!isObject(v) || typeof v.folder !== 'string' || typeof v.rule !== 'string' || !(v.rule in RULES) || typeof v.at !== 'string' || typeof v.since !== 'string' || typeof v.label !== 'string' || !optional(v.commit) || !optional(v.sinceCommit)) {
      throw new Error(`The stored "shown in my project" record of ${key} is not readable.`);
    }
    out[key] = v as unknown as ShownInProject;
  }
  return out;
}

export function parseStored(data: unknown): StoredAssessments {
  if (!isObject(data)) throw new Error('Stored assessments are not an object.');
  return { folders: parseHistory(data.folders), shown: parseShown(data.shown ?? {}) };
}

/** Version 1 → 2: the folders move under `folders`; the fixes between their stored assessments give `shown`. */
export function migrateV1(data: unknown): unknown {
  const shown = isObject(data) ? showsIn(data) : {};
  return { folders: data, shown };
}

function showsIn(folders: Record<string, unknown>): ShownMap {
  let shown: ShownMap = {};
  for (const [folder, list] of Object.entries(folders)) {
    if (!Array.isArray(list)) continue;
    const ok = list.every((a) => isObject(a) && a.version === ASSESSMENT_VERSION && Array.isArray(a.skills) && Array.isArray(a.findings) && typeof a.date === 'string');
    if (!ok) continue; // parse reports it, and the raw value is kept as a backup
    for (let i = 1; i < list.length; i++) shown = addShown(shown, folder, list[i] as Assessment, list[i - 1] as Assessment);
  }
  return shown;
}

export const assessmentSpec: StoreSpec<StoredAssessments> = { key: ASSESSMENTS_KEY, version: 2, empty: () => ({ folders: {}, shown: {} }), migrations: { 1: migrateV1 }, parse: parseStored };

/** The first assessment and the latest ones, up to `KEPT_PER_FOLDER`, in date order. */
export function keep(list: readonly Assessment[]): Assessment[] {
  if (list.length <= KEPT_PER_FOLDER) return [...list];
  return [list[0], ...list.slice(list.length - (KEPT_PER_FOLDER - 1))];
}

export class AssessmentStore {
  /** Set when the stored value could not be read (it was kept as a backup). */
  problem?: string;

  constructor(
    private readonly store: KeyValueStore,
    private readonly clock: () => number = Date.now,
    /** Told once per unreadable value, after it was kept under its backup key. */
    private readonly onProblem?: (problem: string) => void,
  ) {}

  private async read(): Promise<StoredAssessments> {
    const loaded = await loadVersioned(this.store, assessmentSpec, this.clock());
    if (loaded.problem) {
      this.problem = loaded.problem;
      // The value is safe under its backup key: start afresh here, so that the next read
      // (the Checklist reads on every change) neither copies it again nor reports it again.
      await this.store.update(ASSESSMENTS_KEY, toEnvelope(assessmentSpec, loaded.data));
      this.onProblem?.(loaded.problem);
    }
    return loaded.data;
  }

  /** The folder's assessments, oldest first. */
  async history(folder: string): Promise<readonly Assessment[]> {
    return (await this.read()).folders[folder] ?? [];
  }

  /** Every folder's assessments (the learning log's "My project"). */
  async all(): Promise<AssessmentHistory> {
    return (await this.read()).folders;
  }

  /** The competencies fixes in a project showed, by competency key. */
  async shown(): Promise<ShownMap> {
    return (await this.read()).shown;
  }

  /** Everything stored, read once (the Checklist). */
  async stored(): Promise<StoredAssessments> {
    return this.read();
  }

  /** Adds an assessment of `folder`; returns the one before it, if any. */
  async add(folder: string, a: Assessment): Promise<Assessment | undefined> {
    const { folders, shown } = await this.read();
    const list = folders[folder] ?? [];
    const before = list[list.length - 1];
    await this.store.update(ASSESSMENTS_KEY, toEnvelope(assessmentSpec, { folders: { ...folders, [folder]: keep([...list, a]) }, shown: addShown(shown, folder, a, before) }));
    return before;
  }
}
