// Runs an exercise's checks in order, all of them, so the learner sees every problem at
// once. A missing tool, or a package the exercise `requires` that the learner's Python
// cannot import (asked once per run, see requires.ts), stops the run (the UI offers the
// install); any other crash becomes an 'error' result that says what was running.
//
// Hermetic: the checks run in one scratch copy of the learner's folder (see scratch.ts),
// made once per run, under one time budget for the whole run. Paths in the results are
// mapped back to the learner's files.

import * as path from 'path';
import type { CheckSpec } from '../core/model';
import { isInside } from '../core/paths';
import { checkCommand } from './command';
import { checkGit } from './git';
import { checkMypy } from './mypy';
import { commandLine, useSupervisorPython } from './process';
import { checkCatchBugs } from './catchBugs';
import { checkNoNetwork, checkPytest } from './pytest';
import { withNotebookCells } from './notebooks';
import { checkNotebookRun } from './notebookRun';
import { result, titleOf } from './result';
import { makeScratch, RefusedInput, storageRoot } from './scratch';
import { requirePackages } from './requires';
import { checkRuffFormat, checkRuffLint } from './ruff';
import { checkStructure } from './structure';
import { type CheckContext, type CheckReport, type CheckResult, MissingToolError } from './types';
import { checkWorkflow } from './workflow';
import { checkWorkflowFiles, isPattern } from './workflowFiles';

function runnerFor(spec: CheckSpec, ctx: CheckContext): Promise<CheckResult> {
  switch (spec.type) {
    case 'pytest':
      return checkPytest(spec, ctx);
    case 'no-network':
      return checkNoNetwork(spec, ctx);
    case 'tests-catch-bugs':
      return checkCatchBugs(spec, ctx);
    case 'mypy':
      return withNotebookCells(ctx, spec.targets, (targets) => checkMypy({ ...spec, targets }, ctx));
    case 'ruff-lint':
      return withNotebookCells(ctx, spec.targets, (targets) => checkRuffLint({ ...spec, targets }, ctx));
    case 'ruff-format':
      return checkRuffFormat(spec, ctx);
    case 'workflow':
      return isPattern(spec.file) ? checkWorkflowFiles(spec, ctx) : checkWorkflow(spec, ctx);
    case 'git':
      return checkGit(spec, ctx);
    case 'structure':
      return checkStructure(spec, ctx);
    case 'command':
      return checkCommand(spec, ctx);
    case 'notebook-run':
      return checkNotebookRun(spec, ctx);
  }
}

/** Results name the learner's files, not the scratch copy's. */
function mapBack(r: CheckResult, scratch: string, learner: string): CheckResult {
  const file = (f: string) => (isInside(scratch, f) ? path.join(learner, path.relative(scratch, f)) : f);
  const text = (s: string) => s.split(scratch).join(learner);
  return {
    ...r,
    summary: text(r.summary),
    details: r.details.map(text),
    findings: r.findings.map((f) => ({ ...f, file: file(f.file) })),
    tests: r.tests.map((t) => (t.file ? { ...t, file: file(t.file) } : t)),
  };
}

// What the extension needs from the engine's bundle besides the checks: the process runner
// and the interpreter search (Check Environment), and the one MissingToolError class they
// and the checks throw, so that `instanceof` holds across the bundle boundary.
export { runProcess } from './process';
export { resolvePython } from './python';
export { MissingToolError } from './types';

export async function runChecks(ctx: CheckContext): Promise<CheckReport> {
  const startedAt = Date.now();
  const results: CheckResult[] = [];
  const specs = ctx.exercise.checks;
  // Should the system have no Python of its own, the learner's runs the tools' supervisor.
  useSupervisorPython(ctx.python.path);
  const finish = (): CheckReport => {
    const passed = results.length === specs.length && results.every((r) => r.status === 'passed');
    return { exerciseId: ctx.exercise.id, passed, results, python: ctx.python, startedAt, durationMs: Date.now() - startedAt };
  };
  // The packages the exercise requires, asked of the learner's Python once per run: a
  // missing one stops the run like a missing tool (the UI offers the install).
  try {
    await requirePackages(ctx.python, ctx.exercise.requires, { signal: ctx.signal, exerciseTitle: ctx.exercise.title, log: ctx.log });
  } catch (e) {
    if (e instanceof MissingToolError) throw e;
    // The probe itself failed: say so and let the checks show what the tools make of it.
    ctx.log(`Could not ask ${ctx.python.path} about the required packages: ${(e as Error).message}`);
  }
  let scratch;
  try {
    scratch = await makeScratch(ctx.workDir, {
      storage: storageRoot(ctx.storageDir),
      exerciseId: ctx.exercise.id,
      includeGit: specs.some((s) => s.type === 'git'),
      project: ctx.exercise.kind === 'project',
    });
  } catch (e) {
    if (!(e instanceof RefusedInput)) throw e;
    ctx.log(`Refused: ${e.message}`);
    for (const spec of specs) results.push(result(spec, startedAt, { status: 'failed', summary: e.message, tool: 'Upskill' }));
    return finish();
  }
  ctx.log(`Checking a copy of ${ctx.workDir} in ${scratch.dir}.`);
  for (const n of scratch.notes) ctx.log(`  ${n}`);
  const runCtx: CheckContext = { ...ctx, workDir: scratch.dir, learnerDir: ctx.workDir, deadline: startedAt + ctx.timeoutMs };
  try {
    for (const [i, spec] of specs.entries()) {
      if (ctx.signal?.aborted) break;
      ctx.log(`[${i + 1}/${specs.length}] ${titleOf(spec)}`);
      const started = Date.now();
      try {
        results.push(mapBack(await runnerFor(spec, runCtx), scratch.dir, ctx.workDir));
      } catch (e) {
        if (e instanceof MissingToolError) throw e;
        const message = (e as Error).message ?? String(e);
        ctx.log(`  crashed: ${(e as Error).stack ?? message}`);
        const refused = e instanceof RefusedInput;
        results.push(result(spec, started, { status: refused ? 'failed' : 'error', summary: refused ? message : `The ${spec.type} check crashed: ${message}. See the Upskill output for what ran.` }));
      }
      const last = results[results.length - 1];
      ctx.log(`  ${last.status.toUpperCase()}: ${last.summary}`);
      if (ctx.stopAtFirstFailure && last.status === 'failed' && i < specs.length - 1) {
        ctx.log(`Stopped: ${specs.length - 1 - i} later check(s) not run.`);
        break;
      }
    }
  } finally {
    await scratch.release();
  }
  return finish();
}

/** The report as output-channel lines: interpreter, exact commands, verdicts and findings. */
export function formatReport(report: CheckReport): string[] {
  const lines = [`Result for ${report.exerciseId}: ${report.passed ? 'PASSED' : 'NOT PASSED'} in ${(report.durationMs / 1000).toFixed(1)} s`];
  if (report.python) lines.push(`Interpreter: ${report.python.path} (Python ${report.python.version}, from ${report.python.origin})`);
  for (const r of report.results) {
    lines.push(`  ${r.status === 'passed' ? '✓' : '✗'} ${r.title}: ${r.summary}${r.tool ? `  [${r.tool}]` : ''}`);
    for (const run of r.runs) lines.push(`      ran: ${commandLine(run.argv)}  (exit ${run.exitCode ?? run.signal}, ${run.durationMs} ms)`);
    for (const d of r.details.slice(0, 30)) lines.push(`      ${d}`);
  }
  return lines;
}

// The project assessment (Assess My Project) rides in this bundle, loaded on first use.
export { AssessCancelled, assessProject } from './assess/assess';
