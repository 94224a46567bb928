// Runs an exercise's checks in order, all of them, so the learner sees every problem at
// once. A missing tool stops the run (the UI offers the install); any other crash becomes
// an 'error' result that says what was running.

import type { CheckSpec } from '../core/model';
import { checkCommand } from './command';
import { checkGit } from './git';
import { checkMypy } from './mypy';
import { commandLine } from './process';
import { checkCatchBugs, checkNoNetwork, checkPytest } from './pytest';
import { result, titleOf } from './result';
import { checkRuffFormat, checkRuffLint } from './ruff';
import { checkStructure } from './structure';
import { type CheckContext, type CheckReport, type CheckResult, MissingToolError } from './types';
import { checkWorkflow } from './workflow';

function runnerFor(spec: CheckSpec, ctx: CheckContext): Promise<CheckResult> {
  switch (spec.type) {
    case 'pytest':
      return checkPytest(spec, ctx);
    case 'no-network':
      return checkNoNetwork(spec, ctx);
    case 'tests-catch-bugs':
      return checkCatchBugs(spec, ctx);
    case 'mypy':
      return checkMypy(spec, ctx);
    case 'ruff-lint':
      return checkRuffLint(spec, ctx);
    case 'ruff-format':
      return checkRuffFormat(spec, ctx);
    case 'workflow':
      return checkWorkflow(spec, ctx);
    case 'git':
      return checkGit(spec, ctx);
    case 'structure':
      return checkStructure(spec, ctx);
    case 'command':
      return checkCommand(spec, ctx);
  }
}

export async function runChecks(ctx: CheckContext): Promise<CheckReport> {
  const startedAt = Date.now();
  const results: CheckResult[] = [];
  for (const [i, spec] of ctx.exercise.checks.entries()) {
    if (ctx.signal?.aborted) break;
    ctx.log(`[${i + 1}/${ctx.exercise.checks.length}] ${titleOf(spec)}`);
    const started = Date.now();
    try {
      results.push(await runnerFor(spec, ctx));
    } catch (e) {
      if (e instanceof MissingToolError) throw e;
      const message = (e as Error).message ?? String(e);
      ctx.log(`  crashed: ${(e as Error).stack ?? message}`);
      results.push(result(spec, started, { status: 'error', summary: `The ${spec.type} check crashed: ${message}. See the Upskill output for what ran.` }));
    }
    const last = results[results.length - 1];
    ctx.log(`  ${last.status.toUpperCase()}: ${last.summary}`);
  }
  const passed = results.length === ctx.exercise.checks.length && results.every((r) => r.status === 'passed');
  return { exerciseId: ctx.exercise.id, passed, results, python: ctx.python, startedAt, durationMs: Date.now() - startedAt };
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
