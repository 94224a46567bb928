// mypy, plus the exercise's bans on `# type: ignore` and explicit `Any`.

import { promises as fs } from 'fs';
import * as path from 'path';
import type { MypyCheck } from '../core/model';
import { inside } from './paths';
import { describeEnd, runProcess, timeLeft } from './process';
import { logOutput } from './pytest';
import { requireModule } from './python';
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

export async function pythonFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (e.name.startsWith('.') || e.name === '__pycache__' || e.name === 'node_modules' || e.name === 'venv') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await pythonFiles(p)));
    else if (e.isFile() && e.name.endsWith('.py')) out.push(p);
  }
  return out.sort();
}

/** Strips a trailing comment and string literals so a ban on `Any` ignores prose. */
function codeOnly(line: string): string {
  return line.replace(/(["'])(?:\\.|(?!\1).)*\1/g, '""').replace(/#.*$/, '');
}

export function findForbidden(file: string, text: string, bans: { typeIgnore?: boolean; any?: boolean; noqa?: boolean }): Finding[] {
  const out: Finding[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const at = (col: number, message: string, code: string): Finding => ({ file, line: i + 1, column: col + 1, severity: 'error', message, source: 'upskill', code });
    if (bans.typeIgnore) {
      const m = /#\s*type:\s*ignore/.exec(line);
      if (m) out.push(at(m.index, 'This exercise does not allow "# type: ignore": fix the type instead of silencing mypy.', 'no-type-ignore'));
    }
    if (bans.noqa) {
      const m = /#\s*noqa\b/i.exec(line);
      if (m) out.push(at(m.index, 'This exercise does not allow "# noqa": fix the finding instead of silencing Ruff.', 'no-noqa'));
    }
    if (bans.any) {
      const m = /\bAny\b/.exec(codeOnly(line));
      if (m) out.push(at(m.index, 'This exercise does not allow explicit Any: name the real type (a union, a TypeVar, object, or a Protocol).', 'no-any'));
    }
  });
  return out;
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
  const run = await runProcess(argv, { cwd: ctx.workDir, timeoutMs: timeLeft(ctx), signal: ctx.signal, log: ctx.log });
  logOutput(ctx, run);
  const tool = `${ctx.python.path} -m mypy`;
  const ended = describeEnd(run, ctx.timeoutMs);
  if (ended) return result(spec, started, { status: 'error', summary: `mypy did not finish: ${ended}.`, runs: [run], tool });
  const findings = parseMypy(run.stdout, ctx.workDir).filter((f) => f.severity !== 'info');
  if (spec.forbidTypeIgnore || spec.forbidAny) {
    for (const t of targets) {
      const abs = path.join(ctx.workDir, t);
      const files = (await fs.stat(abs).catch(() => undefined))?.isDirectory() ? await pythonFiles(abs) : [abs];
      for (const f of files) {
        const text = await fs.readFile(f, 'utf8').catch(() => '');
        findings.push(...findForbidden(f, text, { typeIgnore: spec.forbidTypeIgnore, any: spec.forbidAny }));
      }
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
