// What the Checklist view and the dashboard show, as plain data: built from the catalog,
// progress (exercises and the learner's competency ticks) and, when the study timer
// provides one, its summary. Pure and serialisable, so it is tested without VS Code and
// posted to the webview as it is; the webview only renders it.

import { lastWeeks, shortDay } from './calendar';
import { type CompetencyStatus, competenciesMet, competencyStatus } from './competencies';
import { type Catalog, competencyKey, exercisesOf } from './model';
import { type ExerciseState, type ProgressData, type Tally, nextIn, skillState, tallyAll, tallyExercises } from './progress';
import type { FirstDayOfWeek, StudySummary } from './study';

/** The weekly goal when no study timer says otherwise: the careers advice's 10 hours. */
export const DEFAULT_GOAL_MS = 10 * 60 * 60 * 1000;

export interface ChecklistCompetency {
  /** `<skill>.<competency>`: what the webview sends back to tick it. */
  readonly key: string;
  readonly text: string;
  readonly status: CompetencyStatus;
  /** Exercises whose pass would tick it; empty for a self-assessed competency. */
  readonly provenBy: readonly { readonly id: string; readonly title: string }[];
}

export interface Count {
  readonly met: number;
  readonly total: number;
}

export interface ChecklistSkill {
  readonly id: string;
  readonly title: string;
  /** Title of the skill's track. */
  readonly track: string;
  readonly tally: Tally;
  readonly state: ExerciseState;
  readonly competencies: readonly ChecklistCompetency[];
  /** Competencies met, linked or self-assessed: the skill's bar. */
  readonly met: Count;
  /** The exercise to do next in this skill; absent when none is left to do. */
  readonly next?: { readonly id: string; readonly title: string };
}

export interface StudyAtAGlance {
  /** False until a study timer provides data: then every figure is 0, never made up. */
  readonly recorded: boolean;
  readonly thisWeekMs: number;
  readonly goalMs: number;
  readonly streakWeeks: number;
}

export interface ChecklistModel {
  readonly tally: Tally;
  readonly met: Count;
  readonly study: StudyAtAGlance;
  /** Every skill in curriculum order: track by track. */
  readonly skills: readonly ChecklistSkill[];
}

export function checklistModel(catalog: Catalog, progress: ProgressData, study?: StudySummary): ChecklistModel {
  const skills: ChecklistSkill[] = [];
  for (const track of catalog.tracks) {
    for (const skillId of track.skillIds) {
      const skill = catalog.skills.get(skillId);
      if (!skill) continue;
      const exercises = exercisesOf(catalog, skillId);
      const tally = tallyExercises(exercises, progress.exercises);
      const next = nextIn(exercises, progress.exercises);
      const competencies = skill.checklist.map((c) => ({
        key: competencyKey(skill.id, c.id),
        text: c.text,
        status: competencyStatus(catalog, skill, c, progress.exercises, progress.competencies),
        provenBy: c.exerciseIds.map((id) => ({ id, title: catalog.exercises.get(id)?.title ?? id })),
      }));
      skills.push({
        id: skill.id,
        title: skill.title,
        track: track.title,
        tally,
        state: skillState(tally),
        competencies,
        met: { met: competenciesMet(catalog, skill, progress), total: competencies.length },
        ...(next && { next: { id: next.id, title: next.title } }),
      });
    }
  }
  return {
    tally: tallyAll(catalog, progress.exercises),
    met: { met: skills.reduce((n, s) => n + s.met.met, 0), total: skills.reduce((n, s) => n + s.met.total, 0) },
    study: study
      ? { recorded: true, thisWeekMs: study.thisWeekMs, goalMs: study.goalMs, streakWeeks: study.streakWeeks }
      : { recorded: false, thisWeekMs: 0, goalMs: DEFAULT_GOAL_MS, streakWeeks: 0 },
    skills,
  };
}

// ---- The dashboard: the checklist plus charts and estimates -------------------------------

export const DASHBOARD_WEEKS = 12;
/** The pace is measured over this many weeks. */
export const PACE_WEEKS = 4;

export interface DashboardModel {
  readonly checklist: ChecklistModel;
  /** The last 12 calendar weeks, oldest first: week start, its label, and the hours studied. */
  readonly weeks: readonly { readonly week: string; readonly label: string; readonly ms: number }[];
  /** Hours per skill, all time, in curriculum order (0 for every skill until the timer records some). */
  readonly bySkill: readonly { readonly id: string; readonly title: string; readonly ms: number }[];
  /** Exercises passed per week over the last PACE_WEEKS weeks. */
  readonly pace: number;
  readonly tracks: readonly {
    readonly id: string;
    readonly title: string;
    readonly remaining: number;
    readonly total: number;
    /** Weeks to pass the rest at the current pace; absent when there is no pace yet or nothing is left. */
    readonly weeksLeft?: number;
  }[];
}

export function dashboardModel(catalog: Catalog, progress: ProgressData, now: number, study?: StudySummary, firstDay: FirstDayOfWeek = 'monday'): DashboardModel {
  const checklist = checklistModel(catalog, progress, study);
  // The timer's weeks when it has them; else the calendar's, with nothing studied.
  const weeks = study?.weeks.length ? study.weeks.slice(-DASHBOARD_WEEKS) : lastWeeks(now, DASHBOARD_WEEKS, firstDay).map((week) => ({ week, ms: 0 }));
  const since = now - PACE_WEEKS * 7 * 24 * 60 * 60 * 1000;
  const recentPasses = Object.values(progress.exercises).filter((p) => p.state === 'passed' && p.passedAt !== undefined && p.passedAt > since && p.passedAt <= now).length;
  const pace = recentPasses / PACE_WEEKS;
  return {
    checklist,
    weeks: weeks.map((w) => ({ week: w.week, label: shortDay(w.week), ms: w.ms })),
    bySkill: checklist.skills.map((s) => ({ id: s.id, title: s.title, ms: study?.bySkill[s.id] ?? 0 })),
    pace,
    tracks: catalog.tracks.map((t) => {
      const tally = tallyExercises(t.skillIds.flatMap((id) => exercisesOf(catalog, id)), progress.exercises);
      const remaining = tally.total - tally.passed;
      return { id: t.id, title: t.title, remaining, total: tally.total, ...(pace > 0 && remaining > 0 && { weeksLeft: Math.ceil(remaining / pace) }) };
    }),
  };
}
