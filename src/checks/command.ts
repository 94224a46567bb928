// A command defined by content. Shipped content is trusted; workspace content runs only in
// a trusted workspace. Inputs can be generated at check time (a CSV with a random number of
// rows, with or without a final newline), so an answer hard-coded for the shipped data
// cannot pass; stdout is compared exactly and stderr on its own.

import { randomInt } from 'crypto';
import type { CommandCheck } from '../core/model';
import { commandLine, describeEnd, runProcess, timeLeft } from './process';
import { logOutput } from './output';
import { result } from './result';
import { writeFresh } from './scratch';
import type { CheckContext, CheckResult } from './types';

export const RESTRICTED_MESSAGE =
  'This check runs a command defined by workspace content, and the workspace is in Restricted Mode, so Upskill did not run it. Trust the workspace to run it.';

const REGIONS = ['north', 'south', 'east', 'west'];

/** A CSV with a header and `rows` data rows; the last row ends with a newline only if asked. */
export function generatedCsv(rows: number, finalNewline: boolean, pick: (n: number) => number = randomInt): string {
  const lines = ['order_id,region,amount'];
  for (let i = 1; i <= rows; i++) lines.push(`${1000 + i},${REGIONS[pick(REGIONS.length)]},${pick(100_000) / 100}`);
  return lines.join('\n') + (finalNewline ? '\n' : '');
}

function shown(text: string): string {
  const t = text.length > 120 ? `${text.slice(0, 120)}…` : text;
  return JSON.stringify(t);
}

export async function checkCommand(spec: CommandCheck, ctx: CheckContext): Promise<CheckResult> {
  const started = Date.now();
  if (!ctx.trusted) return result(spec, started, { status: 'error', summary: RESTRICTED_MESSAGE });
  let rows: number | undefined;
  if (spec.generate) {
    const min = spec.generate.minRows ?? 5;
    const max = Math.max(min, spec.generate.maxRows ?? 500);
    rows = randomInt(min, max + 1);
    await writeFresh(ctx.workDir, spec.generate.file, generatedCsv(rows, spec.generate.finalNewline ?? true));
    ctx.log(`  generated ${spec.generate.file}: a header and ${rows} rows, ${spec.generate.finalNewline ?? true ? 'with' : 'without'} a final newline`);
  }
  const argv = spec.run.map((a) => a.replace(/\{python\}/g, ctx.python.path).replace(/\{input\}/g, spec.generate?.file ?? '{input}'));
  const run = await runProcess(argv, { cwd: ctx.workDir, timeoutMs: timeLeft(ctx), signal: ctx.signal, log: ctx.log });
  logOutput(ctx, run);
  const tool = commandLine(argv);
  const ended = describeEnd(run, ctx.timeoutMs);
  if (ended) return result(spec, started, { status: 'error', summary: `"${tool}" did not finish: ${ended}.`, runs: [run], tool });
  const problems: string[] = [];
  const expectedCode = spec.expectExitCode ?? 0;
  if (run.exitCode !== expectedCode) problems.push(`"${tool}" exited with code ${run.exitCode}, expected ${expectedCode}.`);
  if (spec.expectStdout !== undefined) {
    const expected = spec.expectStdout.replace(/\{rows\}/g, String(rows ?? '{rows}'));
    if (run.stdout !== expected) {
      const input = spec.generate ? ` for a file of ${rows} rows generated just now` : '';
      problems.push(`Its output${input} was ${shown(run.stdout)}, expected exactly ${shown(expected)}${/\n/.test(run.stdout.trimEnd()) && !/\n/.test(expected.trimEnd()) ? ': print only the answer (debug lines go to stderr)' : ''}.`);
    }
  }
  if (spec.expectStderr !== undefined && !new RegExp(spec.expectStderr, 'm').test(run.stderr)) {
    problems.push(`Its error output ${shown(run.stderr)} does not match /${spec.expectStderr}/.`);
  }
  if (spec.expectOutput !== undefined) {
    const output = `${run.stdout}${run.stderr}`;
    if (!new RegExp(spec.expectOutput, 'm').test(output)) {
      problems.push(`Its output ${shown(output.trim().split('\n').slice(0, 3).join(' | ') || '(nothing)')} does not match /${spec.expectOutput}/.`);
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
