import * as assert from 'assert';
import { type CheckOutcome, buildAssessment } from '../../../src/core/assessment';
import { assessmentHtml, myProjectSection, projectView } from '../../../src/core/assessmentModel';

const at = (day: number, outcomes: CheckOutcome[]) => buildAssessment({ root: '/home/me/<project>', date: new Date(Date.UTC(2026, 0, day)).toISOString(), commit: 'a'.repeat(40), stats: { pythonFiles: 3, notebooks: 0, lines: 90, durationMs: 10 }, outcomes, notes: [{ message: 'x.ipynb is not <valid> JSON' }] });
const COMMANDS = { assess: 'upskill.assessProject', start: 'upskill.startExercise' };

describe('the project assessment panel', () => {
  const before = at(1, [
    { rule: 'typing.annotated', share: 0.25, count: 12, message: '12 functions without annotations in features/' },
    { rule: 'lint.clean', share: 0, count: 4, message: '4 Ruff findings <script>alert(1)</script>' },
    { rule: 'tests.exist', share: 1 },
  ]);
  const after = at(2, [
    { rule: 'typing.annotated', share: 0.5, count: 8, message: '8 functions without annotations in features/' },
    { rule: 'lint.clean', share: 1 },
    { rule: 'tests.exist', share: 1 },
  ]);

  it('puts "your project" beside "exercises passed", with "(was N)" per skill and per finding', () => {
    const v = projectView(after, before, undefined, {});
    assert.deepStrictEqual(v.skills.filter((s) => s.score !== undefined).map((s) => [s.skill, s.score, s.was]), [['linting', 100, 0], ['typing', 50, 25], ['unit-testing', 100, undefined]]);
    assert.deepStrictEqual(v.findings.map((f) => [f.rule, f.count, f.was]), [['typing.annotated', 8, 12]]);
    assert.deepStrictEqual(v.fixed, ['Ruff finds nothing']);
    const html = assessmentHtml(v, COMMANDS);
    assert.match(html, /data-skill="typing">50 <span class="was">\(was 25\)<\/span>/);
    assert.match(html, /8 functions without annotations in features\/ <span class="was">\(was 12\)<\/span>/);
  });

  it('recommends the weakest skill\'s exercise with the finding that led to it, as a command link', () => {
    const html = assessmentHtml(projectView(before, undefined, undefined, {}), COMMANDS);
    assert.match(html, /<strong>linting<\/strong> \(0\): 4 Ruff findings &#60;script&#62;alert\(1\)&#60;\/script&#62; → <a href="command:upskill\.startExercise\?%5B%22linting-bugs-behind-findings%22%5D">/);
    assert.match(html, /<strong>typing<\/strong> \(25\): 12 functions without annotations in features\/ → <a href="command:upskill\.startExercise\?%5B%22typing-annotate-metrics%22%5D">/);
  });

  it('escapes everything that comes from the project', () => {
    const html = assessmentHtml(projectView(before, undefined, undefined, {}), COMMANDS);
    assert.doesNotMatch(html, /<script|<project>|<valid>/);
    assert.match(html, /\/home\/me\/&#60;project&#62;/);
  });
});

describe('the learning log\'s "My project" section', () => {
  it('shows before and after with their commits, the scores per skill and the findings fixed', () => {
    const before = at(1, [{ rule: 'lint.clean', share: 0, count: 4 }, { rule: 'typing.annotated', share: 0.5, count: 2 }]);
    const after = at(9, [{ rule: 'lint.clean', share: 1 }, { rule: 'typing.annotated', share: 0.5, count: 2 }]);
    const md = myProjectSection({ '/p': [before, at(5, []), after] }).join('\n');
    assert.match(md, /^\n## My project\n/);
    assert.match(md, /Before: 2026-01-01 \(commit aaaaaaaaaaaa\)\. After: 2026-01-09 \(commit aaaaaaaaaaaa\)\./);
    assert.match(md, /\| linting \| 0 \| 100 \|/);
    assert.match(md, /\| typing \| 50 \| 50 \|/);
    assert.match(md, /\| git \| n\/a \| n\/a \|/);
    assert.match(md, /Fixed in the project since the first assessment:\n\n- Ruff finds nothing \(linting\.fix-common-bugs\)$/);
  });

  it('is left out when no project was assessed', () => {
    assert.deepStrictEqual(myProjectSection({}), []);
    assert.deepStrictEqual(myProjectSection({ '/p': [] }), []);
  });
});
