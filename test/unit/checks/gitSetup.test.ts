// The git check's `setup`: an exercise whose starter script makes the practice repository
// tells a learner who has not run it yet to run that script, not "git init" (which would
// leave an empty repository that the script then refuses to set up).

import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runChecks } from '../../../src/checks/engine';
import { loadCatalog, nodeContentFs } from '../../../src/core/content';
import { type ContentSource, type GitCheck, formatContentError } from '../../../src/core/model';
import { context, folder } from './helpers';

const ASSERT: GitCheck['assert'] = [{ branchExists: 'feature/rolling-mean' }];

describe('checks: a git check with a setup script', () => {
  it('a folder that is not a repository is told to run the setup script', async () => {
    const work = await folder({ 'setup_repo.sh': 'git init -q -b main\n' });
    const report = await runChecks(context(work, [{ type: 'git', setup: 'setup_repo.sh', assert: ASSERT }]));
    const [r] = report.results;
    assert.strictEqual(r.status, 'failed');
    assert.match(r.summary, /^This folder is not a git repository yet: run "bash setup_repo\.sh" in it first: it creates the practice repository/);
    assert.doesNotMatch(r.summary, /git init/);
  });

  it('without a setup script the advice is still "git init"', async () => {
    const work = await folder({ 'a.py': 'x = 1\n' });
    const report = await runChecks(context(work, [{ type: 'git', assert: ASSERT }]));
    assert.strictEqual(report.results[0].summary, 'This folder is not a git repository yet: run "git init" in it.');
  });

  it('a folder inside another repository is told to run the setup script in it', async () => {
    const outer = await folder({ 'inner/setup_repo.sh': 'git init -q -b main\n' });
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: outer });
    const report = await runChecks(context(path.join(outer, 'inner'), [{ type: 'git', setup: 'setup_repo.sh', assert: ASSERT }]));
    assert.match(report.results[0].summary, /inside another repository .* run "bash setup_repo\.sh" in it first/);
  });

  it('once the script has made the repository, the assertions decide', async () => {
    const work = await folder({ 'setup_repo.sh': 'x\n' });
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: work });
    const report = await runChecks(context(work, [{ type: 'git', setup: 'setup_repo.sh', assert: ASSERT }]));
    assert.match(report.results[0].summary, /^There is no branch "feature\/rolling-mean"/);
  });

  it('the loader refuses a setup path that leaves the exercise folder', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-content-'));
    const root = path.join(dir, '.upskill');
    await fs.mkdir(path.join(root, 'starter'), { recursive: true });
    await fs.writeFile(path.join(root, 'README.md'), '# Ex\n');
    await fs.writeFile(
      path.join(root, 'team.yaml'),
      `skills:
  - id: team-git
    track: my-team
    title: Git
    why: History matters.
tracks:
  - { id: my-team, title: My team, skills: [team-git] }
exercises:
  - id: ex
    skill: team-git
    title: Ex
    difficulty: beginner
    starter: starter
    checks:
      - { type: git, setup: ../setup_repo.sh, assert: [{ branchExists: main }] }
`,
    );
    const source: ContentSource = { kind: 'workspace', root, label: 'ws/.upskill', trusted: true };
    const catalog = await loadCatalog([source], nodeContentFs);
    const errors = catalog.errors.map((e) => formatContentError(e, (f) => path.relative(dir, f)));
    assert.deepStrictEqual(errors, ['.upskill/team.yaml:15:29 exercises[0].checks[0].setup: "../setup_repo.sh" leaves the exercise folder ("..")']);
  });
});
