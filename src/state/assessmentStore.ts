// Assessments of the learner's own projects in globalState, by folder: the last few of each,
// newest last, so that re-assessing can say "(was N)" and the learning log can show before
// and after. Every write re-reads first, so a window never writes over another's.

import { ASSESSMENT_VERSION, type Assessment } from '../core/assessment';
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

export const assessmentSpec: StoreSpec<AssessmentHistory> = { key: ASSESSMENTS_KEY, version: 1, empty: () => ({}), parse: parseHistory };

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
  ) {}

  private async read(): Promise<AssessmentHistory> {
    const loaded = await loadVersioned(this.store, assessmentSpec, this.clock());
    if (loaded.problem) this.problem = loaded.problem;
    return loaded.data;
  }

  /** The folder's assessments, oldest first. */
  async history(folder: string): Promise<readonly Assessment[]> {
    return (await this.read())[folder] ?? [];
  }

  /** Every folder's assessments (the learning log's "My project"). */
  async all(): Promise<AssessmentHistory> {
    return this.read();
  }

  /** Adds an assessment of `folder`; returns the one before it, if any. */
  async add(folder: string, a: Assessment): Promise<Assessment | undefined> {
    const all = await this.read();
    const list = all[folder] ?? [];
    await this.store.update(ASSESSMENTS_KEY, toEnvelope(assessmentSpec, { ...all, [folder]: keep([...list, a]) }));
    return list[list.length - 1];
  }
}
