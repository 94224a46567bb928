// What the Checklist view shows, as plain data: built from the catalog, progress and
// (once the study timer exists) time per exercise. Pure and serialisable, so it is tested
// without VS Code and posted to the webview as it is; the webview only renders it.

import { type Catalog, exercisesOf } from './model';
import { type ExerciseState, type ProgressMap, type Tally, nextIn, skillState, tallyAll, tallyExercises } from './progress';

/** Study time per exercise id, in milliseconds. */
export type StudyTime = Readonly<Record<string, number>>;

export interface ChecklistSkill {
  readonly id: string;
  readonly title: string;
  /** Title of the skill's track. */
  readonly track: string;
  readonly tally: Tally;
  readonly state: ExerciseState;
  /** The exercise to do next in this skill; absent when none is left to do. */
  readonly next?: { readonly id: string; readonly title: string };
  /** Time spent on the skill's exercises; absent when no study time was given. */
  readonly studyMs?: number;
}

export interface ChecklistModel {
  readonly tally: Tally;
  /** Time spent on every exercise; absent when no study time was given. */
  readonly studyMs?: number;
  /** Every skill in curriculum order: track by track. */
  readonly skills: readonly ChecklistSkill[];
}

export function checklistModel(catalog: Catalog, progress: ProgressMap, studyTime?: StudyTime): ChecklistModel {
  const timeOf = (ids: readonly string[]) => ids.reduce((sum, id) => sum + (studyTime?.[id] ?? 0), 0);
  const skills: ChecklistSkill[] = [];
  for (const track of catalog.tracks) {
    for (const skillId of track.skillIds) {
      const skill = catalog.skills.get(skillId);
      if (!skill) continue;
      const exercises = exercisesOf(catalog, skillId);
      const tally = tallyExercises(exercises, progress);
      const next = nextIn(exercises, progress);
      skills.push({
        id: skill.id,
        title: skill.title,
        track: track.title,
        tally,
        state: skillState(tally),
        ...(next && { next: { id: next.id, title: next.title } }),
        ...(studyTime && { studyMs: timeOf(skill.exerciseIds) }),
      });
    }
  }
  return {
    tally: tallyAll(catalog, progress),
    ...(studyTime && { studyMs: timeOf([...catalog.exercises.keys()]) }),
    skills,
  };
}
