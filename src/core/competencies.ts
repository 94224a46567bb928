// Where each competency stands: met by a passed exercise (linked), ticked by the learner
// (self-assessed), or open. Derived, never stored: a linked tick comes from the exercise's
// pass, which progress never loses; the learner's own marks come from the progress store.

import { type Catalog, type Competency, type Skill, competencyKey } from './model';
import { type CompetencyMarks, type ProgressData, type ProgressMap, progressOf } from './progress';

export type CompetencyStatus =
  /** An exercise that proves it passed: the first to pass, and when. */
  | { readonly kind: 'linked'; readonly exercise: { readonly id: string; readonly title: string }; readonly at?: number }
  /** Ticked by the learner (no passed exercise proves it). */
  | { readonly kind: 'self'; readonly at: number }
  | { readonly kind: 'open' };

export function competencyStatus(catalog: Catalog, skill: Skill, c: Competency, progress: ProgressMap, marks: CompetencyMarks): CompetencyStatus {
  const passed = c.exerciseIds
    .map((id) => ({ id, p: progressOf(progress, id) }))
    .filter(({ p }) => p.state === 'passed')
    .sort((a, b) => (a.p.passedAt ?? Infinity) - (b.p.passedAt ?? Infinity))[0];
  if (passed) {
    const title = catalog.exercises.get(passed.id)?.title ?? passed.id;
    return { kind: 'linked', exercise: { id: passed.id, title }, ...(passed.p.passedAt !== undefined && { at: passed.p.passedAt }) };
  }
  const mark = marks[competencyKey(skill.id, c.id)];
  return mark?.ticked ? { kind: 'self', at: mark.at } : { kind: 'open' };
}

/** How many of a skill's competencies are met, linked or self-assessed. */
export function competenciesMet(catalog: Catalog, skill: Skill, progress: ProgressData): number {
  return skill.checklist.filter((c) => competencyStatus(catalog, skill, c, progress.exercises, progress.competencies).kind !== 'open').length;
}
