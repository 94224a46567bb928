import * as assert from 'assert';
import { type CheckOutcome, addShown, buildAssessment, fixedInProject, latestAssessment } from '../../../src/core/assessment';
import { checklistModel, dashboardModel } from '../../../src/core/checklistModel';
import { learningLog } from '../../../src/core/learningLog';
import { EMPTY_PROGRESS } from '../../../src/core/progress';
import { catalogOf, withChecklist } from './catalog';

const at = (day: number, outcomes: CheckOutcome[], root = '/home/me/churn', commit: string | undefined = String(day).repeat(40).slice(0, 40)) =>
  buildAssessment({ root, date: new Date(Date.UTC(2026, 0, day)).toISOString(), ...(commit && { commit }), stats: { pythonFiles: 3, notebooks: 0, lines: 90, durationMs: 10 }, outcomes, notes: [] });

const before = at(1, [
  { rule: 'lint.clean', share: 0, count: 4, message: '4 Ruff findings: F401 (4)' },
  { rule: 'typing.annotated', share: 0.25, count: 12, message: '12 functions without annotations in features/' },
  { rule: 'notebooks.cells', share: 0, count: 2, message: '2 cells over 40 lines' },
  { rule: 'tests.exist', share: 0, message: 'No tests' },
]);
const after = at(2, [
  { rule: 'lint.clean', share: 1 },
  { rule: 'typing.annotated', share: 0.5, count: 8, message: '8 functions without annotations in features/' },
  // The notebooks were deleted: the check no longer runs, which shows nothing.
  { rule: 'tests.exist', share: 0, message: 'No tests' },
]);

describe('"shown in my project": findings fixed in the project', () => {
  it('are the findings gone whose check ran again and passed, not those whose check no longer applies', () => {
    assert.deepStrictEqual(fixedInProject(after, before), ['lint.clean']);
    assert.deepStrictEqual(fixedInProject(before, after), []);
  });

  it('tick the finding\'s competency with both assessments\' dates and commits, keeping the first showing', () => {
    const shown = addShown({}, '/home/me/churn', after, before);
    assert.deepStrictEqual(shown, {
      'linting.fix-common-bugs': { folder: '/home/me/churn', rule: 'lint.clean', label: 'Ruff finds nothing', since: before.date, at: after.date, sinceCommit: before.commit, commit: after.commit },
    });
    const later = at(5, [{ rule: 'lint.clean', share: 1 }]);
    assert.strictEqual(addShown(shown, '/x', later, at(4, [{ rule: 'lint.clean', share: 0, count: 1 }]))['linting.fix-common-bugs'].at, after.date);
    assert.deepStrictEqual(addShown({}, '/p', after, undefined), {}, 'a first assessment shows nothing');
  });

  it('skip a rule this version does not know (a newer Upskill\'s) rather than failing', () => {
    const unknown = { ...before, findings: [...before.findings, { ...before.findings[0], rule: 'lint.someday' as never }] };
    const ran = { ...after, skills: after.skills.map((s) => (s.skill === 'linting' ? { ...s, checks: [...s.checks, { rule: 'lint.someday' as never, label: '?', share: 1 }] } : s)) };
    assert.deepStrictEqual(Object.keys(addShown({}, '/p', ran, unknown)), ['linting.fix-common-bugs']);
  });
});

describe('the assessment the Checklist shows', () => {
  it('is the latest of the open folders, else the latest of any, with the one before it', () => {
    const history = { '/a': [at(1, []), at(3, [])], '/b': [at(7, [], '/b')] };
    assert.deepStrictEqual(latestAssessment(history, ['/a'])?.folder, '/a');
    assert.strictEqual(latestAssessment(history, ['/a'])?.before?.date, history['/a'][0].date);
    assert.strictEqual(latestAssessment(history, ['/elsewhere'])?.folder, '/b');
    assert.strictEqual(latestAssessment(history, ['/elsewhere'])?.before, undefined);
    assert.strictEqual(latestAssessment({}, ['/a']), undefined);
  });
});

describe('the Checklist and dashboard with a project', () => {
  const catalog = withChecklist(catalogOf([['a', 'b']]), [['a'], [], []]);

  it('shows "your project" per skill with "(was N)", and the three weakest skills with exercise and finding', () => {
    const model = checklistModel(catalog, { exercises: {}, competencies: {} }, undefined, { latest: { assessment: after, before } });
    const p = model.project;
    assert.ok(p);
    assert.strictEqual(p.name, 'churn');
    assert.deepStrictEqual(p.scores.linting, { score: 100, was: 0 });
    assert.deepStrictEqual(p.scores.typing, { score: 50, was: 25 });
    assert.deepStrictEqual(p.scores['unit-testing'], { score: 0 }, 'no "was" when the score did not change');
    assert.deepStrictEqual(p.scores.cloud, {}, 'not applicable: no score');
    assert.deepStrictEqual(
      p.recommendations.map((r) => [r.skill, r.score, r.exerciseId, r.finding, r.findingWas]),
      [
        ['unit-testing', 0, 'unit-testing-first-tests', 'No tests', undefined],
        ['typing', 50, 'typing-annotate-metrics', '8 functions without annotations in features/', 12],
      ],
      'the finding\'s count before, where it changed',
    );
    assert.strictEqual(p.nothingScored, false);
    assert.strictEqual(dashboardModel(catalog, { exercises: {}, competencies: {} }, Date.UTC(2026, 0, 3), undefined, 'monday', { latest: { assessment: after } }).checklist.project?.scores.linting.score, 100);
  });

  it('says when nothing in the folder could be scored, rather than "every check passed"', () => {
    const p = checklistModel(catalog, { exercises: {}, competencies: {} }, undefined, { latest: { assessment: at(3, []) } }).project;
    assert.deepStrictEqual([p?.nothingScored, p?.recommendations.length], [true, 0]);
  });

  it('has no project at all until one was assessed', () => {
    assert.strictEqual(checklistModel(catalog, { exercises: {}, competencies: {} }).project, undefined);
    assert.strictEqual(checklistModel(catalog, { exercises: {}, competencies: {} }, undefined, { shown: {} }).project, undefined);
  });

  it('a competency shown in the project is a third state: after verified, before self-assessed, and counts as met', () => {
    const fix = { folder: '/p', rule: 'lint.clean' as const, label: 'Ruff finds nothing', since: before.date, at: after.date };
    const shown = { 's0.c0': fix, 's0.c1': fix };
    const model = checklistModel(catalog, { exercises: { a: { ...EMPTY_PROGRESS, state: 'passed', passedAt: 3 } }, competencies: { 's0.c1': { ticked: true, at: 2 } } }, undefined, { shown });
    assert.deepStrictEqual(model.skills[0].competencies.map((c) => c.status.kind), ['linked', 'project', 'open']);
    assert.deepStrictEqual(model.skills[0].met, { met: 2, total: 3 });
  });

  it('the learning log says which competencies the project showed, with the folder, dates and commits', () => {
    const fix = { folder: '/home/me/churn', rule: 'lint.clean' as const, label: 'Ruff finds nothing', since: before.date, at: after.date, sinceCommit: 'a'.repeat(40), commit: 'b'.repeat(40) };
    const log = learningLog(catalog, { exercises: {}, competencies: {} }, Date.UTC(2026, 0, 3), undefined, { 's0.c1': fix });
    assert.match(log, /- \[x\] Competency 1: \*\*shown in my project\*\*, "Ruff finds nothing" became true in \/home\/me\/churn between the assessments of 2026-01-01 and 2026-01-02 \(commits aaaaaaaaaaaa → bbbbbbbbbbbb\)/);
    assert.match(log, /Competencies: 0 verified, 1 shown in my project, 0 self-assessed, 2 not yet met, of 3/);
    assert.doesNotMatch(learningLog(catalog, { exercises: {}, competencies: {} }, Date.UTC(2026, 0, 3)), /shown in my project, 0/);
  });
});
