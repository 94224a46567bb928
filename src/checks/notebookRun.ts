// "Runs top to bottom": the notebook executed in a fresh kernel of the learner's interpreter
// by nbclient (resources/python/upskill_nbrun.py), under the run supervisor like every tool,
// so a kernel left behind is killed with the run. The verdict is decided here, from the one
// line the runner prints behind a secret that the kernel never sees.

import { randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import NBRUN from '../../resources/python/upskill_nbrun.py';
import type { NotebookRunCheck } from '../core/model';
import { cellPlace } from '../core/notebookCells';
import { inside } from '../core/paths';
import { logOutput } from './output';
import { describeEnd, runProcess, timeLeft } from './process';
import { requireModule } from './python';
import { projectNotebooks } from './projectNotebooks';
import { plural, result } from './result';
import { type CheckContext, type CheckResult, type Finding, MissingToolError } from './types';
import { isPattern } from './workflowFiles';

/** One run as the runner reports it. */
export type NotebookRunOutcome =
  | { readonly status: 'ok'; readonly outputs: readonly [number, readonly unknown[]][] }
  | { readonly status: 'error'; readonly cell: number; readonly ename: string; readonly evalue: string; readonly line: number | null }
  | { readonly status: 'timeout'; readonly cell: number | null; readonly seconds: number }
  | { readonly status: 'died'; readonly cell: number | null; readonly message: string };

export type NotebookVerdict = { readonly status: 'done'; readonly runs: readonly NotebookRunOutcome[] } | { readonly status: 'missing'; readonly module: string };

/** The runner's verdict line: the last line that starts with the secret; undefined when there is none. */
export function readVerdict(stdout: string, secret: string): NotebookVerdict | undefined {
  const line = stdout.split('\n').reverse().find((l) => l.startsWith(secret));
  if (line === undefined) return undefined;
  try {
    return JSON.parse(line.slice(secret.length)) as NotebookVerdict;
  } catch {
    return undefined;
  }
}

export interface NotebookJudgement {
  readonly passed: boolean;
  readonly summary: string;
  readonly finding?: Omit<Finding, 'file'>;
}

const cellName = (cell: number | null) => (cell === null ? 'before the first cell' : `in cell ${cell + 1}`);

/** What the runs mean for the learner: the first failure, named by its cell, or the first cell whose outputs changed. */
export function judgeRuns(runs: readonly NotebookRunOutcome[], notebook: string, timeoutSeconds: number, sameOutputs: boolean): NotebookJudgement {
  const at = (cell: number | null, line: number | null, message: string, code: string): Omit<Finding, 'file'> => ({
    ...(cell !== null && { cell }),
    line: line ?? 1,
    column: 1,
    severity: 'error',
    message,
    source: 'notebook',
    code,
  });
  for (const [i, r] of runs.entries()) {
    const which = runs.length > 1 || sameOutputs ? ` (run ${i + 1} of 2, in a fresh kernel)` : '';
    switch (r.status) {
      case 'error': {
        const what = `${r.ename}${r.evalue ? `: ${r.evalue}` : ''}`;
        const place = r.line !== null ? cellPlace(r.cell, r.line) : `cell ${r.cell + 1}`;
        return {
          passed: false,
          summary: `${notebook} stops at ${place} with ${what}${which}. Run it top to bottom in a fresh kernel (Restart and Run All) and fix that cell.`,
          finding: at(r.cell, r.line, `This cell raised ${what} when the notebook ran top to bottom in a fresh kernel${which}.`, 'cell-error'),
        };
      }
      case 'timeout':
        return {
          passed: false,
          summary: `${notebook} did not finish within ${timeoutSeconds} s: it was still running ${cellName(r.cell)}${which}. Make it faster (a smaller sample, fewer iterations) or look for a loop that never ends.`,
          finding: at(r.cell, null, `The notebook was still running this cell when its ${timeoutSeconds} s were up.`, 'timeout'),
        };
      case 'died':
        return {
          passed: false,
          summary: `The kernel died ${cellName(r.cell)} of ${notebook} (${r.message})${which}: the code ended the Python process (os._exit, a crash, or too much memory).`,
          finding: at(r.cell, null, 'The kernel died while this cell ran.', 'kernel-died'),
        };
      case 'ok':
        break;
    }
  }
  if (sameOutputs) {
    const [a, b] = runs;
    if (a?.status !== 'ok' || b?.status !== 'ok') return { passed: false, summary: `${notebook} was not run twice, so its outputs could not be compared.` };
    const second = new Map(b.outputs.map(([cell, out]) => [cell, JSON.stringify(out)]));
    const changed = a.outputs.find(([cell, out]) => second.get(cell) !== JSON.stringify(out));
    if (changed) {
      const cell = changed[0];
      return {
        passed: false,
        summary: `${notebook} is not reproducible: cell ${cell + 1} showed different outputs on two runs in fresh kernels. Seed every source of randomness (random, NumPy's Generator, the model's random_state) and do not print times or memory addresses.`,
        finding: at(cell, null, 'This cell showed different outputs on two runs of the notebook in fresh kernels.', 'not-reproducible'),
      };
    }
    return { passed: true, summary: `${notebook} ran top to bottom twice, in fresh kernels, with the same outputs.` };
  }
  return { passed: true, summary: `${notebook} ran top to bottom in a fresh kernel without an error.` };
}

export async function checkNotebookRun(spec: NotebookRunCheck, ctx: CheckContext): Promise<CheckResult> {
  if (!isPattern(spec.notebook)) return runOne(spec, ctx, spec.notebook);
  // "Your project": every notebook whose name matches and that imports a module of the project.
  const started = Date.now();
  const notebooks = await projectNotebooks(ctx.workDir, spec.notebook);
  if (!notebooks.length) {
    return result(spec, started, {
      status: 'failed',
      summary: `No notebook of the project (${spec.notebook}) imports a module of the project yet, so none was run. Import the function you moved from its module in the notebook, then Restart and Run All.`,
    });
  }
  const done: CheckResult[] = [];
  for (const nb of notebooks) {
    const r = await runOne(spec, ctx, nb.rel);
    if (r.status !== 'passed') return { ...r, runs: [...done.flatMap((d) => d.runs), ...r.runs], durationMs: Date.now() - started };
    done.push(r);
  }
  const names = notebooks.map((n) => n.rel).join(', ');
  const summary = notebooks.length === 1 ? done[0].summary : `${plural(notebooks.length, 'notebook')} that import modules of the project ran top to bottom in fresh kernels: ${names}.`;
  return { ...done[0], summary, runs: done.flatMap((d) => d.runs), durationMs: Date.now() - started };
}

async function runOne(spec: NotebookRunCheck, ctx: CheckContext, rel: string): Promise<CheckResult> {
  const started = Date.now();
  const notebook = inside(ctx.workDir, rel, 'notebook');
  if (!(await fs.stat(notebook).catch(() => undefined))?.isFile()) {
    return result(spec, started, { status: 'failed', summary: `${rel} is missing: the check runs that notebook.` });
  }
  // Asked before a kernel starts: a missing package is setup, with the install to run.
  await requireModule(ctx.python, 'nbclient');
  await requireModule(ctx.python, 'ipykernel');
  const seconds = spec.timeoutSeconds ?? 60;
  const runs = spec.sameOutputs ? 2 : 1;
  const toolDir = path.join(path.dirname(ctx.workDir), `tool-${randomBytes(6).toString('hex')}`);
  await fs.mkdir(toolDir, { recursive: true });
  const script = path.join(toolDir, 'upskill_nbrun.py');
  await fs.writeFile(script, NBRUN, 'utf8');
  const secret = `UPSKILL-${randomBytes(16).toString('hex')}:`;
  // Not isolated (-I): nbclient may be in the learner's user site-packages.
  const argv = [ctx.python.path, script, JSON.stringify({ notebook, timeout: seconds, runs })];
  // The kernel's own start-up counts too: a little more than the notebook's limit per run.
  const limit = Math.min(timeLeft(ctx), runs * (seconds + 45) * 1000);
  let run;
  try {
    run = await runProcess(argv, { cwd: path.dirname(notebook), input: `${secret}\n`, timeoutMs: limit, signal: ctx.signal, log: ctx.log });
  } finally {
    await fs.rm(toolDir, { recursive: true, force: true });
  }
  const tool = `${ctx.python.path} with nbclient and ipykernel`;
  // The secret is the learner's to see in no log.
  logOutput(ctx, { ...run, stdout: run.stdout.split(secret).join('<verdict>') });
  const ended = describeEnd(run, limit);
  if (ended) {
    return result(spec, started, { status: 'failed', summary: `${rel} did not finish: ${ended}. It must run top to bottom within ${seconds} s.`, runs: [run], tool });
  }
  const verdict = readVerdict(run.stdout, secret);
  if (!verdict) {
    const last = `${run.stderr}`.trim().split('\n').slice(-1)[0] ?? '';
    return result(spec, started, { status: 'error', summary: `The notebook runner ended (exit code ${run.exitCode}) without a verdict: ${last}`, runs: [run], tool });
  }
  if (verdict.status === 'missing') {
    throw new MissingToolError(`${verdict.module} is not installed for ${ctx.python.path}. Install it with: ${ctx.python.path} -m pip install ${verdict.module}`, [ctx.python.path], ctx.python.path, verdict.module);
  }
  const j = judgeRuns(verdict.runs, rel, seconds, spec.sameOutputs ?? false);
  const findings = j.finding ? [{ ...j.finding, file: notebook }] : [];
  return result(spec, started, { status: j.passed ? 'passed' : 'failed', summary: j.summary, details: findings.map((f) => f.message), findings, runs: [run], tool });
}
