// The learner's own Python in the real workbench: an interpreter without pytest and mypy (a
// venv made without the system's packages) makes a check stop as a setup problem, with no
// attempt recorded; Check Environment names what is missing for that interpreter, and its
// offline fix makes a .venv that reuses the system's packages, selects it, and the next look
// finds everything; a keybinding then checks the exercise for real. And the walkthrough:
// it opens on the first start, and its steps complete only after the real actions.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Frame } from 'playwright-core';
import { type Session, screenshotFailures, startSession } from '../harness/session';
import { CHECKLIST_PAINTED, EXERCISE_PAINTED, type Workbench, exercisePaintedAt, paintedAt, paneOpenings, showOpenings, waitFor } from '../harness/workbench';

const ID = 'typing-annotate-metrics';
const TITLE = 'Annotate a classification-metrics module';
const THEMES = ['dark', 'light', 'high-contrast'] as const;

async function startExercise(wb: Workbench): Promise<void> {
  await wb.runCommand('Upskill: Start Exercise…');
  await wb.waitForQuickPick(/Start an exercise/);
  await wb.selectQuickPick(TITLE);
  await waitFor('metrics.py to open', async () => (await wb.activeEditorTitle()) === 'metrics.py');
}

/** Upskill: Export Progress into the workspace; the exercise's stored progress. */
async function storedProgress(s: Session, name: string): Promise<{ state: string; attempts: number }> {
  const target = path.join(s.workspace, `${name}.json`);
  await s.wb.runCommand('Upskill: Export Progress');
  // code-server's save dialog is a quick input holding a path.
  const input = s.wb.page.locator('.quick-input-widget .quick-input-box input');
  await waitFor('the save dialog', async () => /upskill-progress-.*\.json$/.test(await input.inputValue().catch(() => '')));
  await input.fill(target);
  await input.press('Enter');
  await s.wb.waitForNotification(/Progress exported/);
  const exported = JSON.parse(await fs.readFile(target, 'utf8')) as { data: { exercises: Record<string, { state: string; attempts: number }> } };
  return exported.data.exercises[ID];
}

async function environmentFrame(wb: Workbench, pattern: RegExp, timeoutMs = 60_000): Promise<{ frame: Frame; text: string }> {
  return waitFor(`the Environment panel to match ${pattern}`, async () => {
    const frame = await wb.webviewFrameWith('body[data-surface="environment"] table.tools', 5_000).catch(() => undefined);
    const text = frame ? await frame.locator('main').innerText({ timeout: 1000 }).catch(() => '') : '';
    return frame && pattern.test(text) ? { frame, text } : undefined;
  }, timeoutMs);
}

describe('Your Python: setup problems and Check Environment (e2e)', function () {
  let s: Session;
  let bare: string;
  let bareDir: string;
  screenshotFailures(() => s);
  const exercisesVenv = () => path.join(s.workspace, 'upskill-exercises', '.venv');

  before(async () => {
    // A venv made without the system's packages: Python runs, pytest and mypy are missing.
    bareDir = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-bare-venv-'));
    const made = spawnSync('/usr/bin/python3', ['-m', 'venv', '--without-pip', path.join(bareDir, 'venv')], { encoding: 'utf8' });
    assert.strictEqual(made.status, 0, made.stderr);
    bare = path.join(bareDir, 'venv', 'bin', 'python');
    s = await startSession({ name: 'environment', settings: { 'upskill.pythonPath': bare } });
    await s.wb.openUpskill();
  });
  after(async () => {
    await s?.stop();
    await fs.rm(bareDir, { recursive: true, force: true }).catch(() => undefined);
  });

  it('an exercise checked with a missing tool shows a setup message, not a failure, and records no attempt', async () => {
    await startExercise(s.wb);
    await s.wb.runCommand('Upskill: Check Exercise');
    const note = await s.wb.waitForNotification(/cannot be checked yet/, 90_000);
    assert.match(note, /pytest, mypy missing for /);
    assert.ok(note.includes(bare), note);
    assert.match(note, /a virtual environment, from setting upskill\.pythonPath/);
    assert.match(note, /setup problem, not your solution: no attempt was recorded/);
    const toast = s.wb.page.locator('.notifications-toasts .notification-toast', { hasText: /cannot be checked yet/ }).first();
    const buttons = (await toast.locator('.monaco-button').allTextContents()).map((t) => t.trim());
    assert.deepStrictEqual(buttons, ['Install with pip', 'Use System Packages', 'Check Environment']);
    await s.wb.screenshot('setup-problem-before-check');
    // No verdict: the Exercise view has no result, and the stored progress no attempt.
    const view = await s.wb.waitForExerciseView(new RegExp(TITLE));
    assert.doesNotMatch(view, /Last check/);
    const progress = await storedProgress(s, 'after-setup-problem');
    assert.strictEqual(progress.state, 'started');
    assert.strictEqual(progress.attempts, 0);
    await s.wb.dismissNotifications();
  });

  it('Check Environment names the interpreter, why it was chosen, and the packages it lacks', async () => {
    await s.wb.runCommand('Upskill: Check Environment');
    const { text } = await environmentFrame(s.wb, /Tools[\s\S]*bash/);
    assert.ok(text.includes(bare), text);
    assert.match(text, /Kind\s+virtual environment \(venv\)/);
    assert.match(text, /Chosen by\s+setting upskill\.pythonPath/);
    assert.match(text, /pytest \(Python package\)\s+✗ missing\s+\d+ exercises?:/);
    assert.match(text, /mypy \(Python package\)\s+✗ missing/);
    assert.match(text, /Ruff \(Python package\)\s+– not installed \(optional\)/);
    assert.match(text, /git \(program\)\s+✓ \d+\.\d+/);
    assert.match(text, /Something the exercises need is missing/);
    assert.ok(text.includes(`${bare} -m pip install pytest pytest-mock mypy numpy pandas`), text);
    assert.ok(text.includes(`/usr/bin/python3.11 -m venv --system-site-packages ${exercisesVenv()}`), text);
    for (const theme of THEMES) {
      await s.wb.setTheme(theme);
      await environmentFrame(s.wb, /✗ missing/);
      const shot = await s.wb.screenshot(`check-environment-missing-${theme}`);
      // The README's picture: `UPSKILL_UPDATE_SCREENSHOT=1 npm run test:e2e` refreshes it.
      if (theme === 'dark' && process.env.UPSKILL_UPDATE_SCREENSHOT) await fs.copyFile(shot, path.join(process.cwd(), 'docs', 'check-environment.png'));
    }
    await s.wb.setTheme('dark');
  });

  it("its offline fix makes a .venv that reuses the system's packages, selects it, and the next look finds everything", async () => {
    const { frame } = await environmentFrame(s.wb, /Use System Packages/);
    await frame.locator('button', { hasText: 'Use System Packages' }).click();
    // venv writes its configuration twice: the system's packages are switched on at the end.
    const cfg = await waitFor(
      'the exercises .venv with the system site-packages',
      async () => {
        const text = await fs.readFile(path.join(exercisesVenv(), 'pyvenv.cfg'), 'utf8').catch(() => '');
        return /include-system-site-packages = true/.test(text) ? text : undefined;
      },
      120_000,
    );
    assert.match(cfg, /command = \S+ -m venv --system-site-packages /);
    const settings = await waitFor('the workspace setting', async () => {
      const text = await fs.readFile(path.join(s.workspace, '.vscode', 'settings.json'), 'utf8').catch(() => '');
      return text.includes('upskill.pythonPath') ? JSON.parse(text) : undefined;
    });
    assert.strictEqual(settings['upskill.pythonPath'], path.join(exercisesVenv(), 'bin', 'python'));
    const { text } = await environmentFrame(s.wb, /Everything the exercises need is installed/, 90_000);
    assert.ok(text.includes(path.join(exercisesVenv(), 'bin', 'python')), text);
    assert.match(text, /Kind\s+virtual environment \(venv, with the system site-packages\)/);
    assert.match(text, /pytest \(Python package\)\s+✓ \d+\./);
    assert.doesNotMatch(text, /✗ missing/);
    // The terminal it ran in shows the commands.
    assert.ok((await s.wb.page.locator('.terminal-tabs-entry, .single-terminal-tab, .terminal-wrapper').count()) > 0, 'the fix terminal');
    for (const theme of THEMES) {
      await s.wb.setTheme(theme);
      await environmentFrame(s.wb, /Everything the exercises need is installed/);
      await s.wb.screenshot(`check-environment-ready-${theme}`);
    }
    await s.wb.setTheme('dark');
  });

  it('a keybinding (Ctrl+Alt+K) in the exercise file checks it, with the new interpreter, and records the attempt', async () => {
    await s.wb.openFile(`upskill-exercises/${ID}/metrics.py`);
    // The key works in an exercise's file with the keyboard in the editor (`upskill.inExercise
    // && editorTextFocus`). The extension sets the context key a moment after the editor
    // changes (the editor-title Check button shows with it), and the fix terminal of the test
    // before may still hold the keyboard: wait for the one, click into the text for the other,
    // as a learner would. A cold CI run pressed the key before both, and nothing ran.
    await waitFor('the Check button on metrics.py', async () => (await s.wb.editorTitleActions()).some((a) => a.startsWith('Check Exercise')), 60_000);
    await s.wb.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await s.wb.page.keyboard.press('Control+Alt+k');
    await s.wb.waitForExerciseView(/Last check: \d of \d checks? did not pass/, 120_000);
    const progress = await storedProgress(s, 'after-check');
    assert.strictEqual(progress.attempts, 1);
  });

  it('"How was this checked?" shows the interpreter, the tool versions and the exact commands', async () => {
    const frame = await s.wb.exerciseView();
    await frame.locator('details.how > summary').click();
    const how = await waitFor('the commands', async () => {
      const text = (await frame.locator('details.how').innerText({ timeout: 1000 }).catch(() => '')) ?? '';
      return /-m mypy/.test(text) ? text : undefined;
    });
    const venvPython = path.join(exercisesVenv(), 'bin', 'python');
    assert.ok(how.includes(`Interpreter: ${venvPython} (Python 3.`), how);
    assert.match(how, /Tools: pytest \d+\.[\d.]+, pytest-mock [\d.]+, mypy [\d.]+/);
    assert.ok(how.includes(`${venvPython} -P -m mypy`), how);
    assert.match(how, /exit 1, \d+ ms/);
    for (const theme of THEMES) {
      await s.wb.setTheme(theme);
      await s.wb.screenshot(`how-was-this-checked-${theme}`);
    }
    await s.wb.setTheme('dark');
  });

  it('an interpreter chosen in the settings that does not start is a setup problem, not a fall-back to python3', async () => {
    await s.wb.dismissNotifications();
    const broken = path.join(s.home, 'no-such-venv', 'bin', 'python');
    await fs.writeFile(path.join(s.workspace, '.vscode', 'settings.json'), JSON.stringify({ 'upskill.pythonPath': broken }, null, 2));
    await s.wb.openFile(`upskill-exercises/${ID}/metrics.py`);
    await s.wb.runCommand('Upskill: Check Exercise');
    const note = await s.wb.waitForNotification(/cannot be checked yet/, 60_000);
    assert.ok(note.includes(`${broken} (from setting upskill.pythonPath) does not start`), note);
    assert.match(note, /no attempt was recorded/);
    assert.strictEqual((await storedProgress(s, 'after-broken')).attempts, 1, 'still the one real check');
  });
});

describe('The Get Started walkthrough (e2e)', function () {
  let s: Session;
  screenshotFailures(() => s);

  before(async () => {
    // A first start, with walkthroughs allowed to open by themselves (the harness turns that off elsewhere).
    s = await startSession({ name: 'walkthrough', settings: { 'workbench.welcomePage.walkthroughs.openOnInstall': true } });
  });
  after(async () => {
    await s?.stop();
  });

  const stepDone = async (title: string) =>
    s.wb.page
      .locator('.getting-started-step', { hasText: title })
      .first()
      .evaluate((el) => el.querySelector('.codicon-getting-started-step-checked, .codicon-pass-filled') !== null || el.classList.contains('complete'))
      .catch(() => false);

  it('opens on the first start, its steps not done yet', async () => {
    const page = s.wb.page.locator('.gettingStartedContainer');
    await waitFor('the walkthrough', async () => /Get started with Upskill/.test((await page.textContent({ timeout: 1000 }).catch(() => '')) ?? ''), 60_000);
    assert.strictEqual(await stepDone('Check your Python'), false);
    assert.strictEqual(await stepDone('Plan your study week'), false);
    for (const theme of THEMES) {
      await s.wb.setTheme(theme);
      // The step's Markdown is drawn in a webview of its own, after the list.
      await waitFor('the step Markdown', async () => {
        for (const frame of s.wb.page.frames()) {
          if (/Upskill checks every exercise with/.test((await frame.locator('body').innerText({ timeout: 500 }).catch(() => '')) ?? '')) return true;
        }
        return false;
      });
      await s.wb.screenshot(`walkthrough-${theme}`);
    }
    await s.wb.setTheme('dark');
  });

  it("a first start's first Checklist: first paint after the walkthrough that opened by itself", async () => {
    // A new learner's first webview is the walkthrough's step Markdown (the test above waited
    // for it), and with it VS Code's service worker, installed once per browser profile: the
    // Checklist opened next is the first time the learner sees it.
    await s.wb.openUpskill();
    const [first] = await paneOpenings(s.wb, 'Checklist', CHECKLIST_PAINTED, 1);
    console.log(`      first paint of the Checklist view on a first start, after the walkthrough, ms from the click: ${showOpenings([first])}`);
    assert.ok(Number.isFinite(first.total) && first.page >= 0, `a paint was recorded: ${showOpenings([first])}`);
    // The side bar closed again, as on a first start, so that the Exercise view is first made
    // when the learner's first exercise starts (the test of that step times its first paint).
    await s.wb.runCommand('View: Close Primary Side Bar');
    await waitFor('the Exercise view to go', async () => !(await s.wb.page.locator('.part.sidebar').isVisible()), 10_000);
  });

  it('a step completes only after the real action: the timer step once the timer runs', async () => {
    await s.wb.runCommand('Upskill: Start Study Timer');
    await s.wb.runCommand('Upskill: Get Started');
    await waitFor('the timer step to be done', () => stepDone('Plan your study week'), 30_000);
    assert.strictEqual(await stepDone('Check your Python'), false, 'not done by anything but Check Environment');
  });

  it('the first-exercise step asks what the learner does most, recommends a path, and completes on a real start', async () => {
    await s.wb.runCommand('Upskill: Start Your First Exercise…');
    await s.wb.waitForQuickPick(/What do you do most/);
    assert.deepStrictEqual((await s.wb.quickPickItems()).map((i) => i.label), ['Notebooks', 'Pipelines', 'Models in production']);
    assert.strictEqual(await stepDone('Start your first exercise'), false);
    await s.wb.selectQuickPick('Notebooks');
    await s.wb.waitForQuickPick(/A path for notebooks/);
    const steps = await s.wb.quickPickItems();
    assert.match(steps[0].description, /^recommended · From notebook to module · beginner/);
    assert.ok(steps.length >= 3, JSON.stringify(steps));
    await s.wb.screenshot('get-started-path');
    const clicked = await s.wb.selectQuickPick(steps[0].label);
    // The first paint of the Exercise view on a first start, from the click that starts the
    // learner's first exercise (its files are copied and its notebook opens on the way).
    const shown = await exercisePaintedAt(s.wb, 'notebook-to-module-extract', 90_000);
    const { at, page, made } = await paintedAt(s.wb, EXERCISE_PAINTED, 10_000);
    console.log(`      first paint of the Exercise view on a first start, ms from the click that starts the first exercise: the exercise ${shown - clicked}; the view's first paint ${at - clicked} (page made by the host at ${made - clicked}, page ${page})`);
    assert.ok(shown > clicked && page >= 0, `the exercise was painted after the click: ${shown - clicked} ms`);
    await waitFor('the exercise to start', async () => (await fs.readdir(path.join(s.workspace, 'upskill-exercises')).catch((): string[] => [])).includes('notebook-to-module-extract'));
    // The notebook opens after its files are written, and on a loaded machine it took focus
    // from a walkthrough opened in between: open the walkthrough once the notebook is in front.
    await waitFor('the exercise notebook to open', async () => (await s.wb.activeEditorTitle()) === 'analysis.ipynb', 90_000);
    await s.wb.runCommand('Upskill: Get Started');
    // The notebook came forward again over the walkthrough in about one run in ten (its tab
    // behind the notebook, no walkthrough page on screen), before Start Exercise stopped
    // asking again for an editor already on screen; should it happen, the walkthrough is
    // opened again (the step must still complete by itself).
    await waitFor(
      'the first-exercise step to be done',
      async () => {
        if (!(await s.wb.page.locator('.gettingStartedContainer').count())) await s.wb.runCommand('Upskill: Get Started');
        return stepDone('Start your first exercise');
      },
      60_000,
    );
    // Starting raised no error on the way (a command's failure is a toast "Upskill: …").
    assert.deepStrictEqual((await s.wb.notifications()).filter((n) => n.startsWith('Upskill: ')), []);
  });

  it('the environment step completes after Check Environment finds everything', async () => {
    await s.wb.runCommand('Upskill: Check Environment');
    await environmentFrame(s.wb, /Everything the exercises need is installed/, 90_000);
    await s.wb.runCommand('Upskill: Get Started');
    await waitFor('the environment step to be done', () => stepDone('Check your Python'), 30_000);
    await s.wb.screenshot('walkthrough-steps-done');
  });
});
