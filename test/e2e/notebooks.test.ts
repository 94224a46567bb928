// A notebook exercise end to end in the real workbench: start it from the palette, the
// notebook opens in VS Code's notebook editor (not as JSON), a check puts a finding on its
// cell and line (a squiggle in that cell's editor, a Problems entry on that cell), the
// learner types the fixes into the cells, checks again and passes. Screenshots in the dark
// and light themes and with a narrow side bar.

import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as path from 'path';
import { type Session, screenshotFailures, startSession } from '../harness/session';
import { waitFor } from '../harness/workbench';

const ID = 'notebook-lint-typed';
const TITLE = 'Make a sales notebook lint-clean and typed, cell by cell';
const EXERCISE_DIR = path.join(process.cwd(), 'resources', 'content', 'exercises', ID);

/** The sources of a notebook's cells, as its .ipynb JSON holds them. */
async function cellSources(file: string): Promise<string[]> {
  const nb = JSON.parse(await fs.readFile(file, 'utf8')) as { cells: { source: string | string[] }[] };
  return nb.cells.map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source));
}

describe('A notebook exercise (e2e)', function () {
  let s: Session;
  screenshotFailures(() => s);
  const notebook = () => path.join(s.workspace, 'upskill-exercises', ID, 'sales.ipynb');

  before(async () => {
    s = await startSession({ name: 'notebooks' });
    await s.wb.openUpskill();
  });
  after(async () => {
    await s?.stop();
  });

  it('starts from the palette and opens the notebook in the notebook editor, not as JSON text', async () => {
    await s.wb.runCommand('Upskill: Start Exercise…');
    await s.wb.waitForQuickPick(/Start an exercise/);
    await s.wb.selectQuickPick(TITLE);
    await waitFor('sales.ipynb to open', async () => (await s.wb.activeEditorTitle()) === 'sales.ipynb', 60_000);
    await s.wb.notebookEditor().waitFor({ timeout: 60_000 });
    const cells = await waitFor('the cells to be drawn', async () => {
      const c = await s.wb.notebookCells();
      return c.length === 6 && c[1].lines.length === 3 ? c : undefined;
    }, 60_000);
    assert.deepStrictEqual(cells.map((c) => c.kind), ['markdown', 'code', 'code', 'code', 'markdown', 'code']);
    assert.deepStrictEqual(cells[1].lines, ['import csv', 'import os', 'from statistics import mean']);
    // No text editor shows the file's JSON.
    const text = (await s.wb.page.locator('.editor-group-container.active .monaco-editor .view-lines').allTextContents()).join('\n');
    assert.doesNotMatch(text, /"cell_type"|"nbformat"/);
    await s.wb.waitForExerciseView(new RegExp(`${TITLE}[\\s\\S]*Your goal`), 60_000);
    await s.wb.screenshot('notebook-started');
  });

  it('a check puts each finding on its cell and line: a squiggle in the cell, a Problems entry that leads to the cell', async () => {
    // The notebook editor is active, not a text editor: the command knows the exercise without asking.
    await s.wb.runCommand('Upskill: Check Exercise');
    const view = await s.wb.waitForExerciseView(/Last check: \d of \d checks? did not pass/, 120_000);
    assert.match(view, /Lint the notebook cells \(Ruff\): 2 lint/);
    // Cell 2 (index 1) holds the unused `import os` on its line 2; cell 3 (index 2) the untyped load_sales on its line 1.
    const cells = await waitFor('squiggles in cells 2 and 3', async () => {
      const c = await s.wb.notebookCells();
      const at = (i: number) => c.find((x) => x.index === i)?.squiggleLines ?? [];
      return at(1).length && at(2).length ? c : undefined;
    }, 60_000);
    assert.deepStrictEqual(cells.find((c) => c.index === 1)?.squiggleLines, [2], JSON.stringify(cells));
    assert.deepStrictEqual(cells.find((c) => c.index === 2)?.squiggleLines, [1], JSON.stringify(cells));
    assert.deepStrictEqual(cells.find((c) => c.index === 0)?.squiggleLines, [], 'nothing on the Markdown cell');
    const rows = await waitFor('Ruff and mypy findings in Problems', async () => {
      const r = await s.wb.problemRows();
      return r.some((x) => /F401/.test(x.text)) && r.some((x) => /B006/.test(x.text)) ? r : undefined;
    }, 60_000);
    // Lines are the cell's own, not the notebook's JSON or the joined cells'.
    assert.ok(rows.some((x) => /`os` imported but unused.*F401.*\[Ln 2, Col 8\]/.test(x.text)), JSON.stringify(rows, null, 1));
    assert.ok(rows.some((x) => /B006.*\[Ln 1, Col 32\]/.test(x.text)), JSON.stringify(rows, null, 1));
    assert.ok(!rows.some((x) => /cell_type|nbformat/.test(x.text)));
    await s.wb.screenshot('notebook-check-findings-dark');
    // Opening the F401 entry takes the learner to cell 2 of 6.
    await s.wb.page.locator('.markers-panel .monaco-list-row', { hasText: 'F401' }).first().dblclick();
    await waitFor('the notebook to select cell 2', async () => (await s.wb.statusBarTexts()).includes('Cell 2 of 6'), 30_000);
    await s.wb.setTheme('light');
    await s.wb.screenshot('notebook-check-findings-light');
    await s.wb.setTheme('dark');
  });

  it('typing the fixes into the cells and checking again passes', async () => {
    const solution = await cellSources(path.join(EXERCISE_DIR, 'solution', 'sales.ipynb'));
    const fixed = [1, 2, 3, 5];
    // The whole editor area for the notebook, as a learner would have it to type.
    await s.wb.runCommand('View: Hide Panel');
    for (const i of fixed) await s.wb.typeIntoNotebookCell(i, solution[i]);
    await s.wb.page.keyboard.press('Control+S');
    await waitFor('the notebook to be saved with the fixes', async () => {
      const saved = await cellSources(notebook());
      return fixed.every((i) => saved[i].trim() === solution[i].trim());
    }, 60_000);
    await s.wb.runCommand('Upskill: Check Exercise');
    await s.wb.waitForExerciseView(/Last check: passed/, 120_000);
    await waitFor('no squiggle left in the cells drawn', async () => {
      const c = await s.wb.notebookCells();
      return c.some((x) => x.kind === 'code' && x.lines.length) && c.every((x) => x.squiggleLines.length === 0);
    }, 30_000);
    await s.wb.openUpskill();
    await s.wb.setSidebarWidth(220);
    await s.wb.screenshot('notebook-passed-narrow-sidebar');
  });
});
