// Assess My Project: reads a learner's project read-only and says, check by check, where its
// production skills stand (core/assessment.ts maps each check to a skill, a competency and an
// exercise). Nothing is written to the project and none of its code runs unless the tests or
// the workflows are asked for (then in a scratch copy): Ruff is the bundled WebAssembly build, mypy loads no
// plugins of the project, git is asked only read-only questions, and a file that cannot
// be read, a notebook that is not JSON or a broken config becomes a note, never a crash.

import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import * as path from 'path';
import YAML from 'yaml';
import { type AssessmentNote, type CheckOutcome, type Evidence, buildAssessment, commonFolder, counted, type Assessment } from '../../core/assessment';
import type { DockerfileRules } from '../../core/model';
import { dockerfileProblems } from '../dockerfile';
import { isSecretFile, secretKinds } from '../dockerSecrets';
import { TRUE_HISTORY_CONFIG, TRUE_HISTORY_ENV } from '../git';
import { triggers, type Workflow } from '../workflowModel';
import { type ProjectFiles, isIgnored, ignoreRules, projectFiles } from './projectFiles';
import { functionDefs, importedNames, isTestFile, moduleName, testsAssertingNothing } from './pythonScan';
import { firstPartyFromFiles, lintFindings } from './lint';
import { workflowRunOutcomes } from './runWorkflows';
import { TOOL_TIMEOUT_MS, mypyOutcomes, pytestOutcomes } from './projectTools';
import { resolvePython } from '../python';
import { type CommandRun, type InterpreterCandidate, MissingToolError, type PythonInfo } from '../types';

export interface AssessOptions {
  readonly signal?: AbortSignal;
  /** Told what is being read, for a progress bar. */
  readonly progress?: (message: string, done: number, total: number) => void;
  readonly clock?: () => Date;
  /** Longest a git question may take; a large history is left out with a note past it. */
  readonly gitTimeoutMs?: number;
  /**
   * Where to look for the learner's interpreter, in order. Without it mypy and the tests do
   * not run (the rest of the assessment needs no Python).
   */
  readonly interpreters?: readonly InterpreterCandidate[];
  /** Run the project's tests too (opt-in: tests are the project's code, and can be slow). */
  readonly runTests?: boolean;
  /**
   * Run the project's GitHub workflows too, as the ci-cd exercises' judge does, on changes
   * with a seeded lint finding and a seeded failing test (opt-in: the workflows' steps are the
   * project's commands, and slow), in a scratch copy. Needs the interpreter.
   */
  readonly runWorkflows?: boolean;
  /** Upskill's storage, for the workflow judge's caches; the OS temp dir by default. */
  readonly storageDir?: string;
  /** Longest mypy, or the tests, or the runs of one workflow may take; a note says so past it. */
  readonly toolTimeoutMs?: number;
  /** Told each project file whose contents the assessment reads (the bench counts them; tests watch what is read). */
  readonly onRead?: (rel: string) => void;
  /** Told each tool run (mypy, the tests) when it ends, with what it used (the bench adds up its CPU time). */
  readonly onRun?: (run: CommandRun) => void;
}

/** Longer than this, a file is not read as text (a data dump or a bundle, not code). */
export const MAX_TEXT_BYTES = 2 * 1024 * 1024;
/** A tracked file at least this large is a finding: git is not the place for it. */
export const LARGE_FILE_BYTES = 5 * 1024 * 1024;
/** A notebook cell longer than this does not fit on a screen. */
export const SCREEN_LINES = 40;

const DATA_FILE = /\.(csv|tsv|parquet|feather|arrow|h5|hdf5|h5ad|pkl|pickle|joblib|npy|npz|pt|pth|ckpt|onnx|safetensors|xlsx|xls|sav|rds|tfrecord|avro|orc)$/i;

export class AssessCancelled extends Error {
  constructor() {
    super('The assessment was cancelled.');
    this.name = 'AssessCancelled';
  }
}

interface Source {
  readonly rel: string;
  readonly lines: readonly string[];
}

export async function assessProject(root: string, opts: AssessOptions = {}): Promise<Assessment> {
  const started = Date.now();
  const abs = path.resolve(root);
  const notes: AssessmentNote[] = [];
  const stop = () => {
    if (opts.signal?.aborted) throw new AssessCancelled();
  };
  const st = await fs.stat(abs).catch(() => undefined);
  if (!st?.isDirectory()) throw new Error(`${root} is not a folder that can be read.`);

  opts.progress?.('Listing files', 0, 1);
  const listing = await projectFiles(abs, opts.signal, (n) => opts.progress?.('Listing files', n, 0));
  stop();
  for (const u of listing.unreadable) notes.push({ file: u, message: `${u}/ could not be read, so it was left out.` });

  const readText = async (rel: string): Promise<string | undefined> => {
    try {
      const s = await fs.stat(path.join(abs, rel));
      if (s.size > MAX_TEXT_BYTES) {
        notes.push({ file: rel, message: `${rel} is ${Math.round(s.size / 1024 / 1024)} MB, too large to read as source; it was left out.` });
        return undefined;
      }
      opts.onRead?.(rel);
      const buf = await fs.readFile(path.join(abs, rel));
      if (buf.subarray(0, 8000).includes(0)) {
        notes.push({ file: rel, message: `${rel} holds binary data, not text; it was left out.` });
        return undefined;
      }
      return buf.toString('utf8');
    } catch (e) {
      notes.push({ file: rel, message: `${rel} could not be read (${(e as NodeJS.ErrnoException).code ?? String(e)}); it was left out.` });
      return undefined;
    }
  };

  const pyFiles = listing.files.filter((f) => f.endsWith('.py'));
  const sources: Source[] = [];
  let lines = 0;
  for (const [i, rel] of pyFiles.entries()) {
    if (i % 50 === 0) opts.progress?.('Reading Python files', i, pyFiles.length);
    stop();
    const text = await readText(rel);
    if (text === undefined) continue;
    const ls = text.split(/\r?\n/);
    lines += ls.length;
    sources.push({ rel, lines: ls });
  }
  const notebooks: { rel: string; cells: string[][] }[] = [];
  for (const rel of listing.files.filter((f) => f.endsWith('.ipynb'))) {
    stop();
    const text = await readText(rel);
    if (text === undefined) continue;
    const cells = notebookCells(text);
    if (typeof cells === 'string') notes.push({ file: rel, message: `${rel} is not a notebook Jupyter can open (${cells}); it was left out.` });
    else {
      notebooks.push({ rel, cells });
      lines += cells.reduce((n, c) => n + c.length, 0);
    }
  }
  const configs = new Map<string, string>();
  for (const name of ['pyproject.toml', 'setup.cfg', 'tox.ini', 'mypy.ini', '.mypy.ini', 'ruff.toml', '.ruff.toml', '.flake8', '.pylintrc', 'pylintrc', '.pre-commit-config.yaml', 'requirements.txt', 'Pipfile', '.gitignore']) {
    if (listing.files.includes(name)) {
      const text = await readText(name);
      if (text !== undefined) configs.set(name, text);
    }
  }
  const pyproject = configs.get('pyproject.toml');
  if (pyproject !== undefined) for (const problem of tomlProblems(pyproject)) notes.push({ file: 'pyproject.toml', line: problem.line, message: `pyproject.toml:${problem.line}: ${problem.message}; the settings were read as far as they could be.` });

  const outcomes: CheckOutcome[] = [];
  stop();
  opts.progress?.('Linting with Ruff', 0, sources.length);
  outcomes.push(...(await lintOutcomes(sources, firstPartyFromFiles(listing.files), configs, notes, opts)));
  stop();
  outcomes.push(...typingOutcomes(sources, configs));
  outcomes.push(...testOutcomes(sources));
  const python = opts.interpreters && (await interpreter(opts.interpreters, notes));
  if (python) {
    const run = { python, timeoutMs: opts.toolTimeoutMs ?? TOOL_TIMEOUT_MS, signal: opts.signal, onRun: opts.onRun };
    opts.progress?.('Running mypy', 0, 1);
    outcomes.push(...(await mypyOutcomes(abs, sources.map((s) => s.rel), configs, notes, run)));
    stop();
    if (opts.runTests && sources.some((s) => isTestFile(s.rel))) {
      opts.progress?.('Running the tests', 0, 1);
      outcomes.push(...(await pytestOutcomes(abs, listing.files, notes, run)));
      stop();
    }
  }
  opts.progress?.('Reading workflows', 0, 1);
  const git = await gitFacts(abs, opts, notes);
  const ci = await ciOutcomes(listing, readText, configs, notes, git?.branch ?? 'main', sources);
  outcomes.push(...ci.outcomes);
  stop();
  if (python && opts.runWorkflows && ci.triggered.length) {
    opts.progress?.('Running the workflows', 0, ci.triggered.length);
    outcomes.push(...(await workflowRunOutcomes(abs, listing.files, ci.triggered, notes, { python, timeoutMs: opts.toolTimeoutMs ?? TOOL_TIMEOUT_MS, signal: opts.signal, storageDir: opts.storageDir, onRun: opts.onRun })));
    stop();
  }
  opts.progress?.('Asking git', 0, 1);
  outcomes.push(...(await gitOutcomes(abs, configs, git, notebooks.length > 0)));
  outcomes.push(...notebookOutcomes(notebooks, sources));
  outcomes.push(...(await cloudOutcomes(listing, readText, sources)));
  outcomes.push(...dependencyOutcomes(listing, configs));

  return buildAssessment({
    root,
    date: (opts.clock?.() ?? new Date()).toISOString(),
    commit: git?.commit,
    stats: { pythonFiles: sources.length, notebooks: notebooks.length, lines, durationMs: Date.now() - started },
    outcomes,
    notes,
  });
}

/** The learner's interpreter, or a note naming what was searched. */
async function interpreter(candidates: readonly InterpreterCandidate[], notes: AssessmentNote[]): Promise<PythonInfo | undefined> {
  try {
    return await resolvePython(candidates);
  } catch (e) {
    if (!(e instanceof MissingToolError)) throw e;
    notes.push({ message: `${e.message} Without it, mypy and the tests did not run.` });
    return undefined;
  }
}

/** A notebook's code cells as lines, or why it is not a notebook. */
export function notebookCells(text: string): string[][] | string {
  let nb: unknown;
  try {
    nb = JSON.parse(text);
  } catch (e) {
    return `not valid JSON: ${(e as Error).message}`;
  }
  const cells = (nb as { cells?: unknown })?.cells;
  if (!Array.isArray(cells)) return 'it has no list of cells';
  return cells
    .filter((c): c is { cell_type: string; source: unknown } => typeof c === 'object' && c !== null && (c as { cell_type?: unknown }).cell_type === 'code')
    .map((c) => (Array.isArray(c.source) ? c.source.map(String).join('') : String(c.source ?? '')).split(/\r?\n/));
}

/** Problems a TOML reader would stop at that are cheap to see: a table header left open, a key without a value. */
export function tomlProblems(text: string): { line: number; message: string }[] {
  const out: { line: number; message: string }[] = [];
  let inString = false;
  let depth = 0;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    const quotes = (line.match(/"""|'''/g) ?? []).length;
    if (inString) {
      if (quotes % 2) inString = false;
      return;
    }
    if (quotes % 2) inString = true;
    if (!line || line.startsWith('#')) return;
    if (depth > 0) {
      depth += (line.match(/\[/g) ?? []).length - (line.match(/\]/g) ?? []).length;
      return;
    }
    if (line.startsWith('[')) {
      if (!/^\[\[?[^[\]]+\]\]?\s*(#.*)?$/.test(line)) out.push({ line: i + 1, message: `the table header "${line}" is not closed` });
      return;
    }
    const eq = /^("[^"]*"|'[^']*'|[\w.-]+(?:\s*\.\s*[\w.-]+)*)\s*=\s*(.*)$/.exec(line);
    if (!eq) out.push({ line: i + 1, message: `"${line}" is not a key = value line` });
    else if (!eq[2].trim()) out.push({ line: i + 1, message: `${eq[1]} has no value` });
    else depth = (eq[2].match(/\[/g) ?? []).length - (eq[2].match(/\]/g) ?? []).length;
  });
  return out;
}

/** The text of a TOML table (`[tool.ruff]`, and its sub-tables when `nested`), or undefined when there is none. */
export function tomlTable(text: string, table: string, nested = true): string | undefined {
  const lines = text.split(/\r?\n/);
  let inside = false;
  let found = false;
  const out: string[] = [];
  for (const l of lines) {
    const h = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?/.exec(l);
    if (h) {
      inside = h[1] === table || (nested && h[1].startsWith(`${table}.`));
      found ||= inside;
      continue;
    }
    if (inside) out.push(l);
  }
  return found ? out.join('\n') : undefined;
}

/** An ini-style section (`[flake8]`, `[mypy]`) exists. */
const iniSection = (text: string | undefined, name: string) => text !== undefined && new RegExp(`^\\s*\\[${name.replace(/[.]/g, '\\.')}(?:[-:.][^\\]]*)?\\]`, 'm').test(text);

async function lintOutcomes(sources: readonly Source[], firstParty: readonly string[], configs: ReadonlyMap<string, string>, notes: AssessmentNote[], opts: AssessOptions): Promise<CheckOutcome[]> {
  const pyproject = configs.get('pyproject.toml');
  const where = [
    ...(pyproject !== undefined && (tomlTable(pyproject, 'tool.ruff') !== undefined) ? ['pyproject.toml [tool.ruff]'] : []),
    ...(pyproject !== undefined && (tomlTable(pyproject, 'tool.pylint') !== undefined) ? ['pyproject.toml [tool.pylint]'] : []),
    ...['ruff.toml', '.ruff.toml', '.flake8', '.pylintrc', 'pylintrc'].filter((f) => configs.has(f)),
    ...(['setup.cfg', 'tox.ini'] as const).filter((f) => iniSection(configs.get(f), 'flake8')).map((f) => `${f} [flake8]`),
  ];
  const out: CheckOutcome[] = [
    where.length ? { rule: 'lint.settings', share: 1, evidence: where.map((detail) => ({ detail })) } : { rule: 'lint.settings', share: 0, message: 'No linter settings: no [tool.ruff] in pyproject.toml, no ruff.toml, no flake8 or pylint configuration.' },
  ];
  const formatter = pyproject !== undefined && (tomlTable(pyproject, 'tool.ruff.format') !== undefined || tomlTable(pyproject, 'tool.black') !== undefined || /^\s*line-length\s*=/m.test(tomlTable(pyproject, 'tool.ruff', false) ?? ''));
  out.push(formatter || configs.has('ruff.toml') || configs.has('.ruff.toml') ? { rule: 'format.settings', share: 1 } : { rule: 'format.settings', share: 0, message: 'No formatter settings in pyproject.toml ([tool.ruff.format], a line-length under [tool.ruff], or [tool.black]): every editor formats its own way.' });
  if (!sources.length) return out;
  const ruffText = pyproject !== undefined ? tomlTable(pyproject, 'tool.ruff') : (configs.get('ruff.toml') ?? configs.get('.ruff.toml'));
  const lint = await lintFindings(sources, ruffText, { ...opts, firstParty });
  notes.push(...lint.notes);
  const n = lint.findings.length;
  if (!n) out.push({ rule: 'lint.clean', share: 1 });
  else {
    const families = new Map<string, number>();
    for (const f of lint.findings) families.set(f.family, (families.get(f.family) ?? 0) + 1);
    const byFamily = [...families].sort((a, b) => b[1] - a[1]).map(([fam, k]) => `${fam} ×${k}`).join(', ');
    const files = new Set(lint.findings.map((f) => f.file)).size;
    out.push({
      rule: 'lint.clean',
      share: Math.max(0, 1 - files / sources.length),
      count: n,
      message: `${counted(n, 'Ruff finding')} in ${counted(files, 'file')} (${byFamily}), with ${lint.settingsUsed}.`,
      evidence: lint.findings.map((f) => ({ file: f.file, line: f.line, detail: `${f.code} ${f.message}` })),
    });
  }
  return out;
}

function typingOutcomes(sources: readonly Source[], configs: ReadonlyMap<string, string>): CheckOutcome[] {
  const out: CheckOutcome[] = [];
  const code = sources.filter((s) => !isTestFile(s.rel));
  const defs = code.flatMap((s) => functionDefs(s.lines).map((f) => ({ ...f, rel: s.rel })));
  if (defs.length) {
    const bare = defs.filter((f) => !f.annotated);
    const folder = commonFolder(bare.map((f) => f.rel));
    out.push({
      rule: 'typing.annotated',
      share: (defs.length - bare.length) / defs.length,
      count: bare.length,
      message: `${counted(bare.length, 'function')} of ${defs.length} without full annotations${folder ? ` in ${folder}` : ''} (${Math.round((100 * (defs.length - bare.length)) / defs.length)}% annotated).`,
      evidence: bare.map((f) => ({ file: f.rel, line: f.line, detail: `def ${f.name}` })),
    });
  }
  const pyproject = configs.get('pyproject.toml');
  const mypyText = (pyproject !== undefined ? tomlTable(pyproject, 'tool.mypy', false) : undefined) ?? [configs.get('mypy.ini'), configs.get('.mypy.ini'), configs.get('setup.cfg')].find((t) => iniSection(t, 'mypy'));
  if (mypyText === undefined) {
    out.push({ rule: 'typing.mypy-configured', share: 0, message: 'mypy is not configured: no [tool.mypy] in pyproject.toml, no mypy.ini, no [mypy] in setup.cfg.' });
    out.push({ rule: 'typing.mypy-strict', share: 0, message: 'mypy does not run strict: set strict = true in its settings.' });
  } else {
    out.push({ rule: 'typing.mypy-configured', share: 1 });
    const strict = /^\s*strict\s*=\s*(true|True|1)\b/m.test(mypyText);
    const partly = /^\s*disallow_untyped_defs\s*=\s*(true|True|1)\b/m.test(mypyText);
    out.push(strict ? { rule: 'typing.mypy-strict', share: 1 } : { rule: 'typing.mypy-strict', share: partly ? 0.5 : 0, message: partly ? 'mypy checks untyped definitions but not strict: set strict = true.' : 'mypy is configured but not strict: set strict = true, then fix what it finds.' });
  }
  return out;
}

function testOutcomes(sources: readonly Source[]): CheckOutcome[] {
  const tests = sources.filter((s) => isTestFile(s.rel));
  const modules = sources.filter((s) => !isTestFile(s.rel) && !/(^|\/)(conftest|setup|noxfile|__main__)\.py$/.test(s.rel) && !/(^|\/)__init__\.py$/.test(s.rel) && moduleName(s.rel) !== undefined);
  const out: CheckOutcome[] = [];
  const testFns = tests.flatMap((s) => functionDefs(s.lines).filter((f) => f.name.startsWith('test')));
  if (!testFns.length) {
    out.push({ rule: 'tests.exist', share: 0, message: tests.length ? `${counted(tests.length, 'test file')} but no test functions (def test_…) in them.` : 'No tests: no test_*.py or *_test.py files.' });
    if (modules.length) out.push({ rule: 'tests.modules', share: 0, count: modules.length, message: `None of the ${counted(modules.length, 'module')} is imported by a test.`, evidence: modules.map((m) => ({ file: m.rel })) });
    return out;
  }
  out.push({ rule: 'tests.exist', share: 1, evidence: [{ detail: `${counted(testFns.length, 'test')} in ${counted(tests.length, 'file')}` }] });
  const empty = tests.flatMap((s) => testsAssertingNothing(s.lines).map((f) => ({ ...f, rel: s.rel })));
  out.push(
    empty.length
      ? { rule: 'tests.assert', share: 1 - empty.length / testFns.length, count: empty.length, message: `${counted(empty.length, 'test')} of ${testFns.length} assert nothing: they pass whatever the code does.`, evidence: empty.map((f) => ({ file: f.rel, line: f.line, detail: f.name })) }
      : { rule: 'tests.assert', share: 1 },
  );
  if (modules.length) {
    const imported = new Set(tests.flatMap((s) => [...importedNames(s.lines)]));
    const isImported = (m: string) => imported.has(m) || [...imported].some((i) => i.startsWith(`${m}.`));
    const missed = modules.filter((m) => !isImported(moduleName(m.rel) ?? ''));
    out.push({
      rule: 'tests.modules',
      share: (modules.length - missed.length) / modules.length,
      count: missed.length,
      message: `${counted(missed.length, 'module')} of ${modules.length} not imported by any test.`,
      evidence: missed.map((m) => ({ file: m.rel })),
    });
  }
  return out;
}

interface GitFacts {
  readonly commit?: string;
  readonly branch: string;
  /** Slash paths relative to the project. */
  readonly tracked: readonly string[];
  /** Paths added at some point in the history, relative to the project, undefined when the history could not be read in time. */
  readonly everAdded?: readonly string[];
}

async function gitFacts(abs: string, opts: AssessOptions, notes: AssessmentNote[]): Promise<GitFacts | undefined> {
  const timeoutMs = opts.gitTimeoutMs ?? 20_000;
  // Read-only questions: no optional locks, no index refresh written back.
  const env = { ...TRUE_HISTORY_ENV, GIT_OPTIONAL_LOCKS: '0' };
  // Plain execFile rather than runProcess: these are short read-only questions that start no
  // children, and the supervisor would cost a Python start for each.
  const git = (...args: string[]) =>
    new Promise<{ exitCode: number | null; stdout: string; stderr: string; timedOut: boolean; truncated: boolean }>((resolve) => {
      execFile('git', [...TRUE_HISTORY_CONFIG, ...args], { cwd: abs, timeout: timeoutMs, signal: opts.signal, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
        const e = err as (NodeJS.ErrnoException & { killed?: boolean; code?: unknown }) | null;
        if (e && e.code === 'ENOENT') resolve({ exitCode: null, stdout: '', stderr: 'git: ENOENT', timedOut: false, truncated: false });
        else resolve({ exitCode: e ? (typeof e.code === 'number' ? e.code : null) : 0, stdout, stderr, timedOut: !!e?.killed, truncated: e?.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER' });
      });
    });
  const top = await git('rev-parse', '--show-toplevel');
  if (opts.signal?.aborted) throw new AssessCancelled();
  if (top.exitCode !== 0) {
    if (/ENOENT/.test(top.stderr)) notes.push({ message: 'git is not installed, so the git checks were left out.' });
    return undefined;
  }
  const head = await git('rev-parse', '--verify', '-q', 'HEAD');
  const branch = (await git('symbolic-ref', '--short', '-q', 'HEAD')).stdout.trim() || 'main';
  const files = await git('ls-files', '-z');
  const tracked = files.stdout.split('\0').filter(Boolean);
  let everAdded: string[] | undefined;
  const log = await git('log', '--all', '--diff-filter=A', '--name-only', '--relative', '--format=', '-z');
  if (log.exitCode === 0 && !log.timedOut && !log.truncated) everAdded = [...new Set(log.stdout.split(/\0|\n/).map((s) => s.trim()).filter(Boolean))];
  else if (head.exitCode === 0) notes.push({ message: `git's history could not be read in ${timeoutMs / 1000} s, so only the files tracked now were checked.` });
  return { commit: head.exitCode === 0 ? head.stdout.trim() : undefined, branch, tracked, everAdded };
}

async function gitOutcomes(abs: string, configs: ReadonlyMap<string, string>, git: GitFacts | undefined, hasNotebooks: boolean): Promise<CheckOutcome[]> {
  const out: CheckOutcome[] = [];
  const gitignore = configs.get('.gitignore');
  const rules = gitignore === undefined ? [] : ignoreRules(gitignore);
  const wanted: [string, boolean][] = [['.venv', true], ['__pycache__', true], ['.env', false], ...(hasNotebooks ? ([['.ipynb_checkpoints', true]] as [string, boolean][]) : [])];
  const uncovered = wanted.filter(([p, dir]) => !isIgnored(rules, p, dir)).map(([p, dir]) => `${p}${dir ? '/' : ''}`);
  out.push(
    uncovered.length
      ? { rule: 'git.gitignore', share: (wanted.length - uncovered.length) / wanted.length, count: uncovered.length, message: gitignore === undefined ? 'No .gitignore: environments, caches and .env files can be committed by accident.' : `.gitignore does not cover ${uncovered.join(', ')}.`, evidence: [{ file: '.gitignore', detail: `not covered: ${uncovered.join(', ')}` }] }
      : { rule: 'git.gitignore', share: 1 },
  );
  if (!git) {
    out.push({ rule: 'git.repository', share: 0, message: 'The project is not in a git repository: no history, no review, no CI.' });
    return out;
  }
  out.push({ rule: 'git.repository', share: git.commit ? 1 : 0.5, ...(git.commit ? {} : { message: 'The repository has no commit yet.' }) });
  const trackedSet = new Set(git.tracked);
  const isData = (f: string) => DATA_FILE.test(f) && !/(^|\/)(tests?|fixtures?)\//.test(f);
  const data = git.tracked.filter(isData);
  const dataGone = (git.everAdded ?? []).filter((f) => isData(f) && !trackedSet.has(f));
  out.push(
    data.length || dataGone.length
      ? { rule: 'git.data', share: 0, count: data.length + dataGone.length, message: `${counted(data.length, 'data or model file')} tracked${dataGone.length ? `, ${dataGone.length} more still in the history` : ''}: keep data out of git (DVC, object storage) and list it in .gitignore.`, evidence: [...data.map((file) => ({ file })), ...dataGone.map((file) => ({ file, detail: 'in history' }))] }
      : { rule: 'git.data', share: 1 },
  );
  const secrets = git.tracked.filter(isSecretFile);
  const secretsGone = (git.everAdded ?? []).filter((f) => isSecretFile(f) && !trackedSet.has(f));
  out.push(
    secrets.length || secretsGone.length
      ? { rule: 'git.secrets', share: 0, count: secrets.length + secretsGone.length, message: `${counted(secrets.length + secretsGone.length, 'secret file')} in git${secretsGone.length ? ' (some only in the history, which still holds them)' : ''}: rotate what they hold and keep them out with .gitignore.`, evidence: [...secrets.map((file) => ({ file })), ...secretsGone.map((file) => ({ file, detail: 'in history' }))] }
      : { rule: 'git.secrets', share: 1 },
  );
  const large: Evidence[] = [];
  for (const f of git.tracked) {
    const s = await fs.lstat(path.join(abs, f)).catch(() => undefined);
    if (s?.isFile() && s.size >= LARGE_FILE_BYTES) large.push({ file: f, detail: `${(s.size / 1024 / 1024).toFixed(1)} MB` });
  }
  out.push(large.length ? { rule: 'git.large', share: 0, count: large.length, message: `${counted(large.length, 'tracked file')} of ${LARGE_FILE_BYTES / 1024 / 1024} MB or more: every clone carries them forever.`, evidence: large } : { rule: 'git.large', share: 1 });
  return out;
}

const LINTERS = /\b(ruff|flake8|pylint|pre-commit)\b/;
const TESTERS = /\b(pytest|unittest|tox|nox|hatch\s+test|make\s+test)\b/;

async function ciOutcomes(listing: ProjectFiles, readText: (rel: string) => Promise<string | undefined>, configs: ReadonlyMap<string, string>, notes: AssessmentNote[], branch: string, sources: readonly Source[]): Promise<{ outcomes: CheckOutcome[]; triggered: { rel: string; wf: Workflow }[] }> {
  const out: CheckOutcome[] = [];
  const files = listing.files.filter((f) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(f));
  const changed = [sources[0]?.rel ?? 'README.md'];
  let push = false;
  let pr = false;
  const lint: Evidence[] = [];
  const tests: Evidence[] = [];
  const why: string[] = [];
  const unparsable: string[] = [];
  const triggered: { rel: string; wf: Workflow }[] = [];
  for (const f of files) {
    const text = await readText(f);
    if (text === undefined) continue;
    const doc = YAML.parseDocument(text);
    if (doc.errors.length) {
      const e = doc.errors[0];
      unparsable.push(f);
      notes.push({ file: f, line: e.linePos?.[0].line, message: `${f}${e.linePos ? `:${e.linePos[0].line}` : ''}: not valid YAML (${yamlProblem(e.message)}); GitHub would not run it.` });
      continue;
    }
    const wf = doc.toJS() as Workflow | null;
    if (!wf || typeof wf !== 'object') continue;
    // The branch work is merged into: the current one, or main/master where the learner is on a feature branch.
    const on = (event: 'push' | 'pull_request') => [branch, 'main', 'master'].map((b) => triggers(wf, { event, branch: b, paths: changed })).find((t) => t.triggered) ?? triggers(wf, { event, branch, paths: changed });
    const onPush = on('push');
    const onPr = on('pull_request');
    if (!onPush.triggered && !onPr.triggered) {
      why.push(`${f}: ${onPush.why}`);
      continue;
    }
    push ||= onPush.triggered;
    pr ||= onPr.triggered;
    triggered.push({ rel: f, wf });
    const lines = text.split(/\r?\n/);
    const lineOf = (needle: RegExp) => lines.findIndex((l) => needle.test(l)) + 1 || undefined;
    for (const job of Object.values(wf.jobs ?? {})) {
      for (const step of job?.steps ?? []) {
        const said = `${step.run ?? ''} ${step.uses ?? ''}`;
        if (LINTERS.test(said)) lint.push({ file: f, line: lineOf(LINTERS), detail: (step.name ?? said).trim().slice(0, 80) });
        if (TESTERS.test(said)) tests.push({ file: f, line: lineOf(TESTERS), detail: (step.name ?? said).trim().slice(0, 80) });
      }
    }
  }
  if (push && pr) out.push({ rule: 'ci.workflow', share: 1 });
  else
    {out.push({
      rule: 'ci.workflow',
      share: push || pr ? 0.5 : 0,
      message: !files.length ? 'No GitHub Actions workflow (.github/workflows/*.yml): nothing checks a change before it is merged.' : unparsable.length === files.length ? `The workflow ${unparsable.length === 1 ? 'file is' : 'files are'} not valid YAML (${unparsable.join(', ')}), so GitHub runs nothing.` : push || pr ? `The workflows run on ${push ? 'push' : 'pull requests'} only, not on ${push ? 'pull requests' : 'push'}.` : `No workflow runs on push or pull request to ${branch}.`,
      evidence: [...unparsable.map((file) => ({ file, detail: 'not valid YAML' })), ...why.map((detail) => ({ detail }))],
    });}
  out.push(lint.length ? { rule: 'ci.lint', share: 1, evidence: lint } : { rule: 'ci.lint', share: 0, message: 'No workflow step runs a linter (ruff, flake8, pylint or pre-commit).' });
  out.push(tests.length ? { rule: 'ci.tests', share: 1, evidence: tests } : { rule: 'ci.tests', share: 0, message: 'No workflow step runs the tests (pytest).' });

  const pc = configs.get('.pre-commit-config.yaml');
  if (pc === undefined) out.push({ rule: 'ci.pre-commit', share: 0, message: 'No .pre-commit-config.yaml: nothing checks a commit before it is made.' });
  else {
    const doc = YAML.parseDocument(pc);
    if (doc.errors.length) {
      const e = doc.errors[0];
      notes.push({ file: '.pre-commit-config.yaml', line: e.linePos?.[0].line, message: `.pre-commit-config.yaml${e.linePos ? `:${e.linePos[0].line}` : ''}: not valid YAML (${yamlProblem(e.message)}); pre-commit would refuse it.` });
      out.push({ rule: 'ci.pre-commit', share: 0, message: '.pre-commit-config.yaml is not valid YAML, so pre-commit runs nothing.', evidence: [{ file: '.pre-commit-config.yaml', line: e.linePos?.[0].line }] });
    } else {
      const repos = ((doc.toJS() as { repos?: { hooks?: { id?: string }[] }[] } | null)?.repos ?? []).filter((r) => r && typeof r === 'object');
      const hooks = repos.flatMap((r) => (Array.isArray(r.hooks) ? r.hooks : []).map((h) => String(h?.id ?? '')));
      const linters = hooks.filter((h) => /ruff|flake8|pylint|mypy|black/.test(h));
      out.push(linters.length ? { rule: 'ci.pre-commit', share: 1, evidence: [{ file: '.pre-commit-config.yaml', detail: `runs ${linters.join(', ')}` }] } : { rule: 'ci.pre-commit', share: 0.5, message: `.pre-commit-config.yaml runs ${hooks.length ? hooks.join(', ') : 'no hooks'}, but no linter, formatter or type checker.`, evidence: [{ file: '.pre-commit-config.yaml' }] });
    }
  }
  return { outcomes: out, triggered };
}

function notebookOutcomes(notebooks: readonly { rel: string; cells: string[][] }[], sources: readonly Source[]): CheckOutcome[] {
  if (!notebooks.length) return [];
  const inModules = new Set(sources.filter((s) => !isTestFile(s.rel)).flatMap((s) => functionDefs(s.lines).map((f) => f.name)));
  const testText = sources.filter((s) => isTestFile(s.rel)).map((s) => s.lines.join('\n')).join('\n');
  const only: Evidence[] = [];
  const long: Evidence[] = [];
  let defs = 0;
  let cellsN = 0;
  for (const nb of notebooks) {
    nb.cells.forEach((cell, i) => {
      cellsN++;
      for (const f of functionDefs(cell).filter((d) => d.indent === 0)) {
        defs++;
        if (!inModules.has(f.name) && !new RegExp(`\\b${f.name}\\s*\\(`).test(testText)) only.push({ file: nb.rel, line: f.line, detail: `def ${f.name} in code cell ${i + 1}` });
      }
      const n = cell.filter((l) => l.trim()).length;
      if (n > SCREEN_LINES) long.push({ file: nb.rel, detail: `code cell ${i + 1}: ${n} lines` });
    });
  }
  const out: CheckOutcome[] = [];
  if (defs) out.push(only.length ? { rule: 'notebooks.functions', share: 1 - only.length / defs, count: only.length, message: `${counted(only.length, 'function')} defined only in notebooks: no module holds ${only.length === 1 ? 'it' : 'them'} and no test calls ${only.length === 1 ? 'it' : 'them'}.`, evidence: only } : { rule: 'notebooks.functions', share: 1 });
  if (cellsN) out.push(long.length ? { rule: 'notebooks.cells', share: 1 - long.length / cellsN, count: long.length, message: `${counted(long.length, 'notebook cell')} longer than a screen (${SCREEN_LINES} lines): candidates for functions in a module.`, evidence: long } : { rule: 'notebooks.cells', share: 1 });
  return out;
}

const DOCKER_RULES: [keyof DockerfileRules, 'cloud.pinned-base' | 'cloud.non-root' | 'cloud.no-secrets' | 'cloud.exec-form'][] = [
  ['pinnedBase', 'cloud.pinned-base'],
  ['nonRootUser', 'cloud.non-root'],
  ['noSecrets', 'cloud.no-secrets'],
  ['execForm', 'cloud.exec-form'],
];

async function cloudOutcomes(listing: ProjectFiles, readText: (rel: string) => Promise<string | undefined>, sources: readonly Source[]): Promise<CheckOutcome[]> {
  const out: CheckOutcome[] = [];
  const dockerfiles = listing.files.filter((f) => /(^|\/)(Dockerfile|Containerfile)(\.[\w-]+)?$|\.Dockerfile$/.test(f));
  const texts: [string, string][] = [];
  for (const f of dockerfiles) {
    const t = await readText(f);
    if (t !== undefined) texts.push([f, t]);
  }
  if (texts.length) {
    for (const [rule, id] of DOCKER_RULES) {
      const evidence: Evidence[] = [];
      for (const [f, text] of texts) {
        const dir = f.includes('/') ? f.slice(0, f.lastIndexOf('/') + 1) : '';
        const context = rule === 'noSecrets' ? { files: listing.files.filter((x) => x.startsWith(dir)).map((x) => x.slice(dir.length)), dockerignore: listing.files.includes(`${dir}.dockerignore`) ? await readText(`${dir}.dockerignore`) : undefined, read: () => undefined } : {};
        for (const p of dockerfileProblems(text, { [rule]: true }, context)) evidence.push({ file: f, line: p.line || undefined, detail: p.message });
      }
      const bad = new Set(evidence.map((e) => e.file)).size;
      out.push(evidence.length ? { rule: id, share: 1 - bad / texts.length, count: evidence.length, message: evidence[0].detail, evidence } : { rule: id, share: 1 });
    }
  }
  const code = sources.filter((s) => !isTestFile(s.rel));
  if (code.length) {
    const secrets: Evidence[] = [];
    for (const s of code) {
      s.lines.forEach((l, i) => {
        if (l.length > 2000) return;
        const kinds = secretKinds(l);
        if (kinds.length) secrets.push({ file: s.rel, line: i + 1, detail: kinds.join(', ') });
      });
    }
    out.push(secrets.length ? { rule: 'cloud.settings-from-env', share: 0, count: secrets.length, message: `${counted(secrets.length, 'secret')} written in the code (${[...new Set(secrets.map((e) => e.detail))].join('; ')}): read them from the environment.`, evidence: secrets } : { rule: 'cloud.settings-from-env', share: 1 });
  }
  return out;
}

function dependencyOutcomes(listing: ProjectFiles, configs: ReadonlyMap<string, string>): CheckOutcome[] {
  const reqFiles = listing.files.filter((f) => /(^|\/)requirements[\w.-]*\.(txt|in)$/.test(f) && !f.includes('/'));
  const pyproject = configs.get('pyproject.toml');
  const projectDeps = pyproject !== undefined && /^\s*dependencies\s*=/m.test(tomlTable(pyproject, 'project', false) ?? '');
  const poetry = pyproject !== undefined && tomlTable(pyproject, 'tool.poetry.dependencies') !== undefined;
  const declared = [...(projectDeps ? ['pyproject.toml [project] dependencies'] : []), ...(poetry ? ['pyproject.toml [tool.poetry.dependencies]'] : []), ...reqFiles, ...(['environment.yml', 'environment.yaml', 'Pipfile', 'setup.py'].filter((f) => listing.files.includes(f)))];
  if (!declared.length) {return [
    { rule: 'deps.declared', share: 0, message: 'No dependencies declared: no requirements.txt, no [project] dependencies in pyproject.toml, no environment.yml. Nobody can rebuild the environment.' },
    { rule: 'deps.pinned', share: 0, message: 'Nothing pins the versions the project runs with.' },
  ];}
  const out: CheckOutcome[] = [{ rule: 'deps.declared', share: 1, evidence: declared.map((detail) => ({ detail })) }];
  const locks = ['uv.lock', 'poetry.lock', 'Pipfile.lock', 'pdm.lock', 'conda-lock.yml', 'requirements.lock', 'pixi.lock'].filter((f) => listing.files.includes(f));
  const req = configs.get('requirements.txt');
  const reqLines = (req ?? '').split(/\r?\n/).map((l) => l.replace(/#.*$/, '').trim()).filter((l) => l && !l.startsWith('-'));
  const unpinned = reqLines.filter((l) => !/==|===|@/.test(l));
  if (locks.length) out.push({ rule: 'deps.pinned', share: 1, evidence: locks.map((file) => ({ file })) });
  else if (reqLines.length && !unpinned.length) out.push({ rule: 'deps.pinned', share: 1, evidence: [{ file: 'requirements.txt', detail: 'every requirement pinned with ==' }] });
  else
    {out.push({
      rule: 'deps.pinned',
      share: reqLines.length ? 1 - unpinned.length / reqLines.length : 0,
      count: unpinned.length || 1,
      message: reqLines.length ? `${counted(unpinned.length, 'requirement')} of ${reqLines.length} in requirements.txt not pinned (==), and no lock file.` : 'No lock file (uv.lock, poetry.lock, …) and no pinned requirements.txt: installs differ from machine to machine.',
      evidence: unpinned.map((l) => ({ file: 'requirements.txt', line: (req ?? '').split(/\r?\n/).findIndex((x) => x.trim().startsWith(l)) + 1 || undefined, detail: l })),
    });}
  return out;
}

/** The yaml library's message without the position it repeats (the note gives the line). */
const yamlProblem = (message: string) => message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
