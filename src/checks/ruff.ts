// Ruff lint and format checks: the interpreter's own `ruff` when it has one (what the
// learner's CI would run), else the bundled WebAssembly build. Results say which ran.
// Both read the same files, every Python file of the targets (see pythonSources.ts).

import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { RuffFormatCheck, RuffLintCheck } from '../core/model';
import { describeEnd, runProcess, timeLeft } from './process';
import { logOutput } from './output';
import { askPython, findSuppressions, suppressionFinding } from './pyhelper';
import { hasModule, pythonModule } from './python';
import { pythonFiles, targetFiles } from './pythonSources';
import { plural, result } from './result';
import { cliOverrides, hasSetting, readRuffSettings, type RuffSettings } from './ruffConfig';
import type { CheckContext, CheckResult, CommandRun, Finding } from './types';
import { cellPlace, joinCells, NotebookFormatError, parseNotebook } from '../core/notebookCells';
import { notebookFiles } from './notebooks';

interface RuffWasm {
  Workspace: {
    new (options: unknown, encoding: number): { check(src: string): WasmDiagnostic[]; format(src: string): string; free(): void };
    version(): string;
  };
  PositionEncoding: { Utf16: number };
}

interface WasmDiagnostic {
  code: string | null;
  message: string;
  start_location: { row: number; column: number };
  end_location: { row: number; column: number };
}

let wasm: RuffWasm | undefined;
function loadWasm(): RuffWasm {
  // Loaded on first use only: it is the largest thing Upskill ships.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  wasm ??= require('@astral-sh/ruff-wasm-nodejs') as RuffWasm;
  return wasm;
}

/** Why Ruff rejects a `[tool.ruff]` table, or undefined when it reads it (the bundled build's settings reader). */
export function ruffAcceptsSettings(settings: Record<string, unknown>): string | undefined {
  const { Workspace, PositionEncoding } = loadWasm();
  try {
    new Workspace(settings, PositionEncoding.Utf16).free();
    return undefined;
  } catch (e) {
    return String((e as Error).message ?? e).split('\n')[0];
  }
}


/** How long Ruff lints before it gives the event loop a turn (the extension host's other work, a cancel). */
const LINT_SLICE_MS = 25;

/**
 * Lints many files with one WebAssembly workspace (the project assessment). `next` is told
 * how many files are done and returns false to stop early (cancelled). The WebAssembly call
 * is synchronous, so the loop yields every LINT_SLICE_MS: linting a monorepo must not hold
 * the extension host, and a cancel must be heard. Throws when Ruff does not accept the
 * settings; ruffAcceptsSettings says why first.
 */
export async function lintWithWasm(settings: Record<string, unknown>, files: readonly { file: string; text: string }[], next: (done: number) => boolean): Promise<{ file: string; line: number; code: string | null; message: string }[]> {
  const { Workspace, PositionEncoding } = loadWasm();
  const ws = new Workspace(settings, PositionEncoding.Utf16);
  const out: { file: string; line: number; code: string | null; message: string }[] = [];
  try {
    let slice = Date.now();
    for (const [i, f] of files.entries()) {
      if (Date.now() - slice >= LINT_SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        slice = Date.now();
      }
      if (!next(i)) break;
      for (const d of ws.check(f.text)) out.push({ file: f.file, line: d.start_location.row, code: d.code, message: d.message });
    }
  } finally {
    ws.free();
  }
  return out;
}

/** Ruff's JSON output (`ruff check --output-format json`) as findings. */
export function parseRuffJson(json: string): Finding[] {
  const items = JSON.parse(json || '[]') as { code: string | null; message: string; filename: string; location: { row: number; column: number }; end_location?: { row: number; column: number } }[];
  return items.map((d) => ({
    file: d.filename,
    line: d.location.row,
    column: d.location.column,
    endLine: d.end_location?.row,
    endColumn: d.end_location?.column,
    severity: 'error',
    message: d.message,
    source: 'ruff',
    code: d.code ?? undefined,
  }));
}

export function wasmFindings(file: string, diagnostics: readonly WasmDiagnostic[]): Finding[] {
  return diagnostics.map((d) => ({
    file,
    line: d.start_location.row,
    column: d.start_location.column,
    endLine: d.end_location.row,
    endColumn: d.end_location.column,
    severity: 'error',
    message: d.message,
    source: 'ruff',
    code: d.code ?? undefined,
  }));
}

/**
 * The modules the Ruff command line takes for first-party in this folder: what its default
 * `src = [".", "src"]` finds there (a folder, or a `.py`/`.pyi` file, named like a module).
 * The WebAssembly build has no file system to look in, so without this list it sorts
 * `from train import main` in with `import pytest`, where `ruff check` wants a block of its
 * own (I001), and the learner could never satisfy both.
 */
export async function firstPartyModules(dir: string): Promise<string[]> {
  const names = new Set<string>();
  for (const root of [dir, path.join(dir, 'src')]) {
    for (const e of await fs.readdir(root, { withFileTypes: true }).catch(() => [])) {
      const name = e.isDirectory() ? e.name : e.isFile() && /\.pyi?$/.test(e.name) ? e.name.replace(/\.pyi?$/, '') : undefined;
      if (name !== undefined && /^[A-Za-z_]\w*$/.test(name)) names.add(name);
    }
  }
  return [...names].sort();
}

/** The learner's settings when the check names a `config` file, else none; see ruffConfig.ts. */
async function learnerSettings(spec: RuffLintCheck | RuffFormatCheck, ctx: CheckContext, runs: CommandRun[]): Promise<RuffSettings> {
  return spec.config === undefined ? { settings: {}, notes: [] } : readRuffSettings(ctx, spec.config, runs);
}

/**
 * The exercise's rule choice where the learner's settings make none, over the learner's
 * settings; the folder's first-party modules unless the learner names their own.
 */
function lintOptions(spec: RuffLintCheck, settings: Record<string, unknown>, firstParty: readonly string[]): Record<string, unknown> {
  const lint = (settings.lint ?? {}) as Record<string, unknown>;
  const isort = (lint.isort ?? {}) as Record<string, unknown>;
  return {
    ...settings,
    lint: {
      ...(spec.select && !hasSetting(settings, 'select') && { select: spec.select }),
      ...(spec.ignore && !hasSetting(settings, 'ignore') && { ignore: spec.ignore }),
      ...lint,
      ...(firstParty.length && isort['known-first-party'] === undefined && { isort: { ...isort, 'known-first-party': firstParty } }),
    },
  };
}

/** The WebAssembly build's workspace, or why Ruff does not accept these settings. */
function workspace(options: Record<string, unknown>): { ws?: InstanceType<RuffWasm['Workspace']>; rejected?: string } {
  const { Workspace, PositionEncoding } = loadWasm();
  try {
    return { ws: new Workspace(options, PositionEncoding.Utf16) };
  } catch (e) {
    return { rejected: String((e as Error).message ?? e).split('\n')[0] };
  }
}

/** Ruff stopped without checking (exit 2: settings it does not accept, a file it cannot read). */
function ruffStopped(run: CommandRun): string | undefined {
  if (run.exitCode === 0 || run.exitCode === 1) return undefined;
  const why = `${run.stderr}\n${run.stdout}`.trim().split('\n').map((l) => l.trim()).filter(Boolean);
  const cause = why.find((l) => /^(Cause:|error:)/.test(l)) ?? why[0] ?? '';
  return `Ruff stopped with exit code ${run.exitCode}: ${cause.replace(/^Cause:\s*/, '')}`;
}

export async function checkRuffLint(spec: RuffLintCheck, ctx: CheckContext): Promise<CheckResult> {
  const started = Date.now();
  const files = await targetFiles(ctx, spec.targets);
  const runs: CommandRun[] = [];
  let findings: Finding[] = [];
  let tool: string;
  const { settings, notes, problem } = await learnerSettings(spec, ctx, runs);
  if (problem) return result(spec, started, { status: 'failed', summary: problem, runs, tool: 'Ruff' });
  if (!files.length) return result(spec, started, { status: 'failed', summary: 'No Python files were found to lint.', details: notes, runs, tool: 'Ruff' });
  if (await hasModule(ctx.python, 'ruff')) {
    tool = `${ctx.python.path} -m ruff`;
    const argv = [...pythonModule(ctx.python, 'ruff'), 'check', '--output-format', 'json', '--no-cache', '--isolated', ...cliOverrides(settings)];
    if (spec.select?.length && !hasSetting(settings, 'select')) argv.push('--select', spec.select.join(','));
    if (spec.ignore?.length && !hasSetting(settings, 'ignore')) argv.push('--ignore', spec.ignore.join(','));
    // Every file by name, as the WebAssembly build reads them: Ruff's own walk skips
    // site-packages, __pypackages__, dist and whatever .gitignore names.
    argv.push('--', ...files.map((f) => path.relative(ctx.workDir, f)));
    const run = await runProcess(argv, { cwd: ctx.workDir, timeoutMs: timeLeft(ctx), signal: ctx.signal, log: ctx.log });
    runs.push(run);
    logOutput(ctx, run);
    const ended = describeEnd(run, ctx.timeoutMs);
    if (ended) return result(spec, started, { status: 'error', summary: `Ruff did not finish: ${ended}.`, runs, tool });
    const stopped = ruffStopped(run);
    if (stopped) return result(spec, started, { status: 'failed', summary: stopped, details: notes, runs, tool });
    try {
      findings = parseRuffJson(run.stdout).map((f) => ({ ...f, file: path.resolve(ctx.workDir, f.file) }));
    } catch {
      return result(spec, started, { status: 'error', summary: `Ruff's output could not be read (exit code ${run.exitCode}).`, runs, tool });
    }
  } else {
    const { Workspace } = loadWasm();
    tool = `Ruff ${Workspace.version()} (WebAssembly, bundled with Upskill; ${ctx.python.path} has no ruff)`;
    const options = lintOptions(spec, settings, await firstPartyModules(ctx.workDir));
    ctx.log(`Ruff lint with ${tool}: ${JSON.stringify(options)}, ${plural(files.length, 'file')}`);
    const { ws, rejected } = workspace(options);
    if (!ws) return result(spec, started, { status: 'failed', summary: `Ruff does not accept the settings in ${spec.config ?? 'the exercise'}: ${rejected}`, details: notes, runs, tool });
    try {
      for (const f of files) {
        const text = await fs.readFile(f, 'utf8');
        // A file that does not parse is reported by Ruff as a syntax-error diagnostic.
        findings.push(...wasmFindings(f, ws.check(text)));
      }
    } finally {
      ws.free();
    }
    for (const f of findings) ctx.log(`  ${path.relative(ctx.workDir, f.file)}:${f.line}:${f.column} ${f.code ?? ''} ${f.message}`);
  }
  // File-level exemptions are never allowed; line-level noqa when the exercise says so. Found
  // by Python's tokenizer, so "# noqa" inside a string is prose, not a suppression.
  const banned = new Set(['ruff: noqa', 'ruff: disable', ...(spec.forbidNoqa ? ['noqa'] : [])]);
  findings.push(...(await findSuppressions(ctx, files, runs)).filter((x) => banned.has(x.kind)).map(suppressionFinding));
  if (!findings.length) return result(spec, started, { status: 'passed', summary: `Ruff found nothing in ${plural(files.length, 'file')}.`, details: notes, runs, tool });
  const codes = [...new Set(findings.map((f) => f.code).filter(Boolean))];
  return result(spec, started, {
    status: 'failed',
    summary: `Ruff found ${plural(findings.length, 'problem')} (${codes.slice(0, 6).join(', ')}); they are in the Problems panel.`,
    details: [...notes, ...findings.map((f) => `${path.relative(ctx.workDir, f.file)}:${f.line}:${f.column} ${f.code ?? ''} ${f.message}`)],
    findings,
    runs,
    tool,
  });
}

/**
 * The code cells that `ruff format` would change, one finding on each, from the bundled
 * build. A cell with IPython syntax (`%magic`, `!shell`) is left as it is: Python's grammar
 * does not read it.
 */
export async function unformattedCells(notebooks: readonly string[], options: Record<string, unknown>, ctx: CheckContext): Promise<Finding[]> {
  const findings: Finding[] = [];
  const { ws, rejected } = workspace(options);
  if (!ws) return notebooks.map((file) => ({ file, line: 1, column: 1, severity: 'error', message: `Ruff does not accept these settings: ${rejected}`, source: 'ruff-format' }));
  try {
    for (const file of notebooks) {
      let cells;
      try {
        cells = parseNotebook(await fs.readFile(file, 'utf8'), path.relative(ctx.workDir, file));
      } catch (e) {
        if (!(e instanceof NotebookFormatError)) throw e;
        findings.push({ file, line: 1, column: 1, severity: 'error', message: e.message, source: 'upskill', code: 'notebook' });
        continue;
      }
      for (const c of cells) {
        if (c.kind !== 'code' || !c.source.trim()) continue;
        const off = c.source.split('\n').findIndex((l) => /#\s*fmt:\s*(off|skip)\b/.test(l));
        if (off >= 0) findings.push({ file, cell: c.index, line: off + 1, column: 1, severity: 'error', message: 'This exercise does not allow "# fmt: off" or "# fmt: skip": let the formatter format every line.', source: 'upskill', code: 'no-fmt-off' });
        const text = c.source.replace(/\r\n?/g, '\n').replace(/\n+$/, '');
        let formatted: string | undefined;
        try {
          formatted = formatCell(text, (code) => ws.format(code));
        } catch (e) {
          const line = e instanceof CellSyntaxError ? e.line : 1;
          const why = e instanceof CellSyntaxError ? `it is not valid Python at line ${line} (${e.message})` : String(e);
          findings.push({ file, cell: c.index, line, column: 1, severity: 'error', message: `Ruff could not format this cell: ${why}.`, source: 'ruff-format' });
          continue;
        }
        if (formatted === undefined || formatted === text) continue;
        const line = firstDifference(text, formatted);
        findings.push({ file, cell: c.index, line, column: 1, severity: 'error', message: `ruff format would reformat this cell, starting at line ${line}. Run "ruff format ${path.relative(ctx.workDir, file)}" or format the cell in the editor.`, source: 'ruff-format' });
        ctx.log(`  would reformat ${path.relative(ctx.workDir, file)} ${cellPlace(c.index, line)}`);
      }
    }
  } finally {
    ws.free();
  }
  return findings;
}

/** A line of IPython's own syntax: `%magic`, `!shell`, `name?` (as core/notebookCells reads them). */
const IPYTHON_LINE = /^\s*([%!]|\w[\w.]*\?\??\s*$)/;

/**
 * A code cell as `ruff format` leaves it, its trailing newlines dropped; undefined for a cell
 * that is not Python (`%%bash`, `%%sql`, ...). As Ruff does in a notebook, IPython lines stay
 * as they are and the Python around them is formatted: each becomes a placeholder statement
 * of its indentation while the formatter runs. The body of a `%%time`, `%%timeit`,
 * `%%capture` or `%%prun` cell is Python and formatted, so such a magic hides nothing.
 */
/** Ruff could not parse a cell: the line of the cell where its parser stopped (1-based). */
export class CellSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Ruff's parse errors name a byte range of the code ("at byte range 12..13"): the line of the cell it starts on. */
function syntaxError(e: unknown, code: string): unknown {
  const text = String(e).replace(/^Error:\s*/, '');
  const m = /\s*at byte range (\d+)\.\.\d+\s*$/.exec(text);
  if (!m) return e;
  const before = Buffer.from(code, 'utf8').subarray(0, Number(m[1])).toString('utf8');
  // An error at the very end ("unexpected end of input") is on the last line, not after it.
  const last = code.replace(/\n+$/, '').split('\n').length;
  return new CellSyntaxError(text.slice(0, m.index), Math.min(before.split('\n').length, last));
}

export function formatCell(text: string, format: (code: string) => string): string | undefined {
  const lines = text.split('\n');
  if (/^\s*%%(time|timeit|capture|prun)\b/.test(lines[0] ?? '')) {
    const body = lines.slice(1).join('\n').replace(/\n+$/, '');
    if (!body.trim()) return text;
    let formatted: string | undefined;
    try {
      formatted = formatCell(body, format);
    } catch (e) {
      // The body starts on the cell's second line.
      throw e instanceof CellSyntaxError ? new CellSyntaxError(e.message, e.line + 1) : e;
    }
    return formatted === undefined ? undefined : `${lines[0]}\n${formatted}`;
  }
  if (/^\s*%%/.test(lines[0] ?? '')) return undefined;
  const escapes: string[] = [];
  const code = lines.map((l) => {
    if (!IPYTHON_LINE.test(l)) return l;
    escapes.push(l.trim());
    return `${/^\s*/.exec(l)![0]}__upskill_ipython_${escapes.length - 1}__`;
  });
  const source = `${code.join('\n')}\n`;
  let formatted: string;
  try {
    formatted = format(source).replace(/\n+$/, '');
  } catch (e) {
    throw syntaxError(e, source);
  }
  return escapes.length ? formatted.replace(/^(\s*)__upskill_ipython_(\d+)__$/gm, (_m, indent: string, i: string) => `${indent}${escapes[Number(i)]}`) : formatted;
}

/** The first line where two texts differ (1-based). */
export function firstDifference(a: string, b: string): number {
  const x = a.split('\n');
  const y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++) if (x[i] !== y[i]) return i + 1;
  return 1;
}

/** Python files the starter ships, relative to the learner's folder, among these targets. */
async function starterPythonFiles(ctx: CheckContext, targets: readonly string[] | undefined): Promise<string[]> {
  const ex = ctx.exercise;
  if (ex.starter === undefined) return [];
  const starter = path.join(ex.dir, ex.starter);
  const out: string[] = [];
  for (const t of targets?.length ? targets : ['.']) {
    const abs = path.join(starter, t);
    const stat = await fs.stat(abs).catch(() => undefined);
    if (stat?.isDirectory()) out.push(...(await pythonFiles(abs)).map((f) => path.relative(starter, f)));
    else if (stat?.isFile() && t.endsWith('.py')) out.push(path.normalize(t));
  }
  return out;
}

/**
 * A notebook the starter ships must keep its code: its code cells joined in order (what a
 * kernel runs) have the same syntax tree as the starter's. Cells may be split, merged or
 * reformatted, comments and Markdown edited; a notebook emptied or rewritten is not formatted.
 */
async function sameNotebookCode(ctx: CheckContext, targets: readonly string[] | undefined, runs: CommandRun[]): Promise<{ findings: Finding[]; compared: number }> {
  const ex = ctx.exercise;
  if (ex.starter === undefined) return { findings: [], compared: 0 };
  const starter = path.join(ex.dir, ex.starter);
  const shipped = (await notebookFiles(starter, targets).catch(() => [])).map((f) => path.relative(starter, f));
  if (!shipped.length) return { findings: [], compared: 0 };
  const findings: Finding[] = [];
  const temp = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-nbcode-'));
  try {
    const pairs: [string, string][] = [];
    const notebookOf = new Map<string, string>();
    for (const [i, rel] of shipped.entries()) {
      const mine = path.join(ctx.workDir, rel);
      let cells;
      try {
        cells = parseNotebook(await fs.readFile(mine, 'utf8'), rel);
      } catch (e) {
        const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
        if (!missing && !(e instanceof NotebookFormatError)) throw e;
        findings.push({ file: mine, line: 1, column: 1, severity: 'error', message: missing ? `${rel} is missing: format it, do not remove it.` : (e as Error).message, source: 'upskill', code: 'same-code' });
        continue;
      }
      const theirs = joinCells(parseNotebook(await fs.readFile(path.join(starter, rel), 'utf8'), rel)).source;
      const a = path.join(temp, `${i}-learner.py`);
      const b = path.join(temp, `${i}-starter.py`);
      await fs.writeFile(a, joinCells(cells).source, 'utf8');
      await fs.writeFile(b, theirs, 'utf8');
      pairs.push([a, b]);
      notebookOf.set(a, mine);
    }
    if (!pairs.length) return { findings, compared: 0 };
    for (const r of await askPython(ctx, 'same_ast', { pairs }, runs)) {
      if (r.same) continue;
      const file = notebookOf.get(r.file) ?? r.file;
      const message = r.error?.startsWith('reference')
        ? `The exercise's own copy of this notebook could not be read: ${r.error}`
        : r.error
          ? `The code cells of this notebook are not valid Python any more (${r.error.replace(/ \(.*?-learner\.py, /, ' (')}); formatting never changes what the code says.`
          : "This notebook's code no longer does what the starter's did: its code cells, joined in order, have another syntax tree. Formatting changes layout only, and the fixes asked for here keep the code the same; undo the other edits (Reset Exercise keeps a backup).";
      findings.push({ file, line: 1, column: 1, severity: 'error', message, source: 'upskill', code: 'same-code' });
    }
  } finally {
    await fs.rm(temp, { recursive: true, force: true });
  }
  return { findings, compared: shipped.length };
}

export async function checkRuffFormat(spec: RuffFormatCheck, ctx: CheckContext): Promise<CheckResult> {
  const started = Date.now();
  const files = await targetFiles(ctx, spec.targets);
  const runs: CommandRun[] = [];
  const findings: Finding[] = [];
  const lineLength = spec.lineLength ?? 88;
  let tool: string;
  const { settings, notes, problem } = await learnerSettings(spec, ctx, runs);
  if (problem) return result(spec, started, { status: 'failed', summary: problem, runs, tool: 'Ruff' });
  // Formatting must not change what the code is: every file the starter ships must still be
  // there, with the same syntax tree (docstrings compared by their words).
  const shipped = spec.sameCode === false ? [] : await starterPythonFiles(ctx, spec.targets);
  const missing = shipped.filter((rel) => !files.includes(path.join(ctx.workDir, rel)));
  for (const rel of missing) findings.push({ file: path.join(ctx.workDir, rel), line: 1, column: 1, severity: 'error', message: `${rel} is missing: format it, do not remove it.`, source: 'upskill' });
  const present = shipped.filter((rel) => !missing.includes(rel));
  const sameAst = await askPython(
    ctx,
    'same_ast',
    { pairs: present.map((rel) => [path.join(ctx.workDir, rel), path.join(ctx.exercise.dir, ctx.exercise.starter!, rel)]) },
    runs,
  );
  for (const r of sameAst) {
    if (r.same) continue;
    const message = r.error?.startsWith('reference')
      ? `The exercise's own copy of this file could not be read: ${r.error}`
      : r.error
        ? `This file is not valid Python any more (${r.error}); formatting never changes what the code says.`
        : 'This file no longer does what the starter did: its syntax tree changed. Formatting changes layout only; undo the other edits (Reset Exercise keeps a backup).';
    findings.push({ file: r.file, line: 1, column: 1, severity: 'error', message, source: 'upskill', code: 'same-code' });
  }
  const sameCells = spec.sameCode === false ? { findings: [], compared: 0 } : await sameNotebookCode(ctx, spec.targets, runs);
  findings.push(...sameCells.findings);
  findings.push(...(await findSuppressions(ctx, files, runs)).filter((x) => x.kind === 'fmt: off' || x.kind === 'yapf: disable').map(suppressionFinding));
  if (!files.length) {
    tool = 'Ruff';
  } else if (await hasModule(ctx.python, 'ruff')) {
    tool = `${ctx.python.path} -m ruff format`;
    const argv = [...pythonModule(ctx.python, 'ruff'), 'format', '--check', '--no-cache', '--isolated', ...cliOverrides(settings)];
    if (!hasSetting(settings, 'line-length')) argv.push('--line-length', String(lineLength));
    argv.push('--', ...files.map((f) => path.relative(ctx.workDir, f)));
    const run = await runProcess(argv, { cwd: ctx.workDir, timeoutMs: timeLeft(ctx), signal: ctx.signal, log: ctx.log });
    runs.push(run);
    logOutput(ctx, run);
    const ended = describeEnd(run, ctx.timeoutMs);
    if (ended) return result(spec, started, { status: 'error', summary: `Ruff did not finish: ${ended}.`, runs, tool });
    const reformat = [...run.stdout.matchAll(/^Would reformat: (.+)$/gm)].map((m) => path.resolve(ctx.workDir, m[1].trim()));
    for (const file of reformat) findings.push({ file, line: 1, column: 1, severity: 'error', message: 'ruff format would reformat this file.', source: 'ruff-format' });
    // The exit code decides: 1 means something would be reformatted, 2 that Ruff could not
    // read a file or does not accept the settings.
    const stopped = ruffStopped(run);
    if (stopped && spec.config !== undefined && !reformat.length) return result(spec, started, { status: 'failed', summary: stopped, details: notes, runs, tool });
    if (run.exitCode !== 0 && !reformat.length) {
      const why = `${run.stderr}\n${run.stdout}`.trim().split('\n').filter(Boolean).slice(-1)[0] ?? '';
      findings.push({ file: files[0] ?? ctx.workDir, line: 1, column: 1, severity: 'error', message: `ruff format --check exited with code ${run.exitCode}: ${why}`, source: 'ruff-format' });
    }
  } else {
    const { Workspace } = loadWasm();
    tool = `Ruff ${Workspace.version()} format (WebAssembly, bundled with Upskill; ${ctx.python.path} has no ruff)`;
    const options = { 'line-length': lineLength, ...settings };
    ctx.log(`Ruff format check with ${tool}, ${JSON.stringify(options)}, ${plural(files.length, 'file')}`);
    const { ws, rejected } = workspace(options);
    if (!ws) return result(spec, started, { status: 'failed', summary: `Ruff does not accept the settings in ${spec.config ?? 'the exercise'}: ${rejected}`, details: notes, runs, tool });
    try {
      for (const f of files) {
        const text = await fs.readFile(f, 'utf8');
        let formatted: string;
        try {
          formatted = ws.format(text);
        } catch (e) {
          findings.push({ file: f, line: 1, column: 1, severity: 'error', message: `Ruff could not format this file: ${String(e)}`, source: 'ruff-format' });
          continue;
        }
        if (formatted !== text) {
          const line = firstDifference(text, formatted);
          findings.push({
            file: f,
            line,
            column: 1,
            severity: 'error',
            message: `ruff format would reformat this file, starting at line ${line}. Run "ruff format ${path.relative(ctx.workDir, f)}" or format the document in the editor.`,
            source: 'ruff-format',
          });
          ctx.log(`  would reformat ${path.relative(ctx.workDir, f)} (first change at line ${line})`);
        }
      }
    } finally {
      ws.free();
    }
  }
  // Notebook cells, each formatted on its own as `ruff format` does a notebook's.
  const notebooks = await notebookFiles(ctx.workDir, spec.targets);
  if (notebooks.length) findings.push(...(await unformattedCells(notebooks, { 'line-length': lineLength, ...settings }, ctx)));
  if (!files.length && !notebooks.length && !findings.length) return result(spec, started, { status: 'failed', summary: 'No Python files were found to check.', details: notes, runs, tool });
  if (!findings.length) {
    const same = shipped.length || sameCells.compared ? ', with the same code as the starter' : '';
    const what = [files.length || !notebooks.length ? plural(files.length, 'file') : '', notebooks.length ? plural(notebooks.length, 'notebook') : ''].filter(Boolean).join(' and ');
    return result(spec, started, { status: 'passed', summary: `${what} formatted${same}.`, details: notes, runs, tool });
  }
  const other = findings.find((f) => f.source !== 'ruff-format');
  const reformatted = findings.filter((f) => f.source === 'ruff-format');
  // A notebook's cells are reported one by one: count them as cells, Python files as files.
  const cellCount = reformatted.filter((f) => f.cell !== undefined).length;
  const fileCount = new Set(reformatted.filter((f) => f.cell === undefined).map((f) => f.file)).size;
  const count = [fileCount ? plural(fileCount, 'file') : '', cellCount ? plural(cellCount, 'notebook cell') : ''].filter(Boolean).join(' and ');
  return result(spec, started, {
    status: 'failed',
    summary: other ? `${path.basename(other.file)}: ${other.message}` : `${count} would be reformatted: ${[...new Set(reformatted.map((f) => path.basename(f.file)))].join(', ')}.`,
    details: [...notes, ...findings.map((f) => `${path.relative(ctx.workDir, f.file)}${f.cell !== undefined ? ` ${cellPlace(f.cell, f.line)}` : `:${f.line}`} ${f.message}`)],
    findings,
    runs,
    tool,
  });
}
