// The curriculum validator: every shipped exercise is run through the real check engine
// with the real tools.
//
//   1. The starter alone (an empty folder for `kind: project`) must NOT pass: otherwise the
//      exercise teaches nothing, or a check silently accepts anything.
//   2. The starter with the reference solution laid over it must pass every check.
//   3. It attacks: a generic cheat set for each check kind the exercise uses (cheats.ts)
//      and the exercise's own `cheats:` folders; every one must be refused.
//   4. Seeded bugs are the reference plus one small mutation (a syntax-tree diff).
//
// A table (exercise, starter fails, solution passes, cheats refused / tried, seconds) is
// printed at the end.
//
// Python: UPSKILL_TEST_PYTHON, else /usr/bin/python3 (it needs pytest, pytest-mock, mypy).
// Ruff is the bundled WebAssembly build, so nothing else is needed.
//
// Git exercises: an exercise folder cannot ship a nested `.git`, so the solution of a git
// exercise holds `make-history.sh`, the commands a learner would type. The validator lays
// the rest of the solution over the starter in a temporary folder, then runs that script
// there with bash (from the exercise folder: it is not copied, so it does not show up as an
// untracked file) to create the repository, branches and commits the checks look for.

import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { readdirSync, readFileSync, promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import { formatReport, runChecks } from '../../../src/checks/engine';
import { HELPER } from '../../../src/checks/pyhelper';
import { resolvePython } from '../../../src/checks/python';
import type { CheckReport, PythonInfo } from '../../../src/checks/types';
import { loadCatalog, nodeContentFs } from '../../../src/core/content';
import type { Catalog, CatchBugsCheck, CheckType, Exercise } from '../../../src/core/model';
import { type CheatCase, exerciseCheats, genericCheats, layOver } from './cheats';


const CONTENT_ROOT = path.join(process.cwd(), 'resources', 'content');
const PYTHON = process.env.UPSKILL_TEST_PYTHON || '/usr/bin/python3';
const CHECK_TIMEOUT_MS = 120_000;
const ALL_CHECK_TYPES: readonly CheckType[] = [
  'pytest',
  'no-network',
  'tests-catch-bugs',
  'mypy',
  'ruff-lint',
  'ruff-format',
  'workflow',
  'git',
  'structure',
  'command',
];

/** Ids of the exercises under resources/content/exercises, read without the loader. */
function shippedExerciseIds(): string[] {
  const root = path.join(CONTENT_ROOT, 'exercises');
  const ids: string[] = [];
  for (const folder of readdirSync(root, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    const file = path.join(root, folder.name, 'exercise.yaml');
    const data = parseYaml(readFileSync(file, 'utf8')) as { exercises?: { id?: unknown }[] } | null;
    for (const ex of data?.exercises ?? []) ids.push(String(ex.id));
  }
  return ids.sort();
}

async function tempDir(label: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `upskill-curriculum-${label}-`));
}

async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(
    () => true,
    () => false,
  );
}

/** The learner's folder as it is right after "Start Exercise" (empty for a project exercise). */
async function starterFolder(ex: Exercise): Promise<string> {
  const dir = await tempDir(`${ex.id}-starter`);
  if (ex.starter !== undefined) await fs.cp(path.join(ex.dir, ex.starter), dir, { recursive: true });
  return dir;
}

/** The starter with the reference solution laid over it, and for git exercises the history made. */
async function solvedFolder(ex: Exercise, label = 'solved'): Promise<string> {
  const dir = await tempDir(`${ex.id}-${label}`);
  if (ex.starter !== undefined) await fs.cp(path.join(ex.dir, ex.starter), dir, { recursive: true });
  assert.ok(ex.solution !== undefined, `${ex.id} has no reference solution`);
  await layOver(dir, path.join(ex.dir, ex.solution));
  return dir;
}

/** Runs `fn` over `items`, two at a time (the machines have two cores). */
async function twoAtATime<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all([worker(), worker()]);
  return out;
}

interface Row {
  starterFails?: boolean;
  solutionPasses?: boolean;
  refused: number;
  tried: number;
  ms: number;
}
const table = new Map<string, Row>();
function row(id: string): Row {
  let r = table.get(id);
  if (!r) table.set(id, (r = { refused: 0, tried: 0, ms: 0 }));
  return r;
}

function printTable(): void {
  const yes = (b?: boolean) => (b === undefined ? '-' : b ? 'yes' : 'NO');
  const lines = [...table.entries()].map(([id, r]) => [id, yes(r.starterFails), yes(r.solutionPasses), `${r.refused} / ${r.tried}`, (r.ms / 1000).toFixed(1)]);
  const head = ['exercise', 'starter fails', 'solution passes', 'cheats refused / tried', 'seconds'];
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i])).join('  ')}`;
  console.log(`\nCurriculum validator\n${fmt(head)}\n${fmt(widths.map((w) => '-'.repeat(w)))}\n${lines.map(fmt).join('\n')}`);
}

function describeReport(report: CheckReport): string {
  const lines = report.results.map((r) => {
    const findings = r.findings.slice(0, 5).map((f) => `      ${path.basename(f.file)}:${f.line}:${f.column} ${f.code ?? ''} ${f.message}`);
    const tests = r.tests
      .filter((t) => t.outcome !== 'passed')
      .slice(0, 5)
      .map((t) => `      ${t.outcome} ${t.id}${t.message ? `: ${t.message.split('\n')[0]}` : ''}`);
    const details = r.details.slice(0, 8).map((d) => `      ${d}`);
    return [`  [${r.status}] ${r.title}: ${r.summary}`, ...findings, ...tests, ...details].join('\n');
  });
  return lines.join('\n');
}

async function check(ex: Exercise, workDir: string, python: PythonInfo): Promise<CheckReport> {
  const log: string[] = [];
  const report = await runChecks({
    exercise: ex,
    workDir,
    python,
    timeoutMs: CHECK_TIMEOUT_MS,
    trusted: true,
    log: (line) => log.push(line),
  });
  // formatReport must never throw on a real report; it is what the output channel shows.
  assert.ok(formatReport(report).length > 0, 'formatReport returned nothing');
  // UPSKILL_CURRICULUM_VERBOSE=1 prints every report, to see that a starter fails for the intended reason.
  if (process.env.UPSKILL_CURRICULUM_VERBOSE) console.log(`\n${ex.id} in ${workDir}\n${describeReport(report)}`);
  return report;
}

describe('curriculum: every shipped exercise', function () {
  this.timeout(10 * 60_000);

  let catalog: Catalog;
  let python: PythonInfo;
  const cleanup: string[] = [];

  before(async () => {
    catalog = await loadCatalog([{ kind: 'builtin', root: CONTENT_ROOT, label: 'builtin', trusted: true }], nodeContentFs);
    python = await resolvePython([{ path: PYTHON, origin: 'UPSKILL_TEST_PYTHON or /usr/bin/python3' }]);
  });

  after(async () => {
    printTable();
    if (process.env.UPSKILL_KEEP_TEMP) return;
    await Promise.all(cleanup.map((d) => fs.rm(d, { recursive: true, force: true })));
  });

  it('loads without content errors', () => {
    const errors = catalog.errors.map((e) => `${path.relative(process.cwd(), e.file)}:${e.line}:${e.column} ${e.message}`);
    assert.deepStrictEqual(errors, []);
  });

  it('links every competency to a shipped exercise, or marks it self-assessed: never both, never neither', () => {
    const wrong: string[] = [];
    for (const skill of catalog.skills.values()) {
      for (const c of skill.checklist) {
        if (c.selfAssessed === (c.exerciseIds.length > 0)) wrong.push(`${skill.id}.${c.id}: ${c.selfAssessed ? 'self-assessed and linked' : 'neither linked nor marked selfAssessed'}`);
      }
    }
    assert.deepStrictEqual(wrong, []);
    assert.ok([...catalog.exercises.values()].every((e) => e.competencies.length > 0), 'every shipped exercise proves at least one competency');
  });

  it('ships every exercise folder as a loaded exercise', async () => {
    const folders = (await fs.readdir(path.join(CONTENT_ROOT, 'exercises'), { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
    const loaded = new Set([...catalog.exercises.values()].map((e) => path.basename(e.dir)));
    assert.deepStrictEqual(
      folders.filter((f) => !loaded.has(f)),
      [],
      'these exercise folders did not load (see the content errors test)',
    );
  });

  it('has at least one exercise for every check kind', () => {
    const used = new Set([...catalog.exercises.values()].flatMap((e) => e.checks.map((c) => c.type)));
    assert.deepStrictEqual(
      ALL_CHECK_TYPES.filter((t) => !used.has(t)),
      [],
    );
  });

  it('the generic cheat set attacks every check kind', async () => {
    const attacked = new Set<CheckType>();
    for (const ex of catalog.exercises.values()) for (const c of await genericCheats(ex)) c.kinds.forEach((k) => attacked.add(k));
    assert.deepStrictEqual(
      ALL_CHECK_TYPES.filter((t) => !attacked.has(t)),
      [],
    );
  });

  // Mocha needs its tests before the (async) catalog is loaded, so the exercise ids are read
  // synchronously from the YAML here; each test then finds its exercise in the catalog.
  for (const id of shippedExerciseIds()) {
    describe(id, () => {
      const get = (): Exercise => {
        const ex = catalog.exercises.get(id);
        assert.ok(ex, `exercise "${id}" did not load (see the content errors test)`);
        return ex;
      };
      it('has instructions, hints, a solution and at least one cheat of its own', () => checkMetadata(get()));
      it('the starter fails its checks', () => timed(id, () => checkStarterFails(get())));
      it('the reference solution passes its checks', () => timed(id, () => checkSolutionPasses(get())));
      it('seeded bugs are the reference plus one small mutation', () => checkBugsAreSmall(get()));
      it('refuses every generic cheat for its check kinds and every cheat of its own', () => timed(id, () => checkCheatsRefused(get())));
    });
  }

  async function timed(id: string, fn: () => Promise<void>): Promise<void> {
    const t0 = Date.now();
    try {
      await fn();
    } finally {
      row(id).ms += Date.now() - t0;
    }
  }

  async function checkMetadata(ex: Exercise): Promise<void> {
    assert.ok((ex.cheats ?? []).length >= 1, 'lists no cheats of its own (cheats: in exercise.yaml)');
    assert.strictEqual(path.basename(ex.dir), ex.id, 'the exercise folder is named after its id');
    assert.ok(ex.hints.length >= 2, `has ${ex.hints.length} hint(s); at least 2 expected`);
    const readme = await fs.readFile(path.join(ex.dir, ex.instructions), 'utf8');
    assert.ok(readme.trim().length > 200, `instructions ${ex.instructions} are too short`);
    assert.ok(/^# /m.test(readme), `instructions ${ex.instructions} have no top-level heading`);
    assert.ok(ex.solution !== undefined, 'has no reference solution');
    assert.ok(ex.checks.length > 0, 'has no checks');
    if (ex.kind === 'scaffold') {
      assert.ok(ex.starter !== undefined, 'a scaffold exercise needs a starter');
      if (ex.main !== undefined) assert.ok(await exists(path.join(ex.dir, ex.starter, ex.main)), `main file ${ex.main} is not in the starter`);
    }
  }

  async function checkStarterFails(ex: Exercise): Promise<void> {
    const dir = await starterFolder(ex);
    cleanup.push(dir);
    const report = await check(ex, dir, python);
    row(ex.id).starterFails = !report.passed;
    if (report.passed) throw new Error(`the starter passes every check (in ${dir}):\n${describeReport(report)}`);
    if (!report.results.some((r) => r.status === 'failed')) {
      throw new Error(`the starter did not pass, but no check failed cleanly (errors only: tools or content broken?):\n${describeReport(report)}`);
    }
  }

  async function checkSolutionPasses(ex: Exercise): Promise<void> {
    const dir = await solvedFolder(ex);
    cleanup.push(dir);
    const report = await check(ex, dir, python);
    const notPassed = report.results.filter((r) => r.status !== 'passed');
    row(ex.id).solutionPasses = report.passed && notPassed.length === 0;
    if (!report.passed || notPassed.length > 0) throw new Error(`the reference solution does not pass (in ${dir}):\n${describeReport(report)}`);
  }

  async function checkBugsAreSmall(ex: Exercise): Promise<void> {
    for (const spec of ex.checks.filter((c): c is CatchBugsCheck => c.type === 'tests-catch-bugs')) {
      for (const bug of spec.bugs) {
        const stdout = execFileSync(python.path, ['-I', '-c', HELPER], { input: JSON.stringify({ command: 'ast_diff', a: path.join(ex.dir, spec.reference), b: path.join(ex.dir, bug.file) }) });
        const diff = (JSON.parse(String(stdout).trim()) as { result: { sites: number; nodes: number; sameDocstrings: boolean } }).result;
        assert.ok(diff.sameDocstrings, `${bug.file} changes docstrings: a bug file is the reference plus one mutation, nothing else`);
        assert.ok(diff.sites >= 1, `${bug.file} has the same syntax tree as the reference: it seeds no bug`);
        assert.ok(diff.sites <= 2 && diff.nodes <= 60, `${bug.file} differs from the reference in ${diff.sites} places (${diff.nodes} syntax nodes): keep it to one small mutation (at most 2 places, 60 nodes)`);
      }
    }
  }

  async function checkCheatsRefused(ex: Exercise): Promise<void> {
    const cases: CheatCase[] = [...(await genericCheats(ex)), ...exerciseCheats(ex)];
    const outcomes = await twoAtATime(cases, async (c) => {
      const dir = c.base === 'solution' ? await solvedFolder(ex, 'cheat') : await starterFolder(ex);
      cleanup.push(dir);
      await c.apply(dir);
      const report = await check(ex, dir, python);
      // Refused means: not passed, and some check failed cleanly (an error is a broken tool, not a refusal).
      const refused = !report.passed && report.results.some((r) => r.status === 'failed');
      return { c, refused, report, dir };
    });
    row(ex.id).tried = outcomes.length;
    row(ex.id).refused = outcomes.filter((o) => o.refused).length;
    const letThrough = outcomes.filter((o) => !o.refused);
    if (letThrough.length) {
      throw new Error(letThrough.map((o) => `cheat not refused: ${o.c.name} (in ${o.dir})\n${describeReport(o.report)}`).join('\n'));
    }
  }
});
