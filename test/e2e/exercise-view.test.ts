// The Exercise view in the real workbench, with the side bar open, at 1400×900 and at
// 1000×700: Start Exercise leaves the code the whole editor (at least 80 columns at 1400 px)
// and shows the instructions in the view; hints appear there, rendered; the exercise
// terminal runs in the exercise folder; a second check compares with the first; and
// instructions carrying markup and script payloads render as text, with no script run.

import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as path from 'path';
import { type Session, screenshotFailures, startSession } from '../harness/session';
import { EXERCISE_PAINTED, exercisePaintedAt, paintedAt, paneOpenings, showOpenings, waitFor } from '../harness/workbench';

const ID = 'typing-annotate-metrics';
const TITLE = 'Annotate a classification-metrics module';

const PAYLOAD_TRACK = `tracks:
  - id: payloads
    title: Payloads
    summary: Hostile instructions.
    skills: [payload-skill]
skills:
  - id: payload-skill
    track: payloads
    title: Payload skill
    why: Instructions are input too.
exercises:
  - id: payload-exercise
    skill: payload-skill
    title: Payload exercise
    difficulty: beginner
    kind: scaffold
    instructions: payload.md
    starter: payload-starter
    main: notes.py
    hints:
      - "A hint with <script>document.body.setAttribute('data-pwned', 'hint')</script> and \`code\`."
    checks: [{ type: pytest }]
`;

const PAYLOAD_README = `# Payload exercise

Plain words before the payloads.

<script>document.body.setAttribute('data-pwned', 'script')</script>

<img src="x" onerror="document.body.setAttribute('data-pwned', 'img')">

<a href="javascript:document.body.setAttribute('data-pwned', 'link')">a javascript link</a>

<div onclick="document.body.setAttribute('data-pwned', 'click')">click me</div>

<iframe src="https://example.invalid/"></iframe>

Plain words after the payloads.
`;

/** Starts an exercise from the palette; resolves with the time of the click that starts it. */
async function startFromPalette(s: Session, title: string): Promise<number> {
  await s.wb.runCommand('Upskill: Start Exercise…');
  await s.wb.waitForQuickPick(/Start an exercise/);
  return s.wb.selectQuickPick(title);
}

/** The code opens alone (no README tab beside it), with the keyboard in it. */
async function waitForCodeFullWidth(s: Session, file: string): Promise<void> {
  await waitFor(`${file} to open on its own`, async () => (await s.wb.activeEditorTitle()) === file);
  const tabs = await s.wb.editorTabs();
  assert.ok(!tabs.some((t) => /README|payload\.md|Preview/.test(t)), `no instructions tab beside the code: ${tabs.join(', ')}`);
  assert.strictEqual(await s.wb.page.locator('.editor-group-container').count(), 1, 'one editor group: the code has the whole editor');
}

describe('Exercise view at 1400×900 (e2e)', function () {
  let s: Session;
  screenshotFailures(() => s);
  const folder = () => path.join(s.workspace, 'upskill-exercises', ID);

  before(async () => {
    s = await startSession({
      name: 'panel-wide',
      width: 1400,
      height: 900,
      files: { '.upskill/payloads.yaml': PAYLOAD_TRACK, '.upskill/payload.md': PAYLOAD_README, '.upskill/payload-starter/notes.py': 'NOTE = "x"\n' },
    });
    await s.wb.openUpskill();
  });
  after(async () => {
    await s?.stop();
  });

  it('Start Exercise gives the code the whole editor (80+ columns) and shows the instructions in the view', async () => {
    const started = await startFromPalette(s, TITLE);
    // The first paint of the view, from the click that starts the exercise (the starter is
    // copied, the code opens, then the view is made and shows the exercise at once).
    const { at, page, made } = await paintedAt(s.wb, EXERCISE_PAINTED, 60_000);
    const shown = await exercisePaintedAt(s.wb, ID, 60_000);
    console.log(`      first paint of the Exercise view, ms from the click on Start Exercise: the exercise ${shown - started}; the view's first paint ${at - started} (page made by the host at ${made - started}, page ${page})`);
    assert.ok(shown >= started && page >= 0, `the exercise was painted after the click: ${shown - started} ms`);
    await waitForCodeFullWidth(s, 'metrics.py');
    const columns = await waitFor('the editor to lay out', async () => ((await s.wb.visibleEditorColumns()) || undefined));
    assert.ok(columns >= 80, `the code editor shows ${columns} columns`);
    const text = await s.wb.waitForExerciseView(/Your goal/);
    assert.match(text, new RegExp(TITLE));
    assert.match(text, /Typing · beginner · about 20 min · in progress/);
    const frame0 = await s.wb.exerciseView();
    assert.match((await frame0.locator('.why').textContent()) ?? '', /a wrong argument type there gives a wrong number, not an error/, 'why it matters, under the title');
    assert.match(text, /python -m mypy --strict metrics\.py/, 'the instructions, rendered');
    const frame = await s.wb.exerciseView();
    assert.ok((await frame.locator('.instructions pre code').count()) > 0, 'code blocks are rendered as code');
    await s.wb.screenshot('exercise-view-1400-dark');
  });

  it('first paint of the Exercise view when it is opened again', async () => {
    const again = await paneOpenings(s.wb, 'Exercise', EXERCISE_PAINTED, 3);
    console.log(`      first paint of the Exercise view, ms from the click that opens it again: ${showOpenings(again)}`);
    for (const x of again) assert.ok(Number.isFinite(x.total) && x.page >= 0, `a paint was recorded: ${showOpenings([x])}`);
    // Painted with the exercise at once, not with "Loading the exercise…".
    assert.match(await (await s.wb.exerciseView()).locator('main').innerText(), new RegExp(TITLE));
  });

  it('two Show Hint put the two hints in the view, rendered', async () => {
    await s.wb.runCommand('Upskill: Show Hint');
    await s.wb.waitForExerciseView(/Hint 1 of 3/);
    await s.wb.runCommand('Upskill: Show Hint');
    const text = await s.wb.waitForExerciseView(/Hint 2 of 3/);
    assert.ok(!/Hint 3 of 3/.test(text), 'only the hints asked for');
    const frame = await s.wb.exerciseView();
    assert.strictEqual(await frame.locator('.hints li').count(), 2);
    assert.ok((await frame.locator('.hints code').count()) >= 2, 'backticks became code');
    assert.ok(!/`/.test((await frame.locator('.hints').innerText()) ?? ''), 'no raw backticks');
    assert.strictEqual((await s.wb.notifications()).filter((n) => /Hint/.test(n)).length, 0, 'no hint toasts');
  });

  it('Open Exercise Terminal runs commands in the exercise folder', async () => {
    await s.wb.runCommand('Upskill: Open Exercise Terminal');
    const terminal = s.wb.page.locator('.terminal-wrapper.active .xterm, .terminal .xterm').first();
    await terminal.waitFor({ timeout: 30_000 });
    const marker = path.join(folder(), 'terminal-marker.txt');
    await waitFor('the command to write its file in the exercise folder', async () => {
      await terminal.click();
      await s.wb.page.keyboard.type('pwd > terminal-marker.txt');
      await s.wb.page.keyboard.press('Enter');
      await new Promise((r) => setTimeout(r, 1500));
      return fs.readFile(marker, 'utf8').catch(() => undefined);
    }, 45_000, 500);
    assert.strictEqual((await fs.readFile(marker, 'utf8')).trim(), folder());
    await fs.rm(marker);
  });

  it('a check, a partial fix and a check show how the count changed: "(was N)"', async () => {
    await s.wb.openFile(`upskill-exercises/${ID}/metrics.py`);
    await s.wb.runCommand('Upskill: Check Exercise');
    const first = await s.wb.waitForExerciseView(/Last check:[\s\S]*\d+ type problems/, 120_000);
    const before = Number(/(\d+) type problems/.exec(first)?.[1]);
    assert.match(first, /You are meant to change metrics\.py/, 'the first check names the file to change');
    assert.match(first, /in files you are not asked to edit \(test_metrics\.py\)/);
    const frame = await s.wb.exerciseView();
    assert.ok((await frame.locator('.findings .help').count()) > 0, 'plain-language help under the findings');
    assert.ok(!(await s.wb.notifications()).some((n) => /did not pass/.test(n) && n.length > 120), 'no long toast');
    await s.wb.screenshot('exercise-view-check-1400-dark');

    // A partial fix, typed in the editor: one function annotated.
    const file = path.join(folder(), 'metrics.py');
    const partial = (await fs.readFile(file, 'utf8')).replace('def safe_divide(numerator, denominator):', 'def safe_divide(numerator: float, denominator: float) -> float:');
    await s.wb.openFile(`upskill-exercises/${ID}/metrics.py`);
    await s.wb.replaceEditorText(partial);
    await waitFor('the partial fix to be saved', async () => (await fs.readFile(file, 'utf8')) === partial);
    await s.wb.waitForExerciseView(/may be out of date/);
    await s.wb.runCommand('Upskill: Check Exercise');
    const second = await s.wb.waitForExerciseView(new RegExp(`\\d+ type problems \\(was ${before}\\)`), 120_000);
    const after = Number(/(\d+) type problems \(was/.exec(second)?.[1]);
    assert.ok(after < before, `${after} < ${before}`);
    assert.ok(!/may be out of date/.test(second), 'fresh again');
    await s.wb.setTheme('light');
    await s.wb.screenshot('exercise-view-check-1400-light');
    await s.wb.setTheme('dark');
  });

  it('instructions with markup and script payloads render as text, and no script runs', async () => {
    await startFromPalette(s, 'Payload exercise');
    await waitForCodeFullWidth(s, 'notes.py');
    const text = await s.wb.waitForExerciseView(/Plain words after the payloads/);
    assert.match(text, /<script>document\.body\.setAttribute/, 'the script tag shows as text');
    assert.match(text, /<img src="x" onerror=/, 'the image tag shows as text');
    await s.wb.runCommand('Upskill: Show Hint');
    await s.wb.waitForExerciseView(/Hint 1 of 1/);
    const frame = await s.wb.exerciseView();
    await frame.locator('text=click me').click();
    await frame.locator('text=a javascript link').click();
    await new Promise((r) => setTimeout(r, 1000));
    const probe = await frame.evaluate(() => ({
      pwned: document.body.getAttribute('data-pwned'),
      // VS Code adds a script of its own to every webview: none of them carries the payload.
      scripts: Array.from(document.scripts).filter((el) => (el.textContent ?? '').includes('pwned')).length,
      images: document.images.length,
      iframes: document.querySelectorAll('iframe').length,
      handlers: Array.from(document.querySelectorAll('*')).filter((el) => Array.from(el.attributes).some((a) => a.name.startsWith('on'))).length,
      hrefs: Array.from(document.querySelectorAll('a[href]')).map((a) => a.getAttribute('href')).filter((h) => h !== '#'),
    }));
    assert.deepStrictEqual(probe, { pwned: null, scripts: 0, images: 0, iframes: 0, handlers: 0, hrefs: [] });
    await s.wb.screenshot('exercise-view-payloads');
  });
});

describe('Exercise view at 1000×700 (e2e)', function () {
  let s: Session;
  screenshotFailures(() => s);

  before(async () => {
    s = await startSession({ name: 'panel-narrow', width: 1000, height: 700 });
    await s.wb.openUpskill();
  });
  after(async () => {
    await s?.stop();
  });

  it('Start Exercise keeps the code alone in the editor and the instructions readable in the view', async () => {
    await startFromPalette(s, TITLE);
    await waitForCodeFullWidth(s, 'metrics.py');
    const columns = await waitFor('the editor to lay out', async () => ((await s.wb.visibleEditorColumns()) || undefined));
    assert.ok(columns >= 50, `the code editor shows ${columns} columns`);
    await s.wb.waitForExerciseView(/Your goal/);
    await s.wb.runCommand('Upskill: Show Hint');
    await s.wb.waitForExerciseView(/Hint 1 of 3/);
    await s.wb.screenshot('exercise-view-1000-dark');
    await s.wb.setTheme('light');
    await s.wb.screenshot('exercise-view-1000-light');
  });

  it('clicking a not-started exercise in the tree shows it in the view with Start, not as a tab', async () => {
    const tabsBefore = await s.wb.editorTabs();
    await s.wb.expand('Formatting');
    await s.wb.treeRow('Format a training config, then review a pull request that hides two changes in formatting noise').click();
    const text = await s.wb.waitForExerciseView(/Format a training config, then review a pull request that hides two changes in formatting noise[\s\S]*Start Exercise/);
    assert.match(text, /not started/);
    assert.deepStrictEqual(await s.wb.editorTabs(), tabsBefore, 'no new editor tab');
  });

  it("the view's buttons act on the exercise on show: Start starts it, Hint shows its first hint", async () => {
    const frame = await s.wb.exerciseView();
    // Every toolbar the page shows from the click on: while the files are copied the view
    // already shows the exercise, and its Start button must not start it a second time.
    // Watching starts once the page has been still for 300 ms, so that no earlier drawing is counted.
    await frame.locator('#root').evaluate(
      (root) =>
        new Promise<void>((resolve) => {
          const seen: string[] = [];
          (window as unknown as { toolbars: string[] }).toolbars = seen;
          let watching = false;
          const settle = () =>
            setTimeout(() => {
              seen.length = 0;
              watching = true;
              resolve();
            }, 300);
          let still = settle();
          new MutationObserver(() => {
            seen.push(Array.from(root.querySelectorAll('.toolbar button')).map((b) => `${b.textContent}${(b as HTMLButtonElement).disabled ? ' (disabled)' : ''}`).join(' | '));
            if (watching) return;
            clearTimeout(still);
            still = settle();
          }).observe(root, { childList: true, subtree: true });
        }),
    );
    await frame.locator('button[data-action="start"]').click();
    await s.wb.waitForExerciseView(/Format a training config, then review a pull request that hides two changes in formatting noise[\s\S]*in progress/);
    const toolbars = await frame.locator('#root').evaluate(() => (window as unknown as { toolbars: string[] }).toolbars);
    assert.ok(toolbars.length > 0, 'the view was drawn again after the click');
    assert.deepStrictEqual(toolbars.filter((t) => /Start Exercise(?! \(disabled\))/.test(t)), [], `an enabled Start after the click: ${JSON.stringify(toolbars)}`);
    assert.ok(toolbars.every((t) => !t.includes('Starting…') || t.includes('Starting… (disabled)')), JSON.stringify(toolbars));
    assert.match(toolbars[toolbars.length - 1], /^Check \|/);
    await frame.locator('button[data-action="hint"]').click();
    await s.wb.waitForExerciseView(/Hint 1 of \d/);
  });
});
