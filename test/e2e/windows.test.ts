// Two VS Code windows on one code-server, in one browser profile (so they share VS Code's
// global storage, as two desktop windows do): a pass made in one window shows in the other
// when it gains focus, a pass made in the other window does not drop the first one, and
// both survive a reload of both windows.

import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as path from 'path';
import { type Session, screenshotFailures, startSession } from '../harness/session';
import { type Workbench, waitFor } from '../harness/workbench';

const TYPING = { id: 'typing-annotate-metrics', skill: 'Typing', title: 'Annotate a classification-metrics module', main: 'metrics.py' };
const FORMATTING = { id: 'formatting-black-style', skill: 'Formatting', title: 'Format a training config, then review a pull request that hides two changes in formatting noise', main: 'train_config.py' };
type Ex = typeof TYPING;

/** Starts an exercise from the palette, lays its reference solution over it and checks it. */
async function pass(wb: Workbench, workspace: string, ex: Ex): Promise<void> {
  await wb.runCommand('Upskill: Start Exercise…');
  await wb.waitForQuickPick(/Start an exercise/);
  await wb.selectQuickPick(ex.title);
  const folder = path.join(workspace, 'upskill-exercises', ex.id);
  // The code opens (its instructions go to the Exercise view, whose webview stays blank in
  // this two-window browser setup, the Checklist's too, so the status bar tells the verdict).
  await waitFor(`${ex.main} to open`, async () => (await wb.activeEditorTitle()) === ex.main);
  await fs.cp(path.join(process.cwd(), 'resources', 'content', 'exercises', ex.id, 'solution'), folder, { recursive: true });
  await wb.runCommand('Upskill: Check Exercise');
  await waitFor(`"${ex.title}" passed in the status bar`, async () => (await wb.statusBarTexts()).some((t) => t.includes(`"${ex.title}" passed.`)), 90_000);
}

async function rowOf(wb: Workbench, ex: Ex): Promise<string> {
  await wb.openUpskill();
  await wb.expand(ex.skill);
  try {
    return (await wb.treeRows()).find((r) => r.label === ex.title)?.description ?? '';
  } finally {
    // A skill of five exercises left open pushes the next skill out of the short Skills
    // pane, where the tree does not render its row.
    await wb.collapse(ex.skill);
  }
}

/** A reloaded window first starts its extension host and loads the content: on a loaded machine that took over 30 s once. */
async function waitForPassed(wb: Workbench, ex: Ex, where: string, ms = 30_000): Promise<void> {
  await waitFor(`${ex.title} to show as passed in ${where}`, async () => /passed/.test(await rowOf(wb, ex)), ms);
}

describe('Two windows (e2e)', function () {
  let s: Session;
  let second: Workbench;
  screenshotFailures(() => s);

  before(async () => {
    s = await startSession({ name: 'windows' });
    second = await s.wb.openSecondWindow(s.url);
  });
  after(async () => {
    await second?.close();
    await s?.stop();
  });

  it('a pass in one window shows in the other when it gains focus', async () => {
    assert.doesNotMatch(await rowOf(second, TYPING), /passed/, 'not passed before the test');
    await s.wb.focusWindow();
    await pass(s.wb, s.workspace, TYPING);
    await second.focusWindow();
    await waitForPassed(second, TYPING, 'the second window');
    await second.screenshot('two-windows-second-sees-pass');
  });

  it("a pass in the second window keeps the first window's pass", async () => {
    await pass(second, s.workspace, FORMATTING);
    await s.wb.focusWindow();
    await waitForPassed(s.wb, FORMATTING, 'the first window');
    await waitForPassed(s.wb, TYPING, 'the first window');
  });

  it('both passes survive a reload of both windows', async () => {
    for (const wb of [s.wb, second]) {
      // A window in the background is throttled by the browser: work in the one in front.
      await wb.focusWindow();
      await wb.reload();
      await waitForPassed(wb, TYPING, 'a reloaded window', 90_000);
      await waitForPassed(wb, FORMATTING, 'a reloaded window');
    }
  });
});
