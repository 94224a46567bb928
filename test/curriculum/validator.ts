// The content validator: every exercise of a content folder (the shipped one, or an
// author's own `.upskill/`) run through the real check engine with the real tools.
//
//   1. The starter alone (an empty folder for `kind: project`) must NOT pass, and must fail
//      cleanly (a check that failed, not only tools that could not run).
//   2. The starter with the reference solution laid over it (and the exercise's hidden
//      tests beside it, as after a learner's first check) must pass every check. For
//      exercises where the learner writes tests, this is the reference tests catching every
//      seeded bug.
//   3. It attacks: a generic cheat set for each check kind the exercise uses (cheats.ts)
//      and the exercise's own `cheats:` folders; every one must be refused.
//   4. Honest variety: each of the exercise's `honest:` folders (at least two),
//      correct work written differently from the reference, laid like a cheat, must pass
//      every check, so that a check that refuses honest work is found before a learner is.
//   5. Without running anything: the catalog loads without errors, every competency is
//      linked XOR self-assessed, every exercise has `why:`, at least two hints that parse,
//      Markdown instructions with a heading, and every file the content names exists;
//      seeded bugs are the reference plus one small mutation; hints and tables do not give
//      the solution away (hints.ts). `static` stops here: every exercise in seconds.
//
// Every check run (starter, solution, each honest variant, each cheat) is a job in one
// queue that `jobs` workers take from, so both cores stay busy across exercises and never
// more than `jobs` runs share them.
//
// Git exercises: an exercise folder cannot ship a nested `.git`, so the solution of a git
// exercise holds `make-history.sh`, the commands a learner would type. The validator lays
// the rest of the solution over the starter in a temporary folder, then runs that script
// there with bash to create the repository, branches and commits the checks look for.

import { execFile } from 'child_process';
import { existsSync, promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { parse as parseYaml } from 'yaml';
import { formatReport, runChecks } from '../../src/checks/engine';
import { HELPER, readAnswer } from '../../src/checks/pyhelper';
import { resolvePython } from '../../src/checks/python';
import { filesUnder } from '../../src/checks/scratch';
import { isPattern, matchingFiles } from '../../src/checks/workflowFiles';
import type { CheckReport, PythonInfo } from '../../src/checks/types';
import { listContentFiles, loadCatalog, nodeContentFs } from '../../src/core/content';
import type { Catalog, CatchBugsCheck, CheckType, ContentSource, Exercise, HonestVariant, PytestCheck } from '../../src/core/model';
import { type CheatCase, exerciseCheats, genericCheats, layOver } from './cheats';
import { exerciseHintProblems } from './hints';

const execFileAsync = promisify(execFile);

export const ALL_CHECK_TYPES: readonly CheckType[] = ['pytest', 'no-network', 'tests-catch-bugs', 'mypy', 'ruff-lint', 'ruff-format', 'workflow', 'git', 'structure', 'command', 'notebook-run'];

/** Third-party packages an exercise must declare in `requires:` when its files import them. */
const DECLARED_PACKAGES = ['numpy', 'pandas', 'scipy', 'sklearn', 'polars', 'pyarrow'];

export interface ValidateOptions {
  /** The extension's folder: the shipped content is `resources/content` inside it. */
  readonly root: string;
  /** A content folder of one's own (like a workspace's `.upskill/`) to validate instead of the shipped one. */
  readonly path?: string;
  /** Only these exercise ids. */
  readonly only?: readonly string[];
  /** Check runs at once; default: the number of cores. */
  readonly jobs?: number;
  /**
   * Lets the caller add a worker while the validator runs (up to the number of cores): it is
   * given the function that does. `npm test` starts the validator on one core beside the
   * other tiers and gives it the second core when they are done.
   */
  readonly growWith?: (addWorker: () => void) => void;
  /** Keep every temporary folder (and name it in the violations). */
  readonly keep?: boolean;
  /** Print every check report. */
  readonly verbose?: boolean;
  /** Only the rules that run nothing (the catalog, the metadata, the hint rule): every exercise in seconds. */
  readonly static?: boolean;
  /** The interpreter for the checks; default UPSKILL_TEST_PYTHON, else /usr/bin/python3, else python3. */
  readonly python?: string;
  /** One check run's time budget; default 120 s, as the extension's. */
  readonly timeoutMs?: number;
  /** Progress lines (an exercise done) and, with `verbose`, every report. */
  readonly out?: (line: string) => void;
}

export interface Violation {
  /** The exercise; absent for a catalog-level violation. */
  readonly exercise?: string;
  /** What failed, one sentence. */
  readonly what: string;
  /** The check report or other lines that show why. */
  readonly details?: readonly string[];
  /** The temporary folder the run happened in. */
  readonly folder?: string;
  /** Whether `folder` still exists (with --keep). */
  readonly kept?: boolean;
}

export interface Row {
  readonly id: string;
  /** Undefined: not run (the exercise did not load, say). */
  starterFails?: boolean;
  solutionPasses?: boolean;
  refused: number;
  tried: number;
  /** Honest variants that passed every check, of those tried. */
  honestPassed: number;
  honestTried: number;
  /** Time spent in this exercise's check runs, added up. */
  ms: number;
}

export interface Validation {
  readonly rows: readonly Row[];
  readonly violations: readonly Violation[];
  /** The wall-clock time of the whole validation. */
  readonly wallMs: number;
  readonly jobs: number;
  /** Check runs made. */
  readonly runs: number;
  readonly python?: PythonInfo;
  /** The folder holding every run's folder, when kept. */
  readonly keptIn?: string;
  readonly exitCode: 0 | 1;
}

/** Bad usage (an unknown exercise id, a folder that does not exist, no Python): exit code 2. */
export class UsageError extends Error {}

export function defaultJobs(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

export function defaultPython(): string {
  return process.env.UPSKILL_TEST_PYTHON || (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
}

export async function validateContent(opts: ValidateOptions): Promise<Validation> {
  const started = Date.now();
  const out = opts.out ?? (() => undefined);
  const jobs = Math.max(1, Math.floor(opts.jobs ?? defaultJobs()));
  const builtin: ContentSource = { kind: 'builtin', root: path.join(opts.root, 'resources', 'content'), label: 'builtin', trusted: true };
  let target = builtin;
  const sources = [builtin];
  if (opts.path !== undefined) {
    const root = path.resolve(opts.path);
    if (!(await nodeContentFs.isDirectory(root))) throw new UsageError(`--path ${opts.path}: no such folder.`);
    // The author runs their own content on purpose, so its commands run too.
    target = { kind: 'workspace', root, label: path.basename(root), trusted: true };
    sources.push(target);
  }
  const catalog = await loadCatalog(sources, nodeContentFs);
  const declared = await declaredExerciseIds(target.root);
  const inTarget = [...catalog.exercises.values()].filter((e) => e.source === target);
  let selected = inTarget;
  if (opts.only?.length) {
    const unknown = opts.only.filter((id) => !declared.has(id));
    if (unknown.length) throw new UsageError(`No exercise ${unknown.map((u) => `"${u}"`).join(', ')} in ${target.root}. Its exercises: ${[...declared].sort().join(', ') || 'none'}.`);
    selected = inTarget.filter((e) => opts.only!.includes(e.id));
  }
  const python = await resolvePython([{ path: opts.python ?? defaultPython(), origin: opts.python ? '--python' : 'UPSKILL_TEST_PYTHON, /usr/bin/python3 or python3' }]).catch((e: Error) => {
    throw new UsageError(e.message);
  });

  const violations: Violation[] = [];
  const rows = new Map<string, Row>();
  const ids = opts.only?.length ? [...opts.only].sort() : [...declared].sort();
  for (const id of ids) rows.set(id, { id, refused: 0, tried: 0, honestPassed: 0, honestTried: 0, ms: 0 });
  const violate = (v: Violation) => violations.push(v);

  // ---- The catalog, without running anything.
  for (const v of await catalogViolations(catalog, target, opts.path === undefined)) violate(v);
  for (const id of ids) {
    if (!catalog.exercises.has(id) || catalog.exercises.get(id)!.source !== target) violate({ exercise: id, what: 'did not load: see the content errors above' });
  }
  const modules = new Map<string, boolean>();
  for (const ex of selected) {
    for (const what of await metadataProblems(ex, python, modules)) violate({ exercise: ex.id, what });
    for (const f of await exerciseHintProblems(ex)) violate({ exercise: ex.id, what: f.what, ...(f.details && { details: f.details }) });
  }

  // ---- The check runs: one queue, `jobs` workers.
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-validate-'));
  const queue: Job[] = [];
  for (const ex of opts.static ? [] : selected) {
    const generic = await genericCheats(ex, python.path).catch((e: Error) => {
      violate({ exercise: ex.id, what: `the generic cheats could not be built for it: ${e.message.split('\n')[0]}` });
      return [];
    });
    const cheats = [...generic, ...exerciseCheats(ex)];
    const honest = ex.honest ?? [];
    const row = rows.get(ex.id)!;
    row.tried = cheats.length;
    row.honestTried = honest.length;
    queue.push(
      { ex, kind: 'starter', label: 'starter' },
      { ex, kind: 'solution', label: 'solution' },
      ...honest.map((variant, i): Job => ({ ex, kind: 'honest', label: `honest-${i + 1}`, variant })),
      ...cheats.map((cheat, i): Job => ({ ex, kind: 'cheat', label: `cheat-${i + 1}`, cheat })),
    );
  }
  // Longest first, so the workers finish together instead of one waiting on a late workflow exercise.
  const cost = (ex: Exercise) => queue.filter((j) => j.ex === ex).length * (ex.checks.some((c) => c.type === 'workflow') ? 8 : ex.checks.some((c) => c.type === 'notebook-run' || c.type === 'tests-catch-bugs') ? 3 : 1);
  const costs = new Map(selected.map((ex) => [ex, cost(ex)]));
  queue.sort((a, b) => costs.get(b.ex)! - costs.get(a.ex)! || ids.indexOf(a.ex.id) - ids.indexOf(b.ex.id));
  const left = new Map<string, number>();
  for (const j of queue) left.set(j.ex.id, (left.get(j.ex.id) ?? 0) + 1);
  const timeoutMs = opts.timeoutMs ?? 120_000;
  let next = 0;
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  const worker = async (n: number): Promise<void> => {
    const storageDir = path.join(os.tmpdir(), `upskill-validate-${uid}`, `worker-${n}`);
    while (next < queue.length) {
      const job = queue[next++];
      const row = rows.get(job.ex.id)!;
      const t0 = Date.now();
      const v = await runJob(job, { tmp, python, timeoutMs, keep: opts.keep === true, verbose: opts.verbose === true, out, row, storageDir });
      row.ms += Date.now() - t0;
      if (v) violate(v);
      const n = left.get(job.ex.id)! - 1;
      left.set(job.ex.id, n);
      if (n === 0) {
        const bad = violations.filter((x) => x.exercise === job.ex.id).length;
        out(`${bad ? '✗' : '✓'} ${job.ex.id}: ${(row.ms / 1000).toFixed(1)} s${bad ? `, ${bad} violation${bad === 1 ? '' : 's'}` : ''}`);
      }
    }
  };
  const workers: Promise<void>[] = [];
  const addWorker = () => {
    if (workers.length < Math.max(jobs, defaultJobs()) && next < queue.length) workers.push(worker(workers.length));
  };
  for (let i = 0; i < Math.min(jobs, Math.max(1, queue.length)); i++) workers.push(worker(i));
  opts.growWith?.(addWorker);
  // A worker added while the others run is awaited too.
  for (let seen = 0; seen < workers.length; ) {
    seen = workers.length;
    await Promise.all(workers);
  }
  if (!opts.keep) await fs.rm(tmp, { recursive: true, force: true });

  // Catalog-level first, then per exercise in id order, each exercise's in the order found.
  const order = (v: Violation) => (v.exercise === undefined ? -1 : ids.indexOf(v.exercise));
  const sorted = violations.map((v, i) => ({ v, i })).sort((a, b) => order(a.v) - order(b.v) || a.i - b.i).map((x) => x.v);
  return {
    rows: [...rows.values()],
    violations: sorted,
    wallMs: Date.now() - started,
    jobs: Math.max(jobs, workers.length),
    runs: queue.length,
    python,
    ...(opts.keep && { keptIn: tmp }),
    exitCode: sorted.length ? 1 : 0,
  };
}

// ---- The catalog ----------------------------------------------------------------------------

/** Ids of the exercises the content files under `root` declare, read without the loader (so one that fails to load still counts). */
async function declaredExerciseIds(root: string): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const file of await listContentFiles(root)) {
    try {
      const data = parseYaml(await fs.readFile(file, 'utf8')) as { exercises?: { id?: unknown }[] } | null;
      for (const ex of Array.isArray(data?.exercises) ? data.exercises : []) if (typeof ex?.id === 'string') ids.add(ex.id);
    } catch {
      // A file that does not parse is a content error, reported with its line.
    }
  }
  return ids;
}

async function catalogViolations(catalog: Catalog, target: ContentSource, shipped: boolean): Promise<Violation[]> {
  const out: Violation[] = [];
  const rel = (f: string) => path.relative(process.cwd(), f) || f;
  if (catalog.errors.length) {
    out.push({ what: `the content has ${catalog.errors.length} error${catalog.errors.length === 1 ? '' : 's'}`, details: catalog.errors.map((e) => `${rel(e.file)}:${e.line}:${e.column} ${e.message}`) });
  }
  const wrong: string[] = [];
  for (const skill of catalog.skills.values()) {
    if (skill.source !== target) continue;
    for (const c of skill.checklist) {
      if (c.selfAssessed === c.exerciseIds.length > 0) wrong.push(`${skill.id}.${c.id}: ${c.selfAssessed ? 'self-assessed and linked to an exercise' : 'neither linked to an exercise nor marked selfAssessed'}`);
    }
  }
  if (wrong.length) out.push({ what: 'every competency is linked to an exercise or marked selfAssessed: never both, never neither', details: wrong });

  // Every folder that holds an exercise file loaded as an exercise (for the shipped content, every folder under exercises/).
  const loadedDirs = new Set([...catalog.exercises.values()].filter((e) => e.source === target).map((e) => path.resolve(e.dir)));
  const folders = new Set((await listContentFiles(target.root)).filter((f) => /^exercise\.ya?ml$/i.test(path.basename(f))).map((f) => path.dirname(f)));
  if (shipped) {
    const dir = path.join(target.root, 'exercises');
    for (const d of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) if (d.isDirectory()) folders.add(path.join(dir, d.name));
  }
  const notLoaded = [...folders].filter((f) => !loadedDirs.has(path.resolve(f))).sort();
  if (notLoaded.length) out.push({ what: 'these exercise folders did not load as an exercise (see the content errors)', details: notLoaded.map(rel) });

  if (shipped) {
    const exercises = [...catalog.exercises.values()].filter((e) => e.source === target);
    const used = new Set(exercises.flatMap((e) => e.checks.map((c) => c.type)));
    const unused = ALL_CHECK_TYPES.filter((t) => !used.has(t));
    if (unused.length) out.push({ what: `no shipped exercise uses the check kind${unused.length === 1 ? '' : 's'} ${unused.join(', ')}` });
    const attacked = new Set<CheckType>();
    for (const ex of exercises) for (const c of await genericCheats(ex)) c.kinds.forEach((k) => attacked.add(k));
    const unattacked = ALL_CHECK_TYPES.filter((t) => !attacked.has(t));
    if (unattacked.length) out.push({ what: `the generic cheats attack no check of kind ${unattacked.join(', ')} (add one in test/curriculum/cheats.ts)` });
  }
  return out;
}

// ---- One exercise's content, without running its checks ----------------------------------

async function isFile(p: string): Promise<boolean> {
  return nodeContentFs.isFile(p);
}

/** Markdown that will not render as meant: an unclosed code fence, or (in one line of prose) an unclosed code span. */
export function markdownProblems(text: string, what: string): string[] {
  const problems: string[] = [];
  let fence: string | undefined;
  let fenceLine = 0;
  let heading = false;
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === undefined) [fence, fenceLine] = [f[1][0], i + 1];
      else if (f[1][0] === fence) fence = undefined;
      return;
    }
    if (fence !== undefined) return;
    if (/^# \S/.test(line)) heading = true;
  });
  if (fence !== undefined) problems.push(`${what}: the code block opened at line ${fenceLine} is never closed`);
  return heading ? problems : [`${what}: no top-level "# " heading`, ...problems];
}

/** An odd number of backticks outside a fence: a code span that never closes. */
export function unclosedCodeSpan(text: string): boolean {
  const outside = text.replace(/```[\s\S]*?```/g, '');
  return (outside.match(/`/g)?.length ?? 0) % 2 === 1;
}

async function pythonFilesUnder(dir: string): Promise<string[]> {
  return (await filesUnder(dir)).filter((f) => f.endsWith('.py')).map((f) => path.join(dir, f));
}

async function metadataProblems(ex: Exercise, python: PythonInfo, modules: Map<string, boolean>): Promise<string[]> {
  const p: string[] = [];
  const at = (rel: string) => path.join(ex.dir, rel);
  if (!ex.why?.trim()) p.push('has no "why:" (one or two sentences: why it matters, where a data scientist meets this at work)');
  if (ex.hints.length < 2) p.push(`has ${ex.hints.length} hint${ex.hints.length === 1 ? '' : 's'}; at least 2 are expected, each stronger than the last`);
  ex.hints.forEach((h, i) => {
    if (!h.trim()) p.push(`hint ${i + 1} is empty`);
    else if (unclosedCodeSpan(h)) p.push(`hint ${i + 1} has an odd number of backticks: a code span is never closed`);
  });
  if ((ex.cheats ?? []).length < 1) p.push('lists no cheats of its own (cheats: in exercise.yaml)');
  const honest = ex.honest ?? [];
  if (honest.length < 2) p.push(`has ${honest.length} honest variant${honest.length === 1 ? '' : 's'}; at least 2 are expected (honest: in exercise.yaml), each a correct solution written differently from the reference`);
  if (ex.source.kind === 'builtin' && path.basename(ex.dir) !== ex.id) p.push(`its folder ${path.basename(ex.dir)}/ is not named after its id`);
  if (ex.competencies.length < 1) p.push('proves no competency (competencies: in exercise.yaml)');
  if (ex.checks.length < 1) p.push('has no checks');

  const readme = await fs.readFile(at(ex.instructions), 'utf8').catch(() => undefined);
  if (readme === undefined) p.push(`its instructions ${ex.instructions} do not exist`);
  else {
    if (readme.trim().length < 200) p.push(`its instructions ${ex.instructions} are too short to state a goal (${readme.trim().length} characters)`);
    p.push(...markdownProblems(readme, `its instructions ${ex.instructions}`));
  }

  // Every folder and file the content names: the loader refuses the exercise's own ones that
  // are missing; the files the learner's folder must hold are checked here.
  if (ex.solution === undefined) p.push('has no reference solution (solution: in exercise.yaml)');
  if (ex.kind === 'scaffold' && ex.starter === undefined) p.push('is a scaffold exercise without a starter');
  const holds = async (folder: string | undefined, rel: string) =>
    folder !== undefined && (isPattern(rel) ? (await matchingFiles(path.join(ex.dir, folder), rel)).length > 0 : await isFile(path.join(ex.dir, folder, rel)));
  const inWork = async (rel: string) => (await holds(ex.starter, rel)) || (await holds(ex.solution, rel));
  if (ex.main !== undefined) {
    const folder = ex.kind === 'project' ? ex.solution : ex.starter;
    if (folder !== undefined && !(await isFile(path.join(ex.dir, folder, ex.main)))) p.push(`its main file ${ex.main} is not in ${folder}/`);
  }
  for (const c of ex.checks) {
    const named: string[] = [];
    if (c.type === 'tests-catch-bugs') named.push(c.module);
    if (c.type === 'no-network' && c.mustMock) named.push(c.mustMock.module);
    if (c.type === 'workflow') named.push(c.file);
    for (const f of named) if (!(await inWork(f))) p.push(`its ${c.type} check names ${f}, which neither the starter nor the solution holds`);
  }
  for (const c of ex.cheats ?? []) {
    const entries = await fs.readdir(at(c.folder)).catch(() => []);
    if (!entries.length) p.push(`its cheat folder ${c.folder} is missing or empty`);
  }
  for (const h of honest) {
    const entries = await fs.readdir(at(h.folder)).catch(() => []);
    if (!entries.length) p.push(`its honest variant folder ${h.folder} is missing or empty`);
  }

  // Packages: every third-party import is declared, and the interpreter has what is declared.
  // A project exercise's solution is a sample of the learner's own project: what it imports is theirs to install.
  const folders = [ex.starter, ex.kind === 'project' ? undefined : ex.solution, ...ex.checks.flatMap((c) => (c.type === 'pytest' && c.hiddenTests ? [c.hiddenTests] : []))].filter((f): f is string => f !== undefined);
  const files = [...(await Promise.all(folders.map((f) => pythonFilesUnder(at(f))))).flat()];
  for (const c of ex.checks) if (c.type === 'tests-catch-bugs') files.push(at(c.reference), ...c.bugs.map((b) => at(b.file)));
  const imported = new Set<string>();
  for (const f of files) {
    const text = await fs.readFile(f, 'utf8').catch(() => '');
    for (const m of text.matchAll(/^\s*(?:import|from)\s+([A-Za-z_][\w]*)/gm)) if (DECLARED_PACKAGES.includes(m[1])) imported.add(m[1]);
  }
  const undeclared = [...imported].filter((m) => !(ex.requires ?? []).includes(m)).sort();
  if (undeclared.length) p.push(`its files import ${undeclared.join(', ')} but it does not declare requires: [${undeclared.join(', ')}]`);
  for (const m of ex.requires ?? []) {
    if (!modules.has(m)) modules.set(m, await execFileAsync(python.path, ['-c', `import ${m}`]).then(() => true, () => false));
    if (!modules.get(m)) p.push(`requires ${m}, which ${python.path} cannot import: install it to validate this exercise`);
  }

  // Seeded bugs are the reference plus one small mutation (a syntax-tree diff).
  for (const spec of ex.checks.filter((c): c is CatchBugsCheck => c.type === 'tests-catch-bugs')) {
    for (const bug of spec.bugs) {
      try {
        const { stdout } = await execFileAsyncInput(python.path, ['-I', '-c', HELPER], JSON.stringify({ command: 'ast_diff', a: at(spec.reference), b: at(bug.file) }));
        const diff = readAnswer('ast_diff', stdout);
        if (!diff.sameDocstrings) p.push(`seeded bug ${bug.file} changes docstrings: a bug file is the reference plus one mutation, nothing else`);
        if (diff.sites < 1) p.push(`seeded bug ${bug.file} has the same syntax tree as the reference: it seeds no bug`);
        if (diff.sites > 2 || diff.nodes > 60) p.push(`seeded bug ${bug.file} differs from the reference in ${diff.sites} places (${diff.nodes} syntax nodes): keep it to one small mutation (at most 2 places, 60 nodes)`);
      } catch (e) {
        p.push(`seeded bug ${bug.file} could not be compared with ${spec.reference}: ${(e as Error).message.split('\n').slice(-2).join(' ')}`);
      }
    }
  }
  return p;
}

function execFileAsyncInput(file: string, args: string[], input: string): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { timeout: 30_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve({ stdout })));
    child.stdin?.end(input);
  });
}

// ---- Check runs -------------------------------------------------------------------------------

interface Job {
  readonly ex: Exercise;
  readonly kind: 'starter' | 'solution' | 'honest' | 'cheat';
  /** Names the run's folder: starter, solution, honest-2, cheat-3. */
  readonly label: string;
  readonly cheat?: CheatCase;
  readonly variant?: HonestVariant;
}

interface RunContext {
  readonly tmp: string;
  readonly python: PythonInfo;
  readonly timeoutMs: number;
  readonly keep: boolean;
  readonly verbose: boolean;
  readonly out: (line: string) => void;
  readonly row: Row;
  /**
   * Upskill's storage for this worker's runs (scratch copies, mypy's cache). One per worker,
   * so two runs of one exercise at once never share a mypy cache, which mypy does not
   * support; kept between validator runs, so the cache stays warm.
   */
  readonly storageDir: string;
}

/** The learner's folder right after "Start Exercise" (empty for a project exercise). */
async function starterFolder(ex: Exercise, dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  if (ex.starter !== undefined) await fs.cp(path.join(ex.dir, ex.starter), dir, { recursive: true });
}

/**
 * The starter with the reference solution laid over it (for git exercises, the history
 * made), and the hidden tests beside it as a first check leaves them, so that the lint and
 * format checks see them as the learner's second check does.
 */
async function solvedFolder(ex: Exercise, dir: string): Promise<void> {
  await starterFolder(ex, dir);
  if (ex.solution === undefined) throw new Error('it has no reference solution');
  await layOver(dir, path.join(ex.dir, ex.solution));
  await addHiddenTests(ex, dir);
}

/**
 * An honest variant's folder: laid over the starter (or the solved folder) as a cheat is,
 * with the hidden tests beside it as a learner's second check sees them.
 */
async function honestFolder(ex: Exercise, variant: HonestVariant, dir: string): Promise<void> {
  if (variant.base === 'solution') await solvedFolder(ex, dir);
  else await starterFolder(ex, dir);
  await layOver(dir, path.join(ex.dir, variant.folder));
  await addHiddenTests(ex, dir);
}

/** The hidden tests a first check leaves in the learner's folder, where the learner has no file of that name. */
async function addHiddenTests(ex: Exercise, dir: string): Promise<void> {
  for (const spec of ex.checks.filter((c): c is PytestCheck => c.type === 'pytest' && c.hiddenTests !== undefined)) {
    const src = path.join(ex.dir, spec.hiddenTests!);
    for (const rel of await filesUnder(src)) {
      const to = path.join(dir, rel);
      if (await isFile(to)) continue;
      await fs.mkdir(path.dirname(to), { recursive: true });
      await fs.copyFile(path.join(src, rel), to);
    }
  }
}

/** The report as the violation shows it: each check's verdict, then its first findings, failing tests and details. */
export function describeReport(report: CheckReport): string[] {
  return report.results.flatMap((r) => {
    const findings = r.findings.slice(0, 5).map((f) => `    ${path.basename(f.file)}:${f.line}:${f.column} ${f.code ?? ''} ${f.message}`);
    const tests = r.tests
      .filter((t) => t.outcome !== 'passed')
      .slice(0, 5)
      .map((t) => `    ${t.outcome} ${t.id}${t.message ? `: ${t.message.split('\n')[0]}` : ''}`);
    const details = r.details.slice(0, 8).flatMap((d) => d.split('\n').slice(0, 6).map((l) => `    ${l}`));
    return [`[${r.status}] ${r.title}: ${r.summary}`, ...findings, ...tests, ...details];
  });
}

const refusedCleanly = (r: CheckReport) => !r.passed && r.results.some((x) => x.status === 'failed');

/** One JSON line per check run, for finding where the validator's time goes (UPSKILL_VALIDATE_PROFILE=file). */
async function profileLine(file: string, job: Job, report: CheckReport): Promise<void> {
  const line = {
    exercise: job.ex.id,
    job: job.label,
    ms: report.durationMs,
    checks: report.results.map((r) => ({
      type: r.type,
      status: r.status,
      ms: r.durationMs,
      runs: r.runs.map((run) => ({ argv: run.argv.slice(0, 4).join(' '), ms: run.durationMs, cpuMs: run.usage?.cpuMs })),
    })),
  };
  await fs.appendFile(file, JSON.stringify(line) + '\n');
}

async function runJob(job: Job, ctx: RunContext): Promise<Violation | undefined> {
  const { ex } = job;
  const dir = path.join(ctx.tmp, ex.id, job.label);
  const what = job.kind === 'cheat' ? `cheat "${job.cheat!.name}"` : job.kind === 'honest' ? `honest variant "${job.variant!.folder}: ${job.variant!.description}"` : `the ${job.kind}`;
  const violation = (v: Omit<Violation, 'exercise' | 'folder' | 'kept'>): Violation => ({ exercise: ex.id, folder: dir, kept: ctx.keep, ...v });
  try {
    let report: CheckReport;
    try {
      if (job.kind === 'starter') await starterFolder(ex, dir);
      else if (job.kind === 'honest') await honestFolder(ex, job.variant!, dir);
      else if (job.kind === 'solution' || job.cheat!.base === 'solution') await solvedFolder(ex, dir);
      else await starterFolder(ex, dir);
      if (job.cheat) await job.cheat.apply(dir);
      const log: string[] = [];
      report = await runChecks({ exercise: ex, workDir: dir, python: ctx.python, timeoutMs: ctx.timeoutMs, trusted: true, storageDir: ctx.storageDir, log: (line) => log.push(line), stopAtFirstFailure: (job.kind === 'starter' || job.kind === 'cheat') && !ctx.verbose });
      // formatReport must never throw on a real report: it is what the output channel shows.
      formatReport(report);
      if (process.env.UPSKILL_VALIDATE_PROFILE) await profileLine(process.env.UPSKILL_VALIDATE_PROFILE, job, report);
    } catch (e) {
      return violation({ what: `${what} could not be checked: ${(e as Error).message.split('\n')[0]}`, details: ((e as Error).stack ?? '').split('\n').slice(1, 6) });
    }
    if (ctx.verbose) ctx.out([`${ex.id}: ${what} in ${dir}`, ...describeReport(report).map((l) => `  ${l}`)].join('\n'));
    switch (job.kind) {
      case 'starter':
        ctx.row.starterFails = refusedCleanly(report);
        if (report.passed) return violation({ what: 'the starter passes every check: the exercise asks for nothing', details: describeReport(report) });
        if (!ctx.row.starterFails) return violation({ what: 'the starter did not pass, but no check failed cleanly (only errors: are the tools or the content broken?)', details: describeReport(report) });
        return undefined;
      case 'solution':
        ctx.row.solutionPasses = report.passed && report.results.every((r) => r.status === 'passed');
        if (!ctx.row.solutionPasses) return violation({ what: 'the reference solution does not pass', details: describeReport(report) });
        return undefined;
      case 'honest': {
        if (report.passed && report.results.every((r) => r.status === 'passed')) {
          ctx.row.honestPassed++;
          return undefined;
        }
        const failed = report.results.filter((r) => r.status !== 'passed').map((r) => `${r.title} (${r.status})`);
        return violation({ what: `${what} does not pass: ${failed.join(', ') || 'the report did not pass'}; is the check refusing honest work?`, details: describeReport(report) });
      }
      default:
        if (refusedCleanly(report)) {
          ctx.row.refused++;
          return undefined;
        }
        return violation({ what: `${what} was not refused${report.passed ? ': it passes every check' : ' (no check failed cleanly, only errors)'}`, details: describeReport(report) });
    }
  } finally {
    if (!ctx.keep) await fs.rm(dir, { recursive: true, force: true });
  }
}

// ---- Output -----------------------------------------------------------------------------------

export function formatTable(rows: readonly Row[]): string {
  const yes = (b?: boolean) => (b === undefined ? '-' : b ? 'yes' : 'NO');
  const lines = rows.map((r) => [r.id, yes(r.starterFails), yes(r.solutionPasses), `${r.honestPassed} / ${r.honestTried}`, `${r.refused} / ${r.tried}`, (r.ms / 1000).toFixed(1)]);
  const head = ['exercise', 'starter fails', 'solution passes', 'honest passed / tried', 'cheats refused / tried', 'seconds'];
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  return [fmt(head), fmt(widths.map((w) => '-'.repeat(w))), ...lines.map(fmt)].join('\n');
}

export function formatViolation(v: Violation): string {
  const where = v.folder ? [v.kept ? `folder: ${v.folder} (kept)` : 'folder: removed; run again with --keep to keep it'] : [];
  return [`✗ ${v.exercise ?? 'content'}: ${v.what}`, ...[...where, ...(v.details ?? [])].map((l) => `    ${l}`)].join('\n');
}

/** The closing summary: counts, workers and the total time. */
export function formatSummary(v: Validation): string {
  const n = v.rows.length;
  const s = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  const verdict = v.violations.length ? `${s(v.violations.length, 'violation')}` : 'no violations';
  return `${s(n, 'exercise')}, ${s(v.runs, 'check run')} on ${s(v.jobs, 'worker')}: ${verdict}. Total ${(v.wallMs / 1000).toFixed(1)} s.${v.keptIn ? ` Folders kept in ${v.keptIn}.` : ''}`;
}
