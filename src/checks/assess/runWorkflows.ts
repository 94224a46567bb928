// The opt-in half of the CI judgement (`upskill.assess.runWorkflows`, `--run-workflows`):
// each GitHub workflow of the project that runs on push or pull request is run here as the
// ci-cd exercises' judge runs them (checks/workflowJudge.ts: the same runner, shims,
// supervisor and time limits), on a change with a seeded lint finding and on one with a
// seeded failing test, after a clean change it must pass. The runs happen in a scratch copy
// of the files the assessment reads, never in the project: the judge copies that scratch
// again for each change and makes each copy a git checkout of its own.

import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type AssessmentNote, type CheckOutcome, type Evidence, counted } from '../../core/assessment';
import type { CommandRun, PythonInfo } from '../types';
import { judgeWorkflows } from '../workflowJudge';
import type { Workflow } from '../workflowModel';
import { scratchCopy } from './projectFiles';

export interface WorkflowRunOptions {
  readonly python: PythonInfo;
  /** The longest the runs of one workflow may take, all together. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Upskill's storage for the judge's caches; a folder in the OS temp dir by default. */
  readonly storageDir?: string;
  readonly onRun?: (run: CommandRun) => void;
}

const SEEDS = { lint: 'a seeded lint finding', test: 'a seeded failing test' } as const;

/**
 * `ci.catches`: per workflow, whether it catches a seeded lint finding and a seeded failing
 * test on every event it runs on. The share is the part of the two that some workflow
 * catches (GitHub blocks a change when any workflow fails). A workflow that could not be
 * run to the end (no bash, past its time limit, cancelled) is a note, not a finding.
 */
export async function workflowRunOutcomes(abs: string, files: readonly string[], workflows: readonly { rel: string; wf: Workflow }[], notes: AssessmentNote[], opts: WorkflowRunOptions): Promise<CheckOutcome[]> {
  if (!workflows.length) return [];
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-assess-workflows-'));
  const evidence: Evidence[] = [];
  const caught = { lint: false, test: false };
  let judged = 0;
  try {
    const copy = path.join(scratch, 'project');
    await scratchCopy(abs, files, copy);
    for (const w of workflows) {
      if (opts.signal?.aborted) return [];
      const runs: CommandRun[] = [];
      const log: string[] = [];
      const j = await judgeWorkflows(
        { exercise: { id: 'assess' }, workDir: copy, python: opts.python, timeoutMs: opts.timeoutMs, deadline: Date.now() + opts.timeoutMs, storageDir: opts.storageDir, signal: opts.signal, log: (l) => log.push(l) },
        [w],
        { runs: ['ruff', 'pytest'] },
        runs,
        { exhaustive: true },
      );
      for (const r of runs) opts.onRun?.(r);
      if (opts.signal?.aborted) return [];
      if (j.status === 'error') {
        notes.push({ file: w.rel, message: `${w.rel} could not be run here (${j.summary}); whether it catches problems is not counted.` });
        continue;
      }
      judged++;
      if (!j.caught) {
        // A clean change already fails it: it blocks every change, so it catches nothing in particular.
        evidence.push({ file: w.rel, detail: `fails on a clean change, so it catches nothing in particular: ${j.summary.slice(0, 200)}` });
        continue;
      }
      const said = (['lint', 'test'] as const).map((k) => {
        caught[k] ||= j.caught?.[k] === true;
        return `${j.caught?.[k] ? 'catches' : 'misses'} ${SEEDS[k]}`;
      });
      const why = j.status === 'failed' ? `: ${j.summary.slice(0, 200)}` : '';
      evidence.push({ file: w.rel, detail: `${said.join(', ')}${why}` });
    }
  } finally {
    await fs.rm(scratch, { recursive: true, force: true }).catch(() => undefined);
  }
  if (!judged) return [];
  const missed = (['lint', 'test'] as const).filter((k) => !caught[k]);
  if (!missed.length) return [{ rule: 'ci.catches', share: 1, evidence }];
  return [
    {
      rule: 'ci.catches',
      share: (2 - missed.length) / 2,
      count: missed.length,
      message: `Run here on changes with a seeded problem, no workflow fails on ${missed.map((k) => SEEDS[k]).join(' or on ')} (${counted(judged, 'workflow')} run): such a change would be merged.`,
      evidence,
    },
  ];
}
