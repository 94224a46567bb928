// The assessment's two tool runs with the learner's interpreter: mypy at the project's own
// strictness, and (only when asked) the project's tests. mypy reads the project in place
// but writes its cache outside it and loads none of the project's plugins; the tests run in
// a scratch copy, because tests write files (caches, outputs) and the learner's folder must
// stay as it was. A missing tool, a timeout or a crash is a note saying what ran, never a
// finding against the learner and never a crash of the assessment.

import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type AssessmentNote, type CheckOutcome, type Evidence, counted } from '../../core/assessment';
import { parseJUnit } from '../junit';
import { parseMypy } from '../mypy';
import { commandLine, runProcess } from '../process';
import { pythonModule, requireModule } from '../python';
import { MissingToolError, type CommandRun, type PythonInfo } from '../types';
import { scratchCopy } from './projectFiles';

/** How long mypy, or the tests, may run in an assessment unless the caller says otherwise. */
export const TOOL_TIMEOUT_MS = 180_000;

export interface ToolRunOptions {
  readonly python: PythonInfo;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly onRun?: (run: CommandRun) => void;
}

const slash = (p: string) => p.split(path.sep).join('/');

/** The last non-empty line a tool printed, for a note about why it stopped. */
const lastLine = (run: CommandRun) => `${run.stderr}\n${run.stdout}`.trim().split(/\r?\n/).filter((l) => l.trim()).pop() ?? 'no output';

/** Why a run did not end by itself, or undefined when it did. */
function stopped(run: CommandRun, timeoutMs: number): string | undefined {
  if (run.cancelled) return 'it was cancelled';
  if (run.timedOut) return `it ran longer than its ${Math.round(timeoutMs / 1000)} s limit and was stopped`;
  if (run.exitCode === null) return run.signal ? `it was ended by ${run.signal}` : `it could not be started (${lastLine(run)})`;
  return undefined;
}

/** The module is installed for the interpreter, or a note naming the interpreter and the pip command. */
async function missing(python: PythonInfo, module: string, what: string): Promise<AssessmentNote | undefined> {
  try {
    await requireModule(python, module);
    return undefined;
  } catch (e) {
    if (e instanceof MissingToolError) return { message: `${e.message} — until then, ${what}` };
    throw e;
  }
}

/** The mypy settings file mypy itself would pick in the project, in its own order. */
export function mypyConfigFile(configs: ReadonlyMap<string, string>): string | undefined {
  const section = /^\s*\[mypy(?:-[^\]]*)?\]/m;
  if (configs.has('mypy.ini')) return 'mypy.ini';
  if (configs.has('.mypy.ini')) return '.mypy.ini';
  if (/^\s*\[tool\.mypy\]/m.test(configs.get('pyproject.toml') ?? '')) return 'pyproject.toml';
  if (section.test(configs.get('setup.cfg') ?? '')) return 'setup.cfg';
  return undefined;
}

/**
 * The settings text without `plugins`: a plugin is code mypy imports and runs, and the
 * assessment runs none of the project's code. A TOML array may span lines; an ini value may
 * continue on indented lines.
 */
export function withoutPlugins(text: string): { text: string; removed: boolean } {
  const out = text.replace(/^[ \t]*plugins[ \t]*=[ \t]*\[[^\]]*\][^\n]*\n?/gm, '').replace(/^[ \t]*plugins[ \t]*[=:][^\n]*\n(?:[ \t]+\S[^\n]*\n?)*/gm, '');
  return { text: out, removed: out !== text };
}

/** mypy over the project's Python files with the project's settings: `typing.mypy-clean`. */
export async function mypyOutcomes(abs: string, files: readonly string[], configs: ReadonlyMap<string, string>, notes: AssessmentNote[], opts: ToolRunOptions): Promise<CheckOutcome[]> {
  if (!files.length) return [];
  const absent = await missing(opts.python, 'mypy', 'mypy errors are not counted.');
  if (absent) {
    notes.push(absent);
    return [];
  }
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-assess-mypy-'));
  try {
    const configName = mypyConfigFile(configs);
    // A copy of the settings outside the project, so mypy finds no other file to follow.
    const own = configName === undefined ? { text: '[mypy]\n', removed: false } : withoutPlugins(configs.get(configName) ?? '');
    if (own.removed) notes.push({ file: configName, message: `mypy ran without the plugins ${configName} names: the assessment runs none of the project's code.` });
    // mypy reads a file by its name: TOML for pyproject.toml, [mypy] sections otherwise.
    const config = path.join(scratch, configName === 'pyproject.toml' || configName === 'setup.cfg' ? configName : 'mypy.ini');
    await fs.writeFile(config, own.text, 'utf8');
    const list = path.join(scratch, 'files.txt');
    // "./" first so no file name reads as an option; an argument file, as a project's list may be longer than a command line.
    await fs.writeFile(list, files.filter((f) => !/[\r\n]/.test(f)).map((f) => `.${path.sep}${f.split('/').join(path.sep)}`).join('\n') + '\n', 'utf8');
    const argv = [...pythonModule(opts.python, 'mypy'), '--config-file', config, '--cache-dir', path.join(scratch, 'cache'), '--show-column-numbers', '--show-error-codes', '--no-error-summary', '--no-color-output', '--no-pretty', `@${list}`];
    const run = await runProcess(argv, { cwd: abs, env: { MYPYPATH: undefined, MYPY_CACHE_DIR: undefined, MYPY_FORCE_COLOR: undefined }, timeoutMs: opts.timeoutMs, signal: opts.signal });
    opts.onRun?.(run);
    const ended = stopped(run, opts.timeoutMs);
    if (ended) {
      if (!run.cancelled) notes.push({ message: `mypy did not finish (${ended}): ${commandLine(argv)}; mypy errors are not counted.` });
      return [];
    }
    const errors = parseMypy(run.stdout, abs).filter((f) => f.severity === 'error');
    if (run.exitCode !== 0 && !errors.length) {
      notes.push({ message: `mypy stopped with exit code ${run.exitCode} (${lastLine(run)}); mypy errors are not counted.` });
      return [];
    }
    const settings = configName === undefined ? "mypy's defaults (no settings in the project)" : `the settings in ${configName}`;
    if (!errors.length) return [{ rule: 'typing.mypy-clean', share: 1, evidence: [{ detail: `mypy found no errors with ${settings}` }] }];
    const byCode = new Map<string, number>();
    for (const e of errors) byCode.set(e.code ?? 'error', (byCode.get(e.code ?? 'error') ?? 0) + 1);
    const codes = [...byCode].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c, n]) => `${c} ×${n}`).join(', ');
    const bad = new Set(errors.map((e) => e.file)).size;
    return [
      {
        rule: 'typing.mypy-clean',
        share: Math.max(0, 1 - bad / files.length),
        count: errors.length,
        message: `${counted(errors.length, 'mypy error')} in ${counted(bad, 'file')} (${codes}), with ${settings}.`,
        evidence: errors.map((e) => ({ file: slash(path.relative(abs, e.file)), line: e.line, detail: `${e.code ?? 'error'}: ${e.message}` })),
      },
    ];
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

/** The project's tests, run with pytest in a scratch copy of `files`: `tests.pass`. */
export async function pytestOutcomes(abs: string, files: readonly string[], notes: AssessmentNote[], opts: ToolRunOptions): Promise<CheckOutcome[]> {
  const absent = await missing(opts.python, 'pytest', 'the tests are not run.');
  if (absent) {
    notes.push(absent);
    return [];
  }
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-assess-tests-'));
  try {
    const copy = path.join(scratch, 'project');
    // A file that vanished or cannot be read since the listing is left out of the copy; the tests that need it say so.
    await scratchCopy(abs, files, copy);
    const junit = path.join(scratch, 'junit.xml');
    const argv = [...pythonModule(opts.python, 'pytest'), '-q', '-rN', '--color=no', '-p', 'no:cacheprovider', `--basetemp=${path.join(scratch, 'tmp')}`, `--junitxml=${junit}`, '-o', 'junit_family=xunit1'];
    const run = await runProcess(argv, { cwd: copy, env: { PYTEST_ADDOPTS: undefined, PYTEST_PLUGINS: undefined, PYTHONDONTWRITEBYTECODE: '1' }, timeoutMs: opts.timeoutMs, signal: opts.signal });
    opts.onRun?.(run);
    const ran = `${commandLine(argv.slice(0, pythonModule(opts.python, 'pytest').length))} in a copy of the project`;
    const ended = stopped(run, opts.timeoutMs);
    if (ended) {
      if (!run.cancelled) notes.push({ message: `The tests did not finish (${ended}): ran ${ran}; they are not counted.` });
      return [];
    }
    const results = parseJUnit(await fs.readFile(junit, 'utf8').catch(() => ''));
    // pytest's exit codes: 0 all passed, 1 some failed, 2 stopped by errors while collecting,
    // 5 nothing collected; others are its own failures (a usage error, an internal error).
    if (run.exitCode === 5 || (!results.length && run.exitCode === 0)) return [{ rule: 'tests.pass', share: 0, message: 'pytest collected no tests in the project.' }];
    if (!results.length || (run.exitCode !== 0 && run.exitCode !== 1 && run.exitCode !== 2)) {
      notes.push({ message: `pytest stopped with exit code ${run.exitCode} (${lastLine(run)}): ran ${ran}; the tests are not counted.` });
      return [];
    }
    // A module that cannot be imported is reported as an error without a line: no test in it was collected.
    const uncollected = results.filter((t) => t.outcome === 'error' && t.line === undefined);
    const tests = results.filter((t) => !uncollected.includes(t));
    const failed = tests.filter((t) => t.outcome === 'failed' || t.outcome === 'error');
    const passed = tests.filter((t) => t.outcome === 'passed').length;
    const skipped = tests.length - passed - failed.length;
    const summary = [
      `${counted(tests.length, 'test')} collected: ${passed} passed, ${failed.length} failed${skipped ? `, ${skipped} skipped` : ''}`,
      ...(uncollected.length ? [`${counted(uncollected.length, 'test file')} could not be collected`] : []),
    ].join('; ');
    if (!failed.length && !uncollected.length) return [{ rule: 'tests.pass', share: 1, evidence: [{ detail: summary }] }];
    const first = (m?: string) => (m ? `: ${m.split('\n')[0].slice(0, 160)}` : '');
    const evidence: Evidence[] = [
      ...uncollected.map((t) => ({ ...(t.file && { file: slash(t.file) }), detail: `could not be collected${first(t.message?.replace(/^collection failure:\s*/, ''))}` })),
      ...failed.map((t) => ({ ...(t.file && { file: slash(t.file) }), ...(t.line && { line: t.line }), detail: `${t.id}${t.outcome === 'error' ? ' (error)' : ''}${first(t.message)}` })),
    ];
    return [{ rule: 'tests.pass', share: passed / Math.max(1, passed + failed.length + uncollected.length), count: failed.length + uncollected.length, message: `${summary}.`, evidence }];
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}
