// Assess My Project in the real workbench: assess the sample folder, see per-skill scores and
// a recommended exercise, fix one finding in the file, re-assess, see "(was N)". Screenshots
// in dark and light.

import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as path from 'path';
import { type Session, screenshotFailures, startSession } from '../harness/session';

const PROJECT = 'project/features.py';

describe('Assess My Project (e2e)', function () {
  let s: Session;
  screenshotFailures(() => s);

  before(async () => {
    s = await startSession({ name: 'assess', files: { [PROJECT]: 'import os\nimport sys\n\n\ndef scale(values: list[float], factor: float) -> list[float]:\n    return [v * factor for v in values]\n' } });
  });
  after(async () => {
    await s?.stop();
  });

  it('shows scores and a recommendation, then "(was N)" after a finding is fixed', async () => {
    await s.wb.runCommand('Upskill: Assess My Project');
    let frame = await s.wb.webviewFrameWith('td.score[data-skill="linting"]', 120_000);
    const linting = (await frame.locator('td.score[data-skill="linting"]').textContent()) ?? '';
    assert.match(linting, /^\d+$/, `a linting score, got "${linting}"`);
    assert.ok((await frame.locator('li.recommendation a').count()) >= 1, 'a recommended exercise');
    assert.match((await frame.locator('li.finding[data-rule="lint.clean"]').textContent()) ?? '', /Ruff finding/);
    await s.wb.screenshot('assess-dark');

    await fs.writeFile(path.join(s.workspace, PROJECT), (await fs.readFile(path.join(s.workspace, PROJECT), 'utf8')).replace('import sys\n', ''));
    await s.wb.runCommand('Upskill: Assess My Project');
    frame = await s.wb.webviewFrameWith('li.finding[data-rule="lint.clean"] .was', 120_000);
    assert.match((await frame.locator('li.finding[data-rule="lint.clean"]').textContent()) ?? '', /\(was \d+\)/);
    await s.wb.setTheme('light');
    await s.wb.screenshot('assess-light');
    await s.wb.setTheme('dark');
  });
});
