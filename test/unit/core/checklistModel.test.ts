import * as assert from 'assert';
import fc from 'fast-check';
import { lastWeeks, shortDay } from '../../../src/core/calendar';
import { DEFAULT_GOAL_MS, checklistModel, dashboardModel } from '../../../src/core/checklistModel';
import { type ExerciseProgress, EMPTY_PROGRESS, type ProgressData, type ProgressMap } from '../../../src/core/progress';
import type { StudySummary } from '../../../src/core/study';
import { catalogOf, withChecklist } from './catalog';

const started: ExerciseProgress = { ...EMPTY_PROGRESS, state: 'started' };
const passed: ExerciseProgress = { ...EMPTY_PROGRESS, state: 'passed' };
const data = (exercises: ProgressMap, competencies: ProgressData['competencies'] = {}): ProgressData => ({ exercises, competencies });

const DAY = 24 * 60 * 60 * 1000;

describe('core/checklistModel', () => {
  it('tallies overall and per skill, in curriculum order, with the next exercise of each skill', () => {
    const catalog = catalogOf([['a', 'b', 'c'], ['d'], ['e', 'f'], []]);
    const model = checklistModel(catalog, data({ a: passed, c: started, d: passed, f: started }));
    assert.deepStrictEqual(model.tally, { passed: 2, started: 2, total: 6 });
    assert.deepStrictEqual(
      model.skills.map((s) => [s.id, s.title, s.track, s.state, `${s.tally.passed}/${s.tally.started}/${s.tally.total}`, s.next?.id]),
      [
        ['s0', 's0', 'T', 'started', '1/1/3', 'c'],
        ['s1', 's1', 'T', 'passed', '1/0/1', undefined],
        ['s2', 's2', 'T', 'started', '0/1/2', 'f'],
        ['s3', 's3', 'T', 'todo', '0/0/0', undefined],
      ],
    );
    assert.deepStrictEqual(model.skills[0].next, { id: 'c', title: 'c' }, 'what is in progress comes before what is not started');
    assert.strictEqual(checklistModel(catalog, data({ a: passed })).skills[0].next?.id, 'b', 'else the first not started');
  });

  it('a competency is linked when an exercise proving it passed (the first to pass named), self-assessed when ticked, else open', () => {
    const catalog = withChecklist(catalogOf([['a', 'b']]), [['a', 'b'], [], [], ['b']]);
    const progress = data(
      { a: { ...passed, passedAt: 20 }, b: { ...passed, passedAt: 10 } },
      { 's0.c1': { ticked: true, at: 5 }, 's0.c2': { ticked: false, at: 6 }, 's0.c3': { ticked: true, at: 7 } },
    );
    const [skill] = checklistModel(catalog, progress).skills;
    assert.deepStrictEqual(skill.competencies.map((c) => [c.key, c.status]), [
      ['s0.c0', { kind: 'linked', exercise: { id: 'b', title: 'b' }, at: 10 }],
      ['s0.c1', { kind: 'self', at: 5 }],
      ['s0.c2', { kind: 'open' }],
      ['s0.c3', { kind: 'linked', exercise: { id: 'b', title: 'b' }, at: 10 }],
    ], 'a pass outranks the learner\'s own mark, ticked or not');
    assert.deepStrictEqual(skill.competencies[0].provenBy, [{ id: 'a', title: 'a' }, { id: 'b', title: 'b' }]);
    assert.deepStrictEqual(skill.met, { met: 3, total: 4 });
    const open = checklistModel(catalog, data({})).skills[0];
    assert.deepStrictEqual(open.competencies.map((c) => c.status.kind), ['open', 'open', 'open', 'open']);
  });

  it('shows no study time until a timer provides it: zero against the default goal, never made up', () => {
    const catalog = catalogOf([['a']]);
    assert.deepStrictEqual(checklistModel(catalog, data({})).study, { recorded: false, thisWeekMs: 0, goalMs: DEFAULT_GOAL_MS, streakWeeks: 0 });
    const summary: StudySummary = { goalMs: 5, todayMs: 1, thisWeekMs: 3, streakWeeks: 2, weeks: [], thisWeekDays: [], bySkill: {}, thisWeekBySkill: {} };
    assert.deepStrictEqual(checklistModel(catalog, data({}), summary).study, { recorded: true, thisWeekMs: 3, goalMs: 5, streakWeeks: 2 });
  });

  it('an empty catalog gives an empty checklist', () => {
    const model = checklistModel({ tracks: [], skills: new Map(), exercises: new Map(), errors: [] }, data({}));
    assert.deepStrictEqual([model.tally, model.met, model.skills], [{ passed: 0, started: 0, total: 0 }, { met: 0, total: 0 }, []]);
  });

  it('is plain data: it survives JSON (the webview message) unchanged', () => {
    const catalog = withChecklist(catalogOf([['a', 'b'], ['c', 'd', 'e']]), [['a'], [], ['b']]);
    const states = fc.constantFrom(EMPTY_PROGRESS, started, passed);
    const mark = fc.record({ ticked: fc.boolean(), at: fc.nat() });
    fc.assert(
      fc.property(fc.record({ a: states, b: states, c: states, d: states, e: states }), fc.dictionary(fc.constantFrom('s0.c0', 's0.c1', 's0.c2'), mark), (exercises, marks) => {
        const model = dashboardModel(catalog, data(exercises, marks), Date.UTC(2026, 10, 26));
        assert.deepStrictEqual(JSON.parse(JSON.stringify(model)), model);
        assert.strictEqual(model.checklist.skills.reduce((n, s) => n + s.tally.passed, 0), model.checklist.tally.passed);
      }),
    );
  });
});

describe('core/checklistModel: the dashboard', () => {
  const now = new Date(2026, 10, 26, 15, 0).getTime(); // Thursday 26 November 2026, local time

  it('without a timer: the last 12 calendar weeks, Mondays, oldest first, with zero hours', () => {
    const m = dashboardModel(catalogOf([['a']]), data({}), now);
    assert.strictEqual(m.weeks.length, 12);
    assert.deepStrictEqual(m.weeks.at(-1), { week: '2026-11-23', label: '23 Nov', ms: 0 });
    assert.deepStrictEqual(m.weeks[0], { week: '2026-09-07', label: '7 Sep', ms: 0 });
    assert.ok(m.weeks.every((w) => w.ms === 0));
    assert.deepStrictEqual(m.bySkill, [{ id: 's0', title: 's0', ms: 0 }]);
  });

  it("with a timer: its weeks and hours per skill", () => {
    const summary: StudySummary = {
      goalMs: 1, todayMs: 0, thisWeekMs: 0, streakWeeks: 0, thisWeekDays: [], thisWeekBySkill: {},
      weeks: lastWeeks(now, 14).map((week, i) => ({ week, ms: i })), bySkill: { s0: 7200_000, gone: 5 },
    };
    const m = dashboardModel(catalogOf([['a']]), data({}), now, summary);
    assert.deepStrictEqual(m.weeks.map((w) => w.ms), [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], 'the last twelve');
    assert.deepStrictEqual(m.bySkill, [{ id: 's0', title: 's0', ms: 7200_000 }]);
  });

  it('weeks left per track at the pace of the last four weeks', () => {
    const catalog = catalogOf([['a', 'b', 'c', 'd', 'e', 'f']]);
    const at = (daysAgo: number): ExerciseProgress => ({ ...passed, passedAt: now - daysAgo * DAY });
    const m = dashboardModel(catalog, data({ a: at(1), b: at(20), c: at(40) }), now);
    assert.strictEqual(m.pace, 0.5, 'two passes in four weeks (the one 40 days ago is older)');
    assert.deepStrictEqual(m.tracks, [{ id: 't', title: 'T', remaining: 3, total: 6, weeksLeft: 6 }]);
    assert.ok(!('weeksLeft' in dashboardModel(catalog, data({}), now).tracks[0]), 'no pace, no estimate');
  });

  it('calendar helpers', () => {
    assert.deepStrictEqual(lastWeeks(new Date(2026, 10, 23, 0, 0).getTime(), 2), ['2026-11-16', '2026-11-23'], 'a Monday starts its own week');
    assert.deepStrictEqual(lastWeeks(new Date(2026, 10, 29, 23, 59).getTime(), 1), ['2026-11-23'], 'a Sunday ends it');
    assert.strictEqual(shortDay('2026-03-01'), '1 Mar');
  });
});
