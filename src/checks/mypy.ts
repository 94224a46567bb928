// mypy with the exercise's own configuration and an incremental cache in Upskill's storage.
// Stub files and inline `# mypy:` directives in the learner's folder are refused (mypy would
// obey them); `Any` is forbidden through mypy's own options, so prose never trips the ban;
// suppression comments are found by Python's tokenizer.

import { promises as fs } from 'fs';
import * as path from 'path';
import { randomBytes } from 'crypto';
import type { MypyCheck } from '../core/model';
import { describeEnd, runProcess, timeLeft } from './process';
import { readMypySettings } from './mypyConfig';
import { logOutput } from './output';
import { findSuppressions, suppressionFinding } from './pyhelper';
import { pythonModule, requireModule } from './python';
import { pythonFiles, targetFiles } from './pythonSources';
import { plural, result } from './result';
import { safeName, storageRoot } from './scratch';
import type { CheckContext, CheckResult, CommandRun, Finding } from './types';

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

/** mypy's own options that forbid `Any`, explicit or smuggled in (string annotations, type comments, untyped imports). */
export const NO_ANY_OPTIONS = ['--disallow-any-explicit', '--disallow-any-expr', '--disallow-any-decorated', '--disallow-any-unimported', '--disallow-any-generics', '--disallow-subclassing-any'];

/** mypy's incremental cache for one exercise, in Upskill's storage (never in the learner's folder). */
export function mypyCacheDir(ctx: CheckContext): string {
  return path.join(storageRoot(ctx.storageDir), 'cache', safeName(ctx.exercise.id), 'mypy');
}

export async function checkMypy(spec: MypyCheck, ctx: CheckContext): Promise<CheckResult> {
  const started = Date.now();
  await requireModule(ctx.python, 'mypy');
  const tool = `${ctx.python.path} -m mypy`;
  const runs: CommandRun[] = [];
  // What mypy would obey in the learner's folder instead of the exercise: stubs and inline directives.
  const refusals: Finding[] = [];
  const stubs = await pythonFiles(ctx.workDir, '.pyi');
  for (const f of stubs) refusals.push({ file: f, line: 1, column: 1, severity: 'error', message: 'Stub files (.pyi) are not allowed in this exercise: mypy would read the stub instead of your code. Delete it and annotate the .py file.', source: 'upskill', code: 'no-stub' });
  // Every file, named one by one: mypy's own crawl skips dot-folders and folders named
  // site-packages or node_modules, and code there could still be imported.
  const files = await targetFiles(ctx, spec.targets);
  for (const f of files.filter((x) => /[\r\n]/.test(x))) refusals.push({ file: f, line: 1, column: 1, severity: 'error', message: 'This file name holds a line break, which mypy cannot be given; rename the file.', source: 'upskill', code: 'file-name' });
  if (!files.length) return result(spec, started, { status: 'failed', summary: 'No Python files were found to type-check.', runs, tool });
  const kinds = new Set(['mypy:', 'no_type_check', ...(spec.forbidTypeIgnore ? ['type: ignore'] : [])]);
  // The tokenizer scan and mypy run side by side: a check waits for the slower, not the sum.
  const scan = findSuppressions(ctx, files, runs);
  // The exercise's own configuration, or the learner's settings read from the file `config`
  // names and written out again: a file outside the copy either way, so mypy.ini, setup.cfg
  // or pyproject.toml in the learner's folder are never read by mypy itself.
  let ini = '[mypy]\nwarn_unused_ignores = True\n';
  if (spec.config !== undefined) {
    const own = await readMypySettings(ctx, spec.config, runs);
    if (own.problem) return result(spec, started, { status: 'failed', summary: own.problem, runs, tool });
    for (const note of own.notes) ctx.log(`  ${note}`);
    ini = own.ini;
  }
  const configDir = path.join(path.dirname(ctx.workDir), `tool-${randomBytes(6).toString('hex')}`);
  await fs.mkdir(configDir, { recursive: true });
  const config = path.join(configDir, 'mypy.ini');
  await fs.writeFile(config, ini, 'utf8');
  // The files as an argument file (one per line, "./" first so none reads as an option): a
  // project's list can be longer than a command line may be.
  const fileList = path.join(configDir, 'files.txt');
  ctx.log(`  mypy reads ${plural(files.length, 'file')}: ${files.slice(0, 10).map((f) => path.relative(ctx.workDir, f)).join(', ')}${files.length > 10 ? ', …' : ''}`);
  await fs.writeFile(fileList, files.filter((f) => !/[\r\n]/.test(f)).map((f) => `.${path.sep}${path.relative(ctx.workDir, f)}`).join('\n') + '\n', 'utf8');
  const argv = [
    ...pythonModule(ctx.python, 'mypy'),
    '--config-file', config,
    '--cache-dir', mypyCacheDir(ctx),
    '--show-column-numbers', '--show-error-codes', '--no-error-summary', '--no-color-output',
    ...(spec.args ?? []),
    ...(spec.forbidAny ? NO_ANY_OPTIONS : []),
    `@${fileList}`,
  ];
  let run: CommandRun;
  try {
    run = await runProcess(argv, { cwd: ctx.workDir, env: { MYPYPATH: undefined, MYPY_CACHE_DIR: undefined }, timeoutMs: timeLeft(ctx), signal: ctx.signal, log: ctx.log });
  } finally {
    await fs.rm(configDir, { recursive: true, force: true });
  }
  refusals.push(...(await scan).filter((x) => kinds.has(x.kind)).map(suppressionFinding));
  if (refusals.length) {
    runs.push(run);
    for (const f of refusals) ctx.log(`  ${path.relative(ctx.workDir, f.file)}:${f.line}:${f.column} ${f.message}`);
    return result(spec, started, {
      status: 'failed',
      summary: `${refusals[0].message} (${path.relative(ctx.workDir, refusals[0].file)}:${refusals[0].line}${refusals.length > 1 ? `, and ${refusals.length - 1} more` : ''})`,
      details: refusals.map((f) => `${path.relative(ctx.workDir, f.file)}:${f.line}:${f.column} ${f.message}`),
      findings: refusals,
      runs,
      tool,
    });
  }
  runs.push(run);
  logOutput(ctx, run);
  const ended = describeEnd(run, ctx.timeoutMs);
  if (ended) return result(spec, started, { status: 'error', summary: `mypy did not finish: ${ended}.`, runs, tool });
  const findings = parseMypy(run.stdout, ctx.workDir)
    .filter((f) => f.severity !== 'info')
    .map((f) => (/^Explicit "Any" is not allowed|^Expression (type contains|has type) "Any"/.test(f.message) ? { ...f, message: `${f.message}: name the real type (a union, a TypeVar, object, or a Protocol).` } : f));
  // Exit 2 with findings is a file mypy could not parse: a finding for the learner, not a crash.
  if (run.exitCode !== 0 && run.exitCode !== 1 && !findings.length) {
    const last = `${run.stderr}\n${run.stdout}`.trim().split('\n').slice(-1)[0];
    return result(spec, started, { status: 'error', summary: `mypy stopped with exit code ${run.exitCode}: ${last}`, runs, tool, findings });
  }
  if (!findings.length && run.exitCode !== 0) return result(spec, started, { status: 'failed', summary: `mypy exited with code ${run.exitCode} without naming a problem; its output is in the Upskill log.`, runs, tool });
  if (!findings.length) return result(spec, started, { status: 'passed', summary: 'mypy found no type errors.', runs, tool });
  const syntax = findings.filter((f) => f.code === 'syntax');
  const names = new Set(findings.map((f) => path.basename(f.file)));
  return result(spec, started, {
    status: 'failed',
    summary: syntax.length
      ? // "file:line", which a notebook's stand-in maps to its cell and line like every finding.
        `${path.relative(ctx.workDir, syntax[0].file)}:${syntax[0].line} is not valid Python (${syntax[0].message}), so mypy could not check it; fix the syntax first.`
      : `${plural(findings.length, 'type problem')} in ${[...names].join(', ')}; they are in the Problems panel.`,
    details: findings.map((f) => `${path.relative(ctx.workDir, f.file)}:${f.line}:${f.column} ${f.message}${f.code ? ` [${f.code}]` : ''}`),
    findings,
    runs,
    tool,
  });
}
