// The Checklist in a real VS Code, inside its webview's frame: ticking a self-assessed
// competency (persists across a reload, shows in the tree), a pass ticking its linked
// competency with the exercise named, the keyboard, the dashboard panel across a reload,
// the learning-log export, and content with markup that must stay text. Also measures the
// view's first paint and takes the screenshots of the themes and a narrow side bar.

import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as path from 'path';
import type { Frame } from 'playwright-core';
import { type Session, screenshotFailures, startSession } from '../harness/session';
import { CHECKLIST_PAINTED, type Workbench, paneOpenings, showOpenings, waitFor } from '../harness/workbench';

const TYPING = { id: 'typing-annotate-metrics', title: 'Annotate a classification-metrics module', main: 'metrics.py' };
const VIEW = 'body[data-surface="view"] details.skill';

async function checklist(wb: Workbench): Promise<Frame> {
  await wb.openUpskill();
  await wb.expandPane('Checklist');
  return wb.webviewFrameWith(VIEW);
}

/** The competency's checkbox state and the line that says how it was met. */
async function competency(frame: Frame, key: string): Promise<{ checked: boolean; disabled: boolean; how: string }> {
  const box = frame.locator(`input[data-key="${key}"]`);
  return {
    checked: await box.isChecked(),
    disabled: await box.isDisabled(),
    how: ((await frame.locator(`li.competency:has(input[data-key="${key}"]) .how`).textContent()) ?? '').trim(),
  };
}

async function openSkill(frame: Frame, skill: string): Promise<void> {
  const details = frame.locator(`details[data-skill="${skill}"]`);
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
}

async function skillRow(wb: Workbench, label: string): Promise<string> {
  return (await wb.treeRows()).find((r) => r.label === label)?.description ?? '';
}

describe('Checklist (e2e)', function () {
  let s: Session;
  screenshotFailures(() => s);

  before(async () => {
    s = await startSession({ name: 'checklist' });
  });
  after(async () => {
    await s?.stop();
  });

  it('first paint after opening the view: in a new browser profile, and in a later window', async () => {
    await s.wb.openUpskill();
    // From the click that opens the pane to the first frame with the checklist on screen
    // (`total`), and the part of it spent in our page: from the webview document starting to
    // load to that frame (`page`). The rest is VS Code creating the webview: `made` is when
    // our host made the page (resolveWebviewView, data-made-at; VS Code keeps the page for
    // later openings), and from the marks VS Code's webview host frame (pre/index.html)
    // leaves, `content` is when the page's HTML reached that frame, `worker` how long the
    // frame then waited for VS Code's service worker: seconds the first time a browser
    // profile shows any webview (VS Code installs the worker then, for every extension),
    // little after that, in the same window or a later one.
    const fresh = await paneOpenings(s.wb, 'Checklist', CHECKLIST_PAINTED, 5);
    // A later window of the same browser profile, as every start of VS Code after the first:
    // the pane left closed, so that its first opening in the new window is a click.
    await s.wb.collapsePane('Checklist');
    await s.reload();
    await s.wb.openUpskill();
    const later = await paneOpenings(s.wb, 'Checklist', CHECKLIST_PAINTED, 1);
    console.log(`      first paint of the Checklist view, ms from the click: new browser profile, first opening ${showOpenings(fresh.slice(0, 1))}; reopened ${showOpenings(fresh.slice(1))}; a later window, first opening ${showOpenings(later)}`);
    // The figures are for reading (and `npm run bench`), not a timed assertion that flakes
    // on a loaded machine; what must hold is that every opening painted the checklist.
    for (const x of [...fresh, ...later]) assert.ok(Number.isFinite(x.total) && x.page >= 0, `a paint was recorded: ${showOpenings([x])}`);
    const frame = await s.wb.webviewFrameWith(CHECKLIST_PAINTED, 30_000);
    assert.match(await frame.locator(CHECKLIST_PAINTED).innerText(), /Competencies/);
  });

  it('ticking a self-assessed competency persists across a reload and shows in the tree', async () => {
    let frame = await checklist(s.wb);
    await openSkill(frame, 'formatting');
    assert.deepStrictEqual(await competency(frame, 'formatting.format-on-save'), { checked: false, disabled: false, how: 'Self-assessed: tick it when you can' });
    // Nothing met yet, out of however many the shipped content has (it grows).
    const before = await skillRow(s.wb, 'Formatting');
    const counts = /^0\/\d+ · 0\/(\d+) competencies$/.exec(before);
    assert.ok(counts, `the Formatting row before the tick: ${before}`);
    const oneMet = new RegExp(`· 1/${counts[1]} competencies$`);
    await frame.locator('input[data-key="formatting.format-on-save"]').click();
    await waitFor('the tick to come back from the host', async () => (await competency(frame, 'formatting.format-on-save')).how === 'Self-assessed');
    await waitFor('the tree to count it', async () => oneMet.test(await skillRow(s.wb, 'Formatting')));
    // In a browser, VS Code writes extension state to IndexedDB in batches; a person does not reload within a second.
    await s.wb.page.waitForTimeout(2000);
    await s.reload();
    frame = await checklist(s.wb);
    await openSkill(frame, 'formatting');
    await waitFor('the tick after the reload', async () => (await competency(frame, 'formatting.format-on-save')).checked);
    await waitFor('the tree after the reload', async () => oneMet.test(await skillRow(s.wb, 'Formatting')));
  });

  it('passing an exercise ticks its linked competencies and names the exercise', async () => {
    await s.wb.runCommand('Upskill: Start Exercise…');
    await s.wb.waitForQuickPick(/Start an exercise/);
    await s.wb.selectQuickPick(TYPING.title);
    await waitFor(`${TYPING.main} to open`, async () => (await s.wb.editorTabs()).includes(TYPING.main));
    await fs.cp(path.join(process.cwd(), 'resources', 'content', 'exercises', TYPING.id, 'solution'), path.join(s.workspace, 'upskill-exercises', TYPING.id), { recursive: true });
    await s.wb.runCommand('Upskill: Check Exercise');
    // The verdict: a toast when the Exercise view is hidden, else the status bar (issue 13).
    await waitFor(`"${TYPING.title}" to pass`, async () => {
      const said = [...(await s.wb.statusBarTexts()), ...(await s.wb.notifications())];
      return said.some((t) => t.includes(`"${TYPING.title}" passed`));
    }, 90_000);
    await s.wb.dismissNotifications();
    const frame = await checklist(s.wb);
    await openSkill(frame, 'typing');
    const linked = await waitFor('the linked competency to tick', async () => {
      const c = await competency(frame, 'typing.run-mypy-strict');
      return c.checked ? c : undefined;
    });
    assert.deepStrictEqual(linked, { checked: true, disabled: true, how: `Verified: "${TYPING.title}" passed` });
    assert.strictEqual((await competency(frame, 'typing.typed-data')).checked, false, 'a competency proved by an exercise not passed yet stays open');
    await waitFor('the tree to count them', async () => (await skillRow(s.wb, 'Typing')) === '1/5 · 3/8 competencies');
  });

  it('keyboard only: tab to a checkbox and tick it with Space', async () => {
    await checklist(s.wb);
    await s.wb.runCommand('Upskill: Focus on Checklist View');
    const frame = await s.wb.webviewFrameWith(VIEW);
    let key: string | undefined;
    for (let i = 0; i < 12 && !key; i++) {
      await s.wb.page.keyboard.press('Tab');
      key = await frame.evaluate(() => {
        const a = document.activeElement as HTMLInputElement | null;
        return a?.type === 'checkbox' && !a.checked ? a.dataset.key : undefined;
      });
    }
    assert.strictEqual(key, 'typing.typed-data', 'the first open competency of the open skill');
    await s.wb.page.keyboard.press('Space');
    await waitFor('the tick to come back from the host', async () => (await competency(frame, key!)).how === 'Self-assessed');
    assert.strictEqual(await frame.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.key), key, 'focus stays on the box after the update');
  });

  it('screenshots: dark, light, high contrast, and a 220 px side bar', async () => {
    await checklist(s.wb);
    await s.wb.collapsePane('Skills');
    const top = async () => (await s.wb.webviewFrameWith(VIEW)).evaluate(() => window.scrollTo(0, 0));
    await top();
    await s.wb.screenshot('checklist-dark');
    await s.wb.setTheme('light');
    await top();
    await s.wb.screenshot('checklist-light');
    await s.wb.setTheme('high-contrast');
    await top();
    await s.wb.screenshot('checklist-high-contrast');
    await s.wb.setTheme('dark');
    await s.wb.setSidebarWidth(220);
    const width = (await s.wb.page.locator('.part.sidebar').boundingBox())?.width ?? 0;
    assert.ok(width > 150 && width < 260, `side bar width ${width}`);
    const frame = await s.wb.webviewFrameWith(VIEW);
    const overflow = await frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scrolling at 220 px (overflow ${overflow} px)`);
    await top();
    await s.wb.screenshot('checklist-narrow-220');
    await s.wb.expandPane('Skills');
  });

  it('the dashboard panel shows 12 weeks against the goal and survives a reload', async () => {
    await s.wb.runCommand('Upskill: Open Dashboard');
    let frame = await s.wb.webviewFrameWith('body[data-surface="dashboard"] #weeks-chart');
    assert.strictEqual(await frame.locator('#weeks-chart rect.bar').count(), 12);
    assert.strictEqual(await frame.locator('#weeks-chart line.goal').count(), 1);
    assert.match((await frame.locator('#weeks-chart title').first().textContent()) ?? '', /goal of 10 h/);
    assert.match((await frame.locator('.tracks').textContent()) ?? '', /Production code .*to go: about \d+ weeks? at your pace/);
    await s.wb.screenshot('dashboard-dark');
    // In a browser, VS Code saves the editor layout (with the panel to restore) to IndexedDB
    // in batches, about every 5 s while the window has focus: the reload waits until the
    // saved layout holds the panel, and then it must come back through its serializer.
    await s.wb.waitForStored('the editor layout with the dashboard saved', /workbench\.parts\.editor/, /upskill\.dashboard/);
    await s.reload();
    frame = await s.wb.webviewFrameWith('body[data-surface="dashboard"] #weeks-chart', 60_000);
    assert.ok((await s.wb.editorTabs()).includes('Upskill Dashboard'));
    assert.strictEqual(await frame.locator('#weeks-chart rect.bar').count(), 12);
  });

  it('Export Learning Log writes a Markdown file that matches the progress and offers to open it', async () => {
    const target = path.join(s.workspace, 'learning-log.md');
    await s.wb.runCommand('Upskill: Export Learning Log');
    // code-server's save dialog is a quick input holding a path.
    const input = s.wb.page.locator('.quick-input-widget .quick-input-box input');
    await waitFor('the save dialog', async () => /upskill-learning-log-.*\.md$/.test(await input.inputValue().catch(() => '')));
    await input.fill(target);
    await input.press('Enter');
    await s.wb.waitForNotification(/Learning log written to learning-log\.md/);
    const log = await fs.readFile(target, 'utf8');
    assert.match(log, /- Exercises passed \(verified by checks\): 1 of \d+/);
    assert.match(log, new RegExp(`\\| ${TYPING.title} \\| \\d{4}-\\d\\d-\\d\\d \\| 1 \\| 0 of 3 \\| no \\|`));
    assert.match(log, new RegExp(`- \\[x\\] Run mypy --strict and fix what it finds without type-ignore comments: \\*\\*verified\\*\\*, the checks of "${TYPING.title}" passed`));
    assert.match(log, /- \[x\] Set the editor to format on save: \*\*self-assessed\*\*/);
    assert.match(log, /- Competencies: 3 verified, 2 self-assessed, \d+ not yet met/);
    assert.match(log, /No study time was recorded: the study timer was not running\./);
    await s.wb.clickNotificationButton(/Learning log written/, 'Open');
    await waitFor('the log to open', async () => (await s.wb.editorTabs()).some((t) => /learning-log/.test(t)));
  });

  it('content whose titles carry markup and scripts is shown as text, and no script runs', async () => {
    const marker = 'window.__upskillPwned';
    await fs.mkdir(path.join(s.workspace, '.upskill'), { recursive: true });
    await fs.writeFile(
      path.join(s.workspace, '.upskill', 'payloads.yaml'),
      `tracks:
  - id: payloads
    title: "<img src=x onerror=\\"${marker}='track'\\">Payload track"
skills:
  - id: payload-skill
    track: payloads
    title: "<script>${marker}='skill'</script>Payload skill"
    why: "<b>bold</b>"
    checklist:
      - { id: payload, text: "<svg onload=\\"${marker}='competency'\\"></svg><b>Payload</b>", selfAssessed: true }
`,
    );
    const frame = await s.wb.webviewFrameWith('details[data-skill="payload-skill"]', 60_000);
    await openSkill(frame, 'payload-skill');
    const section = frame.locator('details[data-skill="payload-skill"]');
    assert.strictEqual(((await section.locator('.skill-title').textContent()) ?? '').trim(), `<script>${marker}='skill'</script>Payload skill`);
    assert.match((await section.locator('.muted').first().textContent()) ?? '', /^<img src=x onerror=.*>Payload track · no exercises yet$/);
    assert.strictEqual(((await section.locator('.competency .text').textContent()) ?? '').trim(), `<svg onload="${marker}='competency'"></svg><b>Payload</b>`);
    const dom = await frame.evaluate(() => ({
      pwned: (window as unknown as { __upskillPwned?: string }).__upskillPwned,
      payloadScripts: Array.from(document.querySelectorAll('script')).filter((s) => (s.textContent ?? '').includes('__upskillPwned')).length,
      injected: document.querySelectorAll('img, b, #root svg, [onerror], [onload]').length,
    }));
    assert.deepStrictEqual(dom, { pwned: undefined, payloadScripts: 0, injected: 0 });
    await fs.rm(path.join(s.workspace, '.upskill', 'payloads.yaml'));
  });
});
