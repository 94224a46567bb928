// mypy, plus the exercise's bans on `# type: ignore` and explicit `Any`.

import { promises as fs } from 'fs';
import * as path from 'path';
import type { MypyCheck } from '../core/model';
import { inside } from '../core/paths';
import { logOutput } from './output';
import { describeEnd, runProcess } from './process';
import { requireModule } from './python';
import { findForbidden, targetFiles } from './pythonSources';
import { plural, result } from './result';
import type { CheckContext, CheckResult, Finding } from './types';

const LINE = /^(.+?):(\d+):(?:(\d+):)?\s*(error|warning|note):\s*(.*?)(?:\s+\[([\w-]+)\])?$/;

/** Parses mypy's text output (`--show-column-numbers --show-error-codes`). Notes are kept as info. */
export function parseMypy(output: string, cwd: string): Finding[] {
  const findings: Finding[] = [];
  for (const raw of output.split(/\r?\n/)) {
    const m = LINE.exec(raw.trim());
    if (!m) continue;
    const [, file, line, col, level, message, code] = m;
    findings.push({
      file: path.resolve(cwd, file),
      line: Number(line),
      column: col ? Number(col) : 1,
      severity: level === 'error' ? 'error' : level === 'warning' ? 'warning' : 'info',
      message,
      source: 'mypy',
      code,
    });
  }
  return findings;
}

export async function checkMypy(spec: MypyCheck, ctx: CheckContext): Promise<CheckResult> {
  const started = Date.now();
  await requireModule(ctx.python, 'mypy');
  const targets = (spec.targets?.length ? spec.targets : ['.']).map((t) => (inside(ctx.workDir, t, 'target'), t));
  const argv = [
    ctx.python.path, '-m', 'mypy',
    '--show-column-numbers', '--show-error-codes', '--no-error-summary', '--no-color-output', '--no-incremental', '--cache-dir=/dev/null',
    ...(spec.args ?? []),
    ...targets,
  ];
  const run = await runProcess(argv, { cwd: ctx.workDir, timeoutMs: ctx.timeoutMs, signal: ctx.signal, log: ctx.log });
  logOutput(ctx, run);
  const tool = `${ctx.python.path} -m mypy`;
  const ended = describeEnd(run, ctx.timeoutMs);
  if (ended) return result(spec, started, { status: 'error', summary: `mypy did not finish: ${ended}.`, runs: [run], tool });
  const findings = parseMypy(run.stdout, ctx.workDir).filter((f) => f.severity !== 'info');
  if (spec.forbidTypeIgnore || spec.forbidAny) {
    for (const f of await targetFiles(ctx, targets)) {
      const text = await fs.readFile(f, 'utf8').catch(() => '');
      findings.push(...findForbidden(f, text, { typeIgnore: spec.forbidTypeIgnore, any: spec.forbidAny }));
    }
  }
  if (run.exitCode !== 0 && run.exitCode !== 1) {
    const last = `${run.stderr}\n${run.stdout}`.trim().split('\n').slice(-1)[0];
    return result(spec, started, { status: 'error', summary: `mypy stopped with exit code ${run.exitCode}: ${last}`, runs: [run], tool, findings });
  }
  if (!findings.length) return result(spec, started, { status: 'passed', summary: 'mypy found no type errors.', runs: [run], tool });
  const files = new Set(findings.map((f) => path.basename(f.file)));
  return result(spec, started, {
    status: 'failed',
    summary: `${plural(findings.length, 'type problem')} in ${[...files].join(', ')}; they are in the Problems panel.`,
    details: findings.map((f) => `${path.relative(ctx.workDir, f.file)}:${f.line}:${f.column} ${f.message}${f.code ? ` [${f.code}]` : ''}`),
    findings,
    runs: [run],
    tool,
  });
}
