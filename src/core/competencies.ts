// Where each competency stands: met by a passed exercise (linked), shown by a fix in the
// learner's own project (Assess My Project), ticked by the learner (self-assessed), or open.
// Derived, never stored here: a linked tick comes from the exercise's pass, which progress
// never loses; a project's from the assessment store; the learner's own marks from progress.

import type { ShownInProject, ShownMap } from './assessment';
import { type Catalog, type Competency, type Skill, competencyKey } from './model';
import { type CompetencyMarks, type ProgressData, type ProgressMap, progressOf } from './progress';

export type CompetencyStatus =
  /** An exercise that proves it passed: the first to pass, and when. */
  | { readonly kind: 'linked'; readonly exercise: { readonly id: string; readonly title: string }; readonly at?: number }
  /** A finding fixed in the learner's project: an earlier assessment had it, a later one did not. */
  | { readonly kind: 'project'; readonly shown: ShownInProject }
  /** Ticked by the learner (no passed exercise or project fix proves it). */
  | { readonly kind: 'self'; readonly at: number }
  | { readonly kind: 'open' };

export function competencyStatus(catalog: Catalog, skill: Skill, c: Competency, progress: ProgressMap, marks: CompetencyMarks, shown: ShownMap = {}): CompetencyStatus {
  const passed = c.exerciseIds
    .map((id) => ({ id, p: progressOf(progress, id) }))
    .filter(({ p }) => p.state === 'passed')
    .sort((a, b) => (a.p.passedAt ?? Infinity) - (b.p.passedAt ?? Infinity))[0];
  if (passed) {
    const title = catalog.exercises.get(passed.id)?.title ?? passed.id;
    return { kind: 'linked', exercise: { id: passed.id, title }, ...(passed.p.passedAt !== undefined && { at: passed.p.passedAt }) };
  }
  const key = competencyKey(skill.id, c.id);
  const fix = shown[key];
  if (fix) return { kind: 'project', shown: fix };
  const mark = marks[key];
  return mark?.ticked ? { kind: 'self', at: mark.at } : { kind: 'open' };
}

/** How many of a skill's competencies are met: linked, shown in a project or self-assessed. */
export function competenciesMet(catalog: Catalog, skill: Skill, progress: ProgressData, shown: ShownMap = {}): number {
  return skill.checklist.filter((c) => competencyStatus(catalog, skill, c, progress.exercises, progress.competencies, shown).kind !== 'open').length;
}
