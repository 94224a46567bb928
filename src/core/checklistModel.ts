// What the Checklist view and the dashboard show, as plain data: built from the catalog,
// progress (exercises and the learner's competency ticks) and, when the study timer
// provides one, its summary. Pure and serialisable, so it is tested without VS Code and
// posted to the webview as it is; the webview only renders it.

import { type Assessment, type ShownMap, compareAssessments, recommendations } from './assessment';
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

/** What Assess My Project found in the learner's own project, as the Checklist shows it. */
export interface ChecklistProject {
  readonly root: string;
  /** The folder's last path segment. */
  readonly name: string;
  readonly date: string;
  readonly commit?: string;
  /** Per assessed skill: "your project" (0..100, absent when nothing applies) and the score before, when it differs. */
  readonly scores: Readonly<Record<string, { readonly score?: number; readonly was?: number }>>;
  /** The three weakest skills, each with an exercise and the finding that led to it. */
  readonly recommendations: readonly ProjectRecommendation[];
  /** True when no check applied to the folder (no Python, notebooks or settings): nothing was scored. */
  readonly nothingScored: boolean;
}

export interface ProjectRecommendation {
  readonly skill: string;
  readonly title: string;
  readonly score: number;
  readonly exerciseId: string;
  readonly exerciseTitle: string;
  /** The finding that led to it, and its count at the assessment before, when that differs. */
  readonly finding: string;
  readonly findingWas?: number;
}

/** What the assessment store holds for the Checklist: the latest assessment (and the one before) and the competencies fixes showed. */
export interface ProjectInput {
  readonly latest?: { readonly assessment: Assessment; readonly before?: Assessment };
  readonly shown?: ShownMap;
}

export interface ChecklistModel {
  /** Absent until a project was assessed: then the Checklist offers only "Assess My Project". */
  readonly project?: ChecklistProject;
  readonly tally: Tally;
  readonly met: Count;
  readonly study: StudyAtAGlance;
  /** Every skill in curriculum order: track by track. */
  readonly skills: readonly ChecklistSkill[];
}

export function checklistProject(catalog: Catalog, latest: NonNullable<ProjectInput['latest']>): ChecklistProject {
  const { assessment: a, before } = latest;
  const change = compareAssessments(a, before);
  const title = (skill: string) => catalog.skills.get(skill)?.title ?? skill;
  const scores: Record<string, { score?: number; was?: number }> = {};
  for (const s of a.skills) scores[s.skill] = { ...(s.score !== undefined && { score: s.score }), ...(change.skills[s.skill] !== undefined && { was: change.skills[s.skill] }) };
  return {
    root: a.root,
    name: a.root.replace(/[\\/]+$/, '').split(/[\\/]/).pop() || a.root,
    date: a.date,
    ...(a.commit && { commit: a.commit }),
    scores,
    recommendations: recommendations(a).map((r) => {
      const was = change.findings[r.finding.rule];
      return { skill: r.skill, title: title(r.skill), score: r.score, exerciseId: r.exercise, exerciseTitle: catalog.exercises.get(r.exercise)?.title ?? r.exercise, finding: r.finding.message, ...(was !== undefined && { findingWas: was }) };
    }),
    nothingScored: a.skills.every((s) => s.score === undefined),
  };
}

export function checklistModel(catalog: Catalog, progress: ProgressData, study?: StudySummary, project: ProjectInput = {}): ChecklistModel {
  const shown = project.shown ?? {};
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
        status: competencyStatus(catalog, skill, c, progress.exercises, progress.competencies, shown),
        provenBy: c.exerciseIds.map((id) => ({ id, title: catalog.exercises.get(id)?.title ?? id })),
      }));
      skills.push({
        id: skill.id,
        title: skill.title,
        track: track.title,
        tally,
        state: skillState(tally),
        competencies,
        met: { met: competenciesMet(catalog, skill, progress, shown), total: competencies.length },
        ...(next && { next: { id: next.id, title: next.title } }),
      });
    }
  }
  return {
    ...(project.latest && { project: checklistProject(catalog, project.latest) }),
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

export function dashboardModel(catalog: Catalog, progress: ProgressData, now: number, study?: StudySummary, firstDay: FirstDayOfWeek = 'monday', project: ProjectInput = {}): DashboardModel {
  const checklist = checklistModel(catalog, progress, study, project);
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
