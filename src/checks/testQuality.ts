// What a passing pytest run does not tell on its own, for checks that run a suite the
// learner wrote (above all "apply to your project"):
//  - which pytest configuration of the learner's to read, and whether a file of theirs
//    implements a hook that decides test outcomes (such a suite could pass whatever runs);
//  - how many test functions ran and passed (the cases of one parametrized function count once);
//  - which tests check nothing: no assert on a value, no pytest.raises, no assert_… call,
//    not even through a helper in the same file. A look at the code, so the rule is one a
//    learner can read: see resources/python/upskill_checks_nothing.py.

import { promises as fs } from 'fs';
import * as path from 'path';
import CHECKS_NOTHING from '../../resources/python/upskill_checks_nothing.py';
import { describeEnd, runProcess, timeLeft } from './process';
import { filesUnder } from './scratch';
import { arrayOf, num } from './shape';
import type { CheckContext, CommandRun, Finding, TestCaseResult } from './types';

/** Hooks that decide or rewrite a test's outcome; a project file that implements one is refused. */
export const OUTCOME_HOOKS = [
  'pytest_runtest_protocol',
  'pytest_runtest_call',
  'pytest_pyfunc_call',
  'pytest_runtest_makereport',
  'pytest_runtest_logreport',
  'pytest_report_teststatus',
  'pytest_runtestloop',
] as const;

/**
 * The learner's pytest configuration file in `dir`, in pytest's own order of preference, or
 * undefined. pyproject.toml, tox.ini and setup.cfg count only with a pytest section.
 */
export async function projectPytestConfig(dir: string): Promise<string | undefined> {
  const candidates: [string, RegExp | undefined][] = [
    ['pytest.ini', undefined],
    ['.pytest.ini', undefined],
    ['pyproject.toml', /^\s*\[tool\.pytest\.ini_options\]/m],
    ['tox.ini', /^\s*\[pytest\]/m],
    ['setup.cfg', /^\s*\[tool:pytest\]/m],
  ];
  for (const [name, section] of candidates) {
    const file = path.join(dir, name);
    const st = await fs.lstat(file).catch(() => undefined);
    if (!st?.isFile()) continue;
    if (!section || section.test(await fs.readFile(file, 'utf8'))) return file;
  }
  return undefined;
}

/** Python files under `dir` that define one of OUTCOME_HOOKS at the start of a line: `file:line hook`. */
export async function outcomeHooks(dir: string): Promise<{ file: string; line: number; hook: string }[]> {
  const def = new RegExp(`^[ \\t]*(?:async[ \\t]+)?def[ \\t]+(${OUTCOME_HOOKS.join('|')})[ \\t]*\\(`, 'gm');
  const out: { file: string; line: number; hook: string }[] = [];
  for (const rel of (await filesUnder(dir)).filter((f) => f.endsWith('.py'))) {
    const text = await fs.readFile(path.join(dir, rel), 'utf8').catch(() => '');
    if (!text.includes('pytest_')) continue;
    for (const m of text.matchAll(def)) out.push({ file: rel, line: text.slice(0, m.index).split('\n').length, hook: m[1] });
  }
  return out;
}

/** A test's function: its file (relative to the run's folder) and its name without the parameters. */
export function testFunction(t: TestCaseResult): { file: string; name: string } {
  const [file, ...rest] = t.id.split('::');
  return { file: t.file ?? file, name: rest.join('::').replace(/\[.*\]$/s, '') };
}

/** Test functions that ran and passed, counted once however many parametrized cases they have. */
export function passedFunctions(tests: readonly TestCaseResult[]): string[] {
  const names = new Set<string>();
  for (const t of tests) {
    if (t.outcome !== 'passed') continue;
    const f = testFunction(t);
    names.add(`${path.normalize(f.file)}::${f.name}`);
  }
  return [...names].sort();
}

/** The helper (resources/python/upskill_checks_nothing.py) answers the indexes of the tests that check nothing. */
const INDEXES = arrayOf(num);

/** The tests among `tests` (those that passed, in .py files) whose code checks nothing. */
export async function testsCheckingNothing(ctx: CheckContext, tests: readonly TestCaseResult[], runs: CommandRun[]): Promise<TestCaseResult[]> {
  const candidates = tests.filter((t) => t.outcome === 'passed' && testFunction(t).file.endsWith('.py'));
  if (!candidates.length) return [];
  const run = await runProcess([ctx.python.path, '-I', '-c', CHECKS_NOTHING], {
    cwd: ctx.workDir,
    timeoutMs: timeLeft(ctx),
    signal: ctx.signal,
    input: JSON.stringify({ root: ctx.workDir, tests: candidates.map(testFunction) }),
  });
  runs.push(run);
  const ended = describeEnd(run, ctx.timeoutMs);
  if (ended) throw new Error(`Reading your tests for asserts did not finish: ${ended}`);
  let indexes: number[];
  try {
    indexes = INDEXES(JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as unknown, 'the answer');
  } catch (e) {
    const why = e instanceof SyntaxError ? (run.stderr.trim().split('\n').pop() ?? `exit code ${run.exitCode}`) : (e as Error).message;
    throw new Error(`Reading your tests for asserts failed with ${ctx.python.path}: ${why}`);
  }
  const unknown = indexes.find((i) => candidates[i] === undefined);
  if (unknown !== undefined) throw new Error(`Reading your tests for asserts failed with ${ctx.python.path}: it named test ${unknown} of ${candidates.length}.`);
  return indexes.map((i) => candidates[i]);
}

/** A test that checks nothing, as a finding on its `def` line. */
export function checksNothingFinding(ctx: CheckContext, t: TestCaseResult): Finding {
  const f = testFunction(t);
  return {
    file: path.resolve(ctx.workDir, f.file),
    line: t.line ?? 1,
    column: 1,
    severity: 'error',
    message: `${f.name} checks nothing: it has no assert on a value, no pytest.raises and no assert_… call, so it passes whatever the code does (an assert that cannot fail, like \`assert x == x\` or \`assert (x, y)\`, does not count).`,
    source: 'upskill',
    code: 'test-checks-nothing',
  };
}
