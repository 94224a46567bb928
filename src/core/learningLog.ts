// The learning log: a Markdown file a learner can publish, put in a portfolio repository or
// show a manager. Honest by construction: every line says whether Upskill's checks verified
// it or the learner assessed it, and nothing is shown that was not recorded.

import type { ShownMap } from './assessment';
import { dayKey, shortDay } from './calendar';
import { type ChecklistCompetency, checklistModel } from './checklistModel';
import { type Catalog, exercisesOf } from './model';
import { type ExerciseProgress, type ProgressData, progressOf } from './progress';
import type { StudySummary } from './study';

const HOUR_MS = 60 * 60 * 1000;

/** Escapes text for Markdown, so a title is shown as written and never as markup or HTML. */
export function mdText(s: string): string {
  return s.replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

function hours(ms: number): string {
  return `${(ms / HOUR_MS).toFixed(1)} h`;
}

function solutionBeforePassing(p: ExerciseProgress): string {
  if (!p.solutionViewed) return 'no';
  if (p.solutionViewedAt === undefined || p.passedAt === undefined) return 'viewed (time not recorded)';
  return p.solutionViewedAt <= p.passedAt ? 'yes' : 'no (viewed after passing)';
}

function competencyLine(c: ChecklistCompetency): string {
  const s = c.status;
  switch (s.kind) {
    case 'linked':
      return `- [x] ${mdText(c.text)}: **verified**, the checks of "${mdText(s.exercise.title)}" passed${s.at !== undefined ? ` on ${dayKey(s.at)}` : ''}`;
    case 'project': {
      const f = s.shown;
      const commits = f.sinceCommit && f.commit ? ` (commits ${f.sinceCommit.slice(0, 12)} → ${f.commit.slice(0, 12)})` : '';
      return `- [x] ${mdText(c.text)}: **shown in my project**, "${mdText(f.label)}" became true in ${mdText(f.folder)} between the assessments of ${f.since.slice(0, 10)} and ${f.at.slice(0, 10)}${commits}`;
    }
    case 'self':
      return `- [x] ${mdText(c.text)}: **self-assessed** on ${dayKey(s.at)} (no check verified this)`;
    default:
      return `- [ ] ${mdText(c.text)}: not yet${c.provenBy.length ? ` (verified by passing "${c.provenBy.map((e) => mdText(e.title)).join('" or "')}")` : ''}`;
  }
}

export function learningLog(catalog: Catalog, progress: ProgressData, now: number, study?: StudySummary, shown: ShownMap = {}): string {
  const model = checklistModel(catalog, progress, study, { shown });
  // A log shows study time only once some was timed: weeks of zeros would say nothing true.
  const timed = study && Object.values(study.bySkill).some((ms) => ms > 0) ? study : undefined;
  const all = model.skills.flatMap((s) => s.competencies);
  const verified = all.filter((c) => c.status.kind === 'linked').length;
  const self = all.filter((c) => c.status.kind === 'self').length;
  const inProject = all.filter((c) => c.status.kind === 'project').length;
  const out: string[] = [
    '# Learning log',
    '',
    `Written by Upskill on ${dayKey(now)}.`,
    '',
    '**How to read it.** An exercise is *passed* when Upskill ran its checks (pytest, mypy, Ruff, a workflow linter or git, as the exercise defines) on the learner\'s own code and every check passed. A competency is *verified* when such an exercise proves it, *shown in my project* when Upskill\'s Assess My Project saw a finding about it in the learner\'s own project and, at a later assessment, saw it fixed, and *self-assessed* when the learner ticked it and no check verified it.',
    '',
    '## Summary',
    '',
    `- Exercises passed (verified by checks): ${model.tally.passed} of ${model.tally.total}`,
    `- Competencies: ${verified} verified, ${inProject ? `${inProject} shown in my project, ` : ''}${self} self-assessed, ${all.length - verified - inProject - self} not yet met, of ${all.length}`,
    timed ? `- Study time: ${hours(Object.values(timed.bySkill).reduce((a, b) => a + b, 0))} in all; ${hours(timed.thisWeekMs)} this week against a goal of ${hours(timed.goalMs)}` : '- Study time: not recorded (the study timer was not running)',
    '',
    '## Study time per week',
    '',
  ];
  if (timed?.weeks.length) {
    out.push('| Week of | Hours |', '| --- | ---: |', ...timed.weeks.map((w) => `| ${shortDay(w.week)} ${w.week.slice(0, 4)} | ${(w.ms / HOUR_MS).toFixed(1)} |`));
  } else {
    out.push('No study time was recorded: the study timer was not running.');
  }
  const untouched: string[] = [];
  for (const skill of model.skills) {
    const passed = exercisesOf(catalog, skill.id).filter((e) => progressOf(progress.exercises, e.id).state === 'passed');
    const skillMs = timed?.bySkill[skill.id] ?? 0;
    if (!passed.length && skill.met.met === 0 && skillMs === 0) {
      untouched.push(mdText(skill.title));
      continue;
    }
    out.push('', `## ${mdText(skill.title)}`, '', `*${mdText(skill.track)}* · ${skill.tally.passed} of ${skill.tally.total} exercises passed · ${skill.met.met} of ${skill.met.total} competencies met${timed ? ` · ${hours(skillMs)} studied` : ''}`);
    if (passed.length) {
      out.push('', '### Exercises passed', '', '| Exercise | Passed on | Checks run | Hints used | Solution viewed before passing |', '| --- | --- | ---: | ---: | --- |');
      for (const e of passed) {
        const p = progressOf(progress.exercises, e.id);
        out.push(`| ${mdText(e.title)} | ${p.passedAt !== undefined ? dayKey(p.passedAt) : 'not recorded'} | ${p.attempts} | ${p.hintsUsed} of ${e.hints.length} | ${solutionBeforePassing(p)} |`);
      }
    }
    out.push('', '### Competencies', '', ...skill.competencies.map(competencyLine));
  }
  if (untouched.length) out.push('', '## Not started yet', '', untouched.join(', '));
  return out.join('\n') + '\n';
}
