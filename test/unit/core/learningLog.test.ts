import * as assert from 'assert';
import { learningLog, mdText } from '../../../src/core/learningLog';
import type { Catalog } from '../../../src/core/model';
import { EMPTY_PROGRESS } from '../../../src/core/progress';
import type { StudySummary } from '../../../src/core/study';
import { catalogOf, withChecklist } from './catalog';

const now = new Date(2026, 10, 26, 12).getTime();
const day = (d: number) => new Date(2026, 10, d, 12).getTime();

function catalog(): Catalog {
  const c = withChecklist(catalogOf([['a', 'b'], ['c']]), [['a'], [], [], ['b']]);
  const a = c.exercises.get('a')!;
  const exercises = new Map(c.exercises);
  exercises.set('a', { ...a, title: 'Annotate <img src=x onerror=alert(1)> *metrics*', hints: ['h1', 'h2', 'h3'] });
  return { ...c, exercises };
}

describe('core/learningLog', () => {
  it('lists passed exercises with date, checks run, hints and whether the solution was seen before passing', () => {
    const log = learningLog(
      catalog(),
      {
        exercises: {
          a: { ...EMPTY_PROGRESS, state: 'passed', passedAt: day(20), attempts: 3, failedAttempts: 2, hintsUsed: 2, solutionViewed: true, solutionViewedAt: day(19) },
          b: { ...EMPTY_PROGRESS, state: 'passed', passedAt: day(21), attempts: 1, solutionViewed: true, solutionViewedAt: day(22) },
          c: { ...EMPTY_PROGRESS, state: 'started', attempts: 4 },
        },
        competencies: { 's0.c1': { ticked: true, at: day(24) }, 's0.c2': { ticked: false, at: day(25) } },
      },
      now,
    );
    assert.match(log, /^# Learning log\n\nWritten by Upskill on 2026-11-26\./);
    assert.match(log, /- Exercises passed \(verified by checks\): 2 of 3/);
    assert.match(log, /- Competencies: 2 verified, 1 self-assessed, 1 not yet met, of 4/);
    assert.match(log, /\| Annotate \\<img src=x onerror=alert\\\(1\\\)\\> \\\*metrics\\\* \| 2026-11-20 \| 3 \| 2 of 3 \| yes \|/, 'titles are escaped, never markup');
    assert.match(log, /\| b \| 2026-11-21 \| 1 \| 0 of 0 \| no \(viewed after passing\) \|/);
    assert.match(log, /- \[x\] Competency 0: \*\*verified\*\*, the checks of "Annotate .*" passed on 2026-11-20/);
    assert.match(log, /- \[x\] Competency 1: \*\*self-assessed\*\* on 2026-11-24 \(no check verified this\)/);
    assert.match(log, /- \[ \] Competency 2: not yet\n/, 'an un-ticked competency is open');
    assert.match(log, /- \[x\] Competency 3: \*\*verified\*\*, the checks of "b" passed on 2026-11-21/);
    assert.match(log, /No study time was recorded: the study timer was not running\./);
    assert.match(log, /## Not started yet\n\ns1\n$/, 'a skill with nothing to show is listed in one line, not as a section');
    assert.doesNotMatch(log, /## s1/);
  });

  it('shows study hours per week when the timer provides them', () => {
    const study: StudySummary = {
      goalMs: 36e6, todayMs: 0, thisWeekMs: 9e6, streakWeeks: 1, thisWeekDays: [], thisWeekBySkill: {},
      weeks: [{ week: '2026-11-16', ms: 18e6 }, { week: '2026-11-23', ms: 9e6 }], bySkill: { s1: 27e6 },
    };
    const log = learningLog(catalog(), { exercises: {}, competencies: {} }, now, study);
    assert.match(log, /\| Week of \| Hours \|\n\| --- \| ---: \|\n\| 16 Nov 2026 \| 5\.0 \|\n\| 23 Nov 2026 \| 2\.5 \|/);
    assert.match(log, /- Study time: 7\.5 h in all; 2\.5 h this week against a goal of 10\.0 h/);
    assert.match(log, /## s1\n\n\*T\* · 0 of 1 exercises passed · 0 of 0 competencies met · 7\.5 h studied/, 'time alone puts a skill in the log');
  });

  it('says no study time was recorded when the timer has timed nothing, rather than weeks of zeros', () => {
    const study: StudySummary = {
      goalMs: 36e6, todayMs: 0, thisWeekMs: 0, streakWeeks: 0, thisWeekDays: [], thisWeekBySkill: {},
      weeks: [{ week: '2026-11-16', ms: 0 }, { week: '2026-11-23', ms: 0 }], bySkill: {},
    };
    const log = learningLog(catalog(), { exercises: {}, competencies: {} }, now, study);
    assert.match(log, /No study time was recorded: the study timer was not running\./);
    assert.doesNotMatch(log, /\| Week of \|/);
  });

  it('escapes every Markdown and HTML character in text', () => {
    assert.strictEqual(mdText('a_b *c* [d](e) <f> `g` #h |i|\nj'), 'a\\_b \\*c\\* \\[d\\]\\(e\\) \\<f\\> \\`g\\` \\#h \\|i\\| j');
  });
});
