// What a tool printed, into the check's log: every line indented under its command, then
// how it ended.

import type { CheckContext, CommandRun } from './types';

export function logOutput(ctx: CheckContext, run: CommandRun): void {
  const text = `${run.stdout}${run.stderr ? `\n${run.stderr}` : ''}`.trimEnd();
  if (text) for (const line of text.split('\n')) ctx.log(`  ${line}`);
  ctx.log(`  → exit code ${run.exitCode ?? run.signal ?? 'none'} in ${run.durationMs} ms`);
}
