// The Skills tree in a real VS Code: the container, the shipped content, a broken user
// track reported with file and line, and a fix picked up without a reload.

import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as path from 'path';
import { type Session, screenshotFailures, startSession } from '../harness/session';
import { waitFor } from '../harness/workbench';

const TRACKS = ['Production code', 'Engineering foundations', 'ML engineering'];
const SKILLS = [
  'Typing', 'Linting', 'Formatting', 'Unit testing', 'Mocking', 'CI/CD',
  'Command line', 'Git & GitHub', 'Data structures & algorithms', 'From notebook to module',
  'Cloud & deployment', 'ML fundamentals',
];

const BROKEN = `tracks:
  - id: my-team
    title: My team
    summary: Team practices.
    skills: [team-review]
skills:
  - id: team-review
    track: my-team
    title: Code review
    why: 42
`;

const FIXED = BROKEN.replace('why: 42', 'why: Reviews catch bugs early.\n    checklist:\n      - { id: review-pr, text: Review a pull request }');

describe('Skills tree (e2e)', function () {
  let s: Session;
  screenshotFailures(() => s);

  before(async () => {
    s = await startSession({ name: 'tree' });
  });
  after(async () => {
    await s?.stop();
  });

  it('the Upskill icon opens the container with the Skills, Exercise and Checklist views', async () => {
    await s.wb.openUpskill();
    const titles = (await s.wb.sidebarViewTitles()).map((t) => t.toLowerCase());
    assert.ok(titles.includes('skills'), `views: ${titles.join(', ')}`);
    assert.ok(titles.includes('checklist'), `views: ${titles.join(', ')}`);
    assert.deepStrictEqual(titles.filter((t) => ['skills', 'exercise', 'checklist'].includes(t)), ['skills', 'exercise', 'checklist'], 'the Exercise view sits between them');
    // The tree tests below want the side bar's height for the tree.
    await s.wb.collapsePane('Exercise');
    await s.wb.collapsePane('Checklist');
  });

  it('shows the three tracks and the twelve shipped skills', async () => {
    await s.wb.openUpskill();
    const rows = await waitFor('the three tracks', async () => {
      const r = await s.wb.treeRows();
      return TRACKS.every((t) => r.some((x) => x.label === t)) ? r : undefined;
    });
    const skills = rows.filter((r) => SKILLS.includes(r.label)).map((r) => r.label);
    assert.deepStrictEqual(skills, SKILLS, 'tracks are expanded by default and list their skills in order');
    const typing = rows.find((r) => r.label === 'Typing');
    assert.match(typing?.description ?? '', /^\d+\/\d+ · \d+\/\d+ competencies$/, 'a skill shows its progress');
    await s.wb.screenshot('tree-dark');
  });

  it("an exercise's hover says its state, difficulty and tags (made when hovered, not with the tree)", async () => {
    await s.wb.expand('Typing');
    const first = await waitFor('the exercises of Typing', async () => {
      const rows = await s.wb.treeRows();
      const typing = rows.findIndex((r) => r.label === 'Typing');
      const next = rows[typing + 1];
      return typing >= 0 && next?.level === rows[typing].level + 1 ? next : undefined;
    });
    await s.wb.treeRow(first.label).hover();
    const hover = s.wb.page.locator('.monaco-hover').filter({ hasText: first.label }).first();
    await hover.waitFor({ timeout: 15_000 });
    assert.match((await hover.textContent()) ?? '', /not started · (beginner|intermediate|advanced)/);
    await s.wb.screenshot('tree-exercise-hover');
    await s.wb.page.mouse.move(0, 0);
    await s.wb.collapse('Typing');
  });

  it('a broken user track shows its error with file, line and column; shipped content still shows', async () => {
    // Give the Skills view the whole side bar so every track is on screen (rows off screen are not rendered).
    await s.wb.collapsePane('Checklist');
    await fs.mkdir(path.join(s.workspace, '.upskill'), { recursive: true });
    await fs.writeFile(path.join(s.workspace, '.upskill', 'team.yaml'), BROKEN);
    const problem = await waitFor('the content problem in the tree', async () => {
      const rows = await s.wb.treeRows();
      return rows.find((r) => r.label.startsWith('.upskill/team.yaml:'));
    }, 30_000);
    assert.strictEqual(problem.label, '.upskill/team.yaml:10:10');
    assert.strictEqual(problem.description, 'skills[0].why: expected a string, got a number');
    const rows = await s.wb.treeRows();
    for (const t of TRACKS) assert.ok(rows.some((r) => r.label === t), `${t} still shows`);
    assert.ok(!rows.some((r) => r.label === 'My team'), 'the broken file contributes nothing');
    await s.wb.screenshot('tree-content-error');
  });

  it('fixing the file updates the tree without a reload', async () => {
    await fs.writeFile(path.join(s.workspace, '.upskill', 'team.yaml'), FIXED);
    const rows = await waitFor('the fixed user track', async () => {
      const r = await s.wb.treeRows();
      return r.some((x) => x.label === 'My team') && !r.some((x) => x.label.startsWith('.upskill/')) ? r : undefined;
    }, 30_000);
    const team = rows.find((r) => r.label === 'My team');
    assert.match(team?.description ?? '', /workspace\/\.upskill/, 'a user track is marked with its source');
    await s.wb.expand('My team');
    await waitFor('the user skill', async () => (await s.wb.treeRows()).some((r) => r.label === 'Code review'));
  });

  it('collapsed and expanded tracks stay so after a window reload', async () => {
    await s.wb.collapse('Production code');
    await waitFor('Production code to collapse', async () => (await s.wb.treeRows()).find((r) => r.label === 'Production code')?.expanded === false);
    // In a browser, VS Code writes extension state to IndexedDB in batches; a person does not reload within a second.
    await s.wb.page.waitForTimeout(2000);
    await s.reload();
    await s.wb.openUpskill();
    const rows = await waitFor('the tree after the reload', async () => {
      const r = await s.wb.treeRows();
      return r.some((x) => x.label === 'Engineering foundations') ? r : undefined;
    });
    assert.strictEqual(rows.find((r) => r.label === 'Production code')?.expanded, false, 'still collapsed');
    assert.strictEqual(rows.find((r) => r.label === 'Engineering foundations')?.expanded, true, 'still expanded');
    assert.ok(!rows.some((r) => r.label === 'Typing'), 'the collapsed track hides its skills');
    await s.wb.expand('Production code');
  });

  it('the Checklist view shows its summary in a webview; light theme and a narrow side bar stay readable', async () => {
    await s.wb.expandPane('Checklist');
    const frame = s.wb.webviewFrame();
    const summary = await waitFor('the checklist overview', async () => {
      const text = (await frame.locator('.overview').textContent({ timeout: 1000 }).catch(() => '')) ?? '';
      return /\d+ of \d+ exercises passed/.test(text) ? text : undefined;
    }, 30_000);
    assert.match(summary, /0 of \d+ exercises passed/);
    assert.ok((await frame.locator('details.skill').count()) >= 12, 'every skill has its section');
    await s.wb.setTheme('light');
    await s.wb.setSidebarWidth(220);
    const width = (await s.wb.page.locator('.part.sidebar').boundingBox())?.width ?? 0;
    assert.ok(width > 150 && width < 260, `side bar width ${width}`);
    await s.wb.collapsePane('Checklist');
    const rows = await s.wb.treeRows();
    assert.ok(rows.some((r) => r.label === 'Typing'), 'skills still listed in a narrow side bar');
    await s.wb.screenshot('tree-light-narrow');
    await s.wb.expandPane('Checklist');
    // The webview is rebuilt when its pane opens again; it says the same.
    await waitFor('the checklist overview again', async () => /exercises passed/.test((await s.wb.webviewFrame().locator('.overview').textContent({ timeout: 1000 }).catch(() => '')) ?? ''), 30_000);
    await s.wb.screenshot('checklist-light-narrow');
  });
});
