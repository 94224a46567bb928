// A command defined by content. Shipped content is trusted; workspace content runs only in
// a trusted workspace.

import type { CommandCheck } from '../core/model';
import { commandLine, describeEnd, runProcess, timeLeft } from './process';
import { logOutput } from './pytest';
import { result } from './result';
import type { CheckContext, CheckResult } from './types';

export const RESTRICTED_MESSAGE =
  'This check runs a command defined by workspace content, and the workspace is in Restricted Mode, so Upskill did not run it. Trust the workspace to run it.';

export async function checkCommand(spec: CommandCheck, ctx: CheckContext): Promise<CheckResult> {
  const started = Date.now();
  if (!ctx.trusted) return result(spec, started, { status: 'error', summary: RESTRICTED_MESSAGE });
  const argv = spec.run.map((a) => a.replace(/\{python\}/g, ctx.python.path));
  const run = await runProcess(argv, { cwd: ctx.workDir, timeoutMs: timeLeft(ctx), signal: ctx.signal, log: ctx.log });
  logOutput(ctx, run);
  const tool = commandLine(argv);
  const ended = describeEnd(run, ctx.timeoutMs);
  if (ended) return result(spec, started, { status: 'error', summary: `"${tool}" did not finish: ${ended}.`, runs: [run], tool });
  const problems: string[] = [];
  const expectedCode = spec.expectExitCode ?? 0;
  if (run.exitCode !== expectedCode) problems.push(`"${tool}" exited with code ${run.exitCode}, expected ${expectedCode}.`);
  if (spec.expectOutput !== undefined) {
    const output = `${run.stdout}${run.stderr}`;
    if (!new RegExp(spec.expectOutput, 'm').test(output)) {
      const shown = output.trim().split('\n').slice(0, 3).join(' | ') || '(nothing)';
      problems.push(`Its output ${JSON.stringify(shown.length > 120 ? `${shown.slice(0, 120)}…` : shown)} does not match /${spec.expectOutput}/.`);
    }
  }
  return result(spec, started, {
    status: problems.length ? 'failed' : 'passed',
    summary: problems.length ? problems.join(' ') : `"${tool}" gave the expected result.`,
    details: problems,
    runs: [run],
    tool,
  });
}
