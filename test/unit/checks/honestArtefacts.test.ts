// Honest variety passes the behavioural judges: each exercise folder under honest/ of the
// workflow and pre-commit exercises is a different way of doing the work right (coverage,
// python -m, make targets, pipefail in the script, an experimental matrix entry, the old
// hook id, strict mypy, local hooks…). Laid over the solution, as the validator lays a
// cheat, every check of the exercise must pass.

import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { runChecks } from '../../../src/checks/engine';
import type { CheckSpec } from '../../../src/core/model';
import { context } from './helpers';

const EXERCISES = path.join(process.cwd(), 'resources/content/exercises');

async function variants(id: string): Promise<string[]> {
  return (await fs.readdir(path.join(EXERCISES, id, 'honest'))).sort();
}

describe('checks: honest workflows and pre-commit configurations pass', function () {
  this.timeout(240_000);
  for (const id of ['ci-cd-first-workflow', 'ci-cd-matrix-pipeline', 'project-ci-workflow', 'ci-cd-pre-commit-hooks']) {
    it(`${id}: every variant under honest/ passes every check`, async () => {
      const dir = path.join(EXERCISES, id);
      const [ex] = (parse(await fs.readFile(path.join(dir, 'exercise.yaml'), 'utf8')) as { exercises: { starter?: string; solution: string; checks: CheckSpec[] }[] }).exercises;
      const names = await variants(id);
      assert.ok(names.length >= 2, `${id} ships at least two honest variants`);
      for (const name of names) {
        const work = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-honest-'));
        if (ex.starter) await fs.cp(path.join(dir, ex.starter), work, { recursive: true });
        await fs.cp(path.join(dir, ex.solution), work, { recursive: true });
        await fs.cp(path.join(dir, 'honest', name), work, { recursive: true });
        const report = await runChecks(context(work, ex.checks, { timeoutMs: 180_000 }, dir));
        const failed = report.results.filter((r) => r.status !== 'passed');
        assert.deepStrictEqual(failed.map((r) => r.title), [], `${id}/honest/${name}: ${failed.map((r) => `${r.summary}\n${r.details.join('\n')}`).join('\n')}`);
        await fs.rm(work, { recursive: true, force: true });
      }
    });
  }
});
