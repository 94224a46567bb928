// pytest-based checks: the exercise's tests, and the learner's tests without network.
//
// The exercise's own tests (shipped and hidden) run in the judge (judge.ts): a pytest process
// that never imports the learner's code, with the tests in a folder beside the copy; the
// learner's modules answer from a guarded worker process. Tests the learner writes (test
// files of the solution, or a whole project's suite with `projectConfig`) run as ordinary
// pytest on the copy, which is their point; the exercise's tests never run in that process.
//
// Hermetic (the engine already runs them in a scratch copy; pytestRun.ts runs pytest):
//  - the learner's conftest.py files are removed from the copy and `--noconftest` given,
//    unless the exercise ships conftest files, which are then written fresh from the starter;
//  - the exercise's own files (starter files its solution does not replace: tests it
//    ships, modules the learner is not asked to change, data) are written fresh into the
//    copy, whatever the learner's folder holds;
//  - zero tests is a failure, and every test in the report must have passed.

import { promises as fs } from 'fs';
import * as path from 'path';
import type { Exercise, NoNetworkCheck, PytestCheck } from '../core/model';
import { inside } from '../core/paths';
import { type JudgeFile, JUDGE_MIN_PYTHON, judgeSupports, runJudge } from './judge';
import { describeEnd } from './process';
import { BLOCKED_MARKER, type NetworkAttempt, type PytestOptions, type PytestRun, runPytest } from './pytestRun';
import { listNames, plural, result } from './result';
import { filesUnder, revealMissing, writeFresh } from './scratch';
import { checksNothingFinding, outcomeHooks, passedFunctions, projectPytestConfig, testFunction, testsCheckingNothing } from './testQuality';
import type { CheckContext, CheckResult, CommandRun, Finding, TestCaseResult } from './types';

/**
 * Starter files the exercise owns: those its reference solution does not replace. The
 * learner is not asked to change them, so the copy gets them fresh from the exercise.
 * Without a solution folder nothing can be told apart, and nothing is restored.
 */
export async function exerciseOwnedFiles(ex: Exercise): Promise<string[]> {
  if (ex.starter === undefined || ex.solution === undefined || ex.kind !== 'scaffold') return [];
  const solution = new Set(await filesUnder(path.join(ex.dir, ex.solution)));
  return (await filesUnder(path.join(ex.dir, ex.starter))).filter((f) => !solution.has(f));
}

const TEST_FILE = /(^|[\\/])test_[^\\/]*\.py$|_test\.py$/;

/**
 * Lays the exercise's own files fresh over the copy, and its hidden tests too unless
 * `hiddenInCopy` is false (the judge keeps them beside the copy); removes the learner's
 * conftest files. Returns the conftest files and every file the exercise owns, hidden tests included.
 */
export async function prepareCopy(ctx: CheckContext, hiddenTests: string | undefined, details: string[], keepConftests = false, hiddenInCopy = true): Promise<{ conftests: string[]; owned: string[] }> {
  const ex = ctx.exercise;
  const owned = await exerciseOwnedFiles(ex);
  if (!keepConftests) for (const rel of await filesUnder(ctx.workDir)) if (path.basename(rel) === 'conftest.py') await fs.rm(path.join(ctx.workDir, rel), { force: true });
  for (const rel of owned) await writeFresh(ctx.workDir, rel, await fs.readFile(path.join(ex.dir, ex.starter!, rel)));
  if (hiddenTests) {
    const src = inside(ex.dir, hiddenTests, 'hiddenTests');
    const hidden = await filesUnder(src);
    if (hiddenInCopy) for (const rel of hidden) await writeFresh(ctx.workDir, rel, await fs.readFile(path.join(src, rel)));
    owned.push(...hidden);
    // Revealed to the learner at the first check: added beside their code, never over a file.
    if (ctx.learnerDir) {
      const added = await revealMissing(src, ctx.learnerDir);
      if (added.length) details.push(`Added the exercise's further tests to your folder: ${added.join(', ')}.`);
    }
  }
  return { conftests: owned.filter((f) => path.basename(f) === 'conftest.py'), owned };
}

/** Verdict for a pytest run, shared by the pytest and no-network checks. */
export function verdict(ctx: CheckContext, p: PytestRun, owned: readonly string[] = [], allowSkips = false): { status: CheckResult['status']; summary: string; details: string[] } {
  const ended = describeEnd(p.run, ctx.timeoutMs);
  if (ended) return { status: 'error', summary: `pytest did not finish: ${ended}.`, details: [] };
  const failed = p.tests.filter((t) => t.outcome === 'failed' || t.outcome === 'error');
  const skipped = p.tests.filter((t) => t.outcome === 'skipped');
  const details = [...failed, ...skipped].map((t) => `${t.id}: ${t.message ?? t.outcome}`);
  const blocked = failed.filter((t) => t.message?.includes(BLOCKED_MARKER) || /Network is unreachable|Temporary failure in name resolution|Name or service not known/.test(t.message ?? ''));
  const lastLine = `${p.run.stdout}\n${p.run.stderr}`.trim().split('\n').filter(Boolean).slice(-1)[0] ?? '';
  if (!p.tests.length) {
    if (p.run.exitCode === 5 || p.run.exitCode === 0) return { status: 'failed', summary: 'pytest found no tests. Test files are named test_*.py and test functions start with test_.', details };
    return { status: 'failed', summary: `pytest ran no tests (exit code ${p.run.exitCode}): ${lastLine || 'it stopped before writing its report'}`, details };
  }
  if (blocked.length) {
    return {
      status: 'failed',
      summary: `${listNames(blocked.map((t) => t.id.split('::').pop()!))} tried to reach the network. Mock the call (unittest.mock.patch or mocker.patch) so the test runs offline.`,
      details,
    };
  }
  if (failed.length) {
    return { status: 'failed', summary: `${failed.length} of ${plural(p.tests.length, 'test')} failed: ${listNames(failed.map((t) => t.id.split('::').pop()!))}.`, details };
  }
  if (skipped.length && !allowSkips) {
    return { status: 'failed', summary: `${listNames(skipped.map((t) => t.id.split('::').pop()!))} did not run (skipped); every test has to run and pass.`, details };
  }
  // Each test file the exercise ships must have run: a learner module cannot make one vanish.
  const ran = new Set(p.tests.map((t) => path.normalize(t.id.split('::')[0])));
  const missing = owned.filter((f) => TEST_FILE.test(f) && !ran.has(path.normalize(f)));
  if (missing.length) return { status: 'failed', summary: `The tests in ${listNames(missing)} did not run; pytest's output in the Upskill log says why.`, details };
  if (p.run.exitCode !== 0) return { status: 'failed', summary: `pytest reported a problem (exit code ${p.run.exitCode}): ${lastLine}`, details };
  const passed = p.tests.length - skipped.length;
  if (!passed) return { status: 'failed', summary: `No test ran: ${skipped.length === 1 ? 'the only test was' : `all ${skipped.length} tests were`} skipped.`, details };
  return { status: 'passed', summary: `${plural(passed, 'test')} passed${skipped.length ? ` (${skipped.length} skipped, not counted)` : ''}.`, details };
}

/**
 * What the judge runs: the exercise's own Python files from the starter (shipped tests,
 * modules the learner does not change) and its hidden tests (which win). The exercise's data
 * is in the copy, written fresh, and the judge's folder links to it.
 */
async function judgeFiles(ex: Exercise, hiddenTests: string | undefined): Promise<JudgeFile[]> {
  const files = new Map<string, JudgeFile>();
  for (const rel of await exerciseOwnedFiles(ex)) if (rel.endsWith('.py')) files.set(rel, { rel, from: path.join(ex.dir, ex.starter!, rel) });
  if (hiddenTests) {
    const src = inside(ex.dir, hiddenTests, 'hiddenTests');
    for (const rel of await filesUnder(src)) files.set(rel, { rel, from: path.join(src, rel) });
  }
  return [...files.values()];
}

/**
 * Test files the learner writes: those of the reference solution, or, for an exercise with no
 * solution to tell them apart and no tests of its own, every test file in the folder.
 */
async function learnerTestFiles(ctx: CheckContext, exerciseHasTests: boolean): Promise<string[] | 'all'> {
  const ex = ctx.exercise;
  if (ex.solution === undefined || ex.kind !== 'scaffold') return exerciseHasTests ? [] : 'all';
  const inSolution = (await filesUnder(path.join(ex.dir, ex.solution))).filter((f) => TEST_FILE.test(f));
  const present = new Set(await filesUnder(ctx.workDir));
  return inSolution.filter((f) => present.has(f));
}

export async function checkPytest(spec: PytestCheck, ctx: CheckContext): Promise<CheckResult> {
  return spec.projectConfig ? checkProjectSuite(spec, ctx) : checkExerciseTests(spec, ctx);
}

/** The exercise's tests in the judge, and the learner's own test files (if the exercise has them) as plain pytest. */
async function checkExerciseTests(spec: PytestCheck, ctx: CheckContext): Promise<CheckResult> {
  const started = Date.now();
  const details: string[] = [];
  const files = await judgeFiles(ctx.exercise, spec.hiddenTests);
  const judged = files.some((f) => TEST_FILE.test(f.rel));
  const tool = judged ? `${ctx.python.path} (pytest in Upskill's judge; your code in a separate worker process)` : `${ctx.python.path} -m pytest`;
  if (judged && !judgeSupports(ctx.python.version)) {
    return result(spec, started, {
      status: 'error',
      summary: `The exercise's tests run your code in a separate, guarded process, which needs Python ${JUDGE_MIN_PYTHON.join('.')} or later; ${ctx.python.path} is Python ${ctx.python.version}. Choose a newer interpreter (the Python extension's interpreter, or the upskill.pythonPath setting).`,
      details: [],
      tool,
    });
  }
  const { conftests, owned } = await prepareCopy(ctx, spec.hiddenTests, details, false, false);
  const runs: CommandRun[] = [];
  const findings: Finding[] = [];
  let tests: TestCaseResult[] = [];
  let v: Verdict | undefined;
  if (judged) {
    const p = await runJudge(ctx, files, spec.args ?? [], { noNetwork: spec.noNetwork, exitFirst: ctx.stopAtFirstFailure });
    runs.push(p.run);
    tests = p.tests;
    v = verdict(ctx, p, owned, spec.allowSkips);
    if (p.networkBlock) details.push(p.networkBlock);
    if (p.refusals.length) details.push(`Refused while your code ran: ${p.refusals.slice(0, 10).join(' | ')}`);
    if (p.crashes.length) details.push(...p.crashes.slice(0, 5).map((c) => `The process running your code: ${c}`));
  }
  const mine = await learnerTestFiles(ctx, judged);
  // Where only the verdict counts (stopAtFirstFailure), a failed judge settles it.
  const settled = ctx.stopAtFirstFailure && v !== undefined && v.status !== 'passed';
  if (!settled && (mine === 'all' || mine.length)) {
    // The learner's own tests are learner code: an ordinary pytest run of those files only.
    const q = await runPytest(ctx, ctx.workDir, mine === 'all' ? (spec.args ?? []) : mine, { noNetwork: spec.noNetwork, conftests, exitFirst: ctx.stopAtFirstFailure });
    runs.push(q.run);
    tests = [...tests, ...q.tests];
    if (q.networkBlock && !judged) details.push(q.networkBlock);
    const quality = await suiteQuality(spec, ctx, q.tests, runs, verdict(ctx, q, mine === 'all' ? owned : mine, spec.allowSkips));
    const w = quality.verdict.status === 'passed' && q.networkAttempts?.length ? reachedForTheNetwork(q.networkAttempts, quality.verdict) : quality.verdict;
    findings.push(...quality.findings);
    if (!v) v = w;
    else if (v.status === 'passed' && w.status !== 'passed') v = { ...w, summary: `Your tests: ${w.summary}` };
    else if (v.status === 'passed') v = { ...v, summary: `${plural(tests.length, 'test')} passed (${tests.length - q.tests.length} of the exercise's, ${q.tests.length} of yours).` };
    else v = { ...v, details: [...v.details, ...w.details] };
  }
  v ??= { status: 'failed', summary: 'pytest found no tests. Test files are named test_*.py and test functions start with test_.', details: [] };
  // Only now, with no process of the learner's left, the hidden tests join the copy: the checks
  // after this one (mypy reads how the tests call the code) see the folder as the learner will.
  if (spec.hiddenTests) {
    const src = inside(ctx.exercise.dir, spec.hiddenTests, 'hiddenTests');
    for (const rel of await filesUnder(src)) await writeFresh(ctx.workDir, rel, await fs.readFile(path.join(src, rel)));
  }
  return result(spec, started, { ...v, details: [...details, ...v.details], findings, tests, runs, tool });
}

type Verdict = ReturnType<typeof verdict>;

/** What a suite the learner wrote must show besides passing: enough test functions, each checking something. */
async function suiteQuality(spec: PytestCheck, ctx: CheckContext, tests: readonly TestCaseResult[], runs: CommandRun[], given: Verdict): Promise<{ verdict: Verdict; findings: Finding[] }> {
  let v = given;
  const findings: Finding[] = [];
  if (v.status === 'passed' && spec.minTests !== undefined) {
    const functions = passedFunctions(tests);
    if (functions.length < spec.minTests) {
      v = { status: 'failed', summary: `${plural(functions.length, 'test function')} ran and passed; this check asks for at least ${spec.minTests} (the cases of one parametrized test count once).`, details: v.details };
    }
  }
  if (v.status === 'passed' && spec.requireAsserts) {
    // One per test function: the cases of a parametrized test share its code.
    const empty = new Map<string, TestCaseResult>();
    for (const t of await testsCheckingNothing(ctx, tests, runs)) {
      const f = testFunction(t);
      if (!empty.has(`${f.file}::${f.name}`)) empty.set(`${f.file}::${f.name}`, t);
    }
    if (empty.size) {
      const names = [...new Set([...empty.values()].map((t) => testFunction(t).name))];
      findings.push(...[...empty.values()].map((t) => checksNothingFinding(ctx, t)));
      v = {
        status: 'failed',
        summary: `${listNames(names)} ${names.length === 1 ? 'checks' : 'check'} nothing: no assert on a value, no pytest.raises, no assert_… call (not even in a helper of the same file), so ${names.length === 1 ? 'it passes' : 'they pass'} whatever the code does.`,
        details: [...[...empty.keys()].map((k) => `${k}: checks nothing`), ...v.details],
      };
    }
  }
  return { verdict: v, findings };
}

/** "Apply to your project": the learner's own suite, with their pytest settings and conftest files. */
async function checkProjectSuite(spec: PytestCheck, ctx: CheckContext): Promise<CheckResult> {
  const started = Date.now();
  const details: string[] = [];
  const tool = `${ctx.python.path} -m pytest`;
  // Hidden tests never run in the process of the learner's suite: the judge runs them after it.
  const { conftests, owned } = await prepareCopy(ctx, spec.hiddenTests, details, true, false);
  const hooks = await outcomeHooks(ctx.workDir);
  if (hooks.length) {
    const where = hooks.map((h) => `${h.file}:${h.line} ${h.hook}`);
    return result(spec, started, {
      status: 'failed',
      summary: `${listNames(where)} ${hooks.length === 1 ? 'implements a pytest hook' : 'implement pytest hooks'} that decide${hooks.length === 1 ? 's' : ''} whether a test passed, so the check cannot trust the results. Remove ${hooks.length === 1 ? 'it' : 'them'} (fixtures and markers are fine).`,
      details: where,
      findings: hooks.map((h) => ({ file: path.join(ctx.workDir, h.file), line: h.line, column: 1, severity: 'error', message: `${h.hook} decides test outcomes; the check does not run a suite with it.`, source: 'upskill', code: 'outcome-hook' })),
      tool,
    });
  }
  const config = await projectPytestConfig(ctx.workDir);
  const project: PytestOptions['project'] = { config };
  details.push(config ? `Your pytest settings in ${path.basename(config)} were used (addopts aside), and your conftest.py files.` : 'No pytest settings found (pytest.ini, or a pytest section in pyproject.toml, tox.ini or setup.cfg): pytest ran with its defaults, and your conftest.py files.');
  const p = await runPytest(ctx, ctx.workDir, spec.args ?? [], { noNetwork: spec.noNetwork, conftests, project, exitFirst: ctx.stopAtFirstFailure });
  const runs = [p.run];
  let v = verdict(ctx, p, owned, spec.allowSkips);
  if (p.networkBlock) details.push(p.networkBlock);
  const q = await suiteQuality(spec, ctx, p.tests, runs, v);
  v = q.verdict;
  if (v.status === 'passed' && p.networkAttempts?.length) v = reachedForTheNetwork(p.networkAttempts, v);
  let tests = p.tests;
  if (spec.hiddenTests && !(ctx.stopAtFirstFailure && v.status !== 'passed')) {
    const hidden = await judgeFiles({ ...ctx.exercise, starter: undefined }, spec.hiddenTests);
    const h = await runJudge(ctx, hidden, [], { noNetwork: spec.noNetwork, exitFirst: ctx.stopAtFirstFailure });
    runs.push(h.run);
    tests = [...tests, ...h.tests];
    const w = verdict(ctx, h, hidden.map((f) => f.rel));
    if (v.status === 'passed' && w.status !== 'passed') v = { ...w, summary: `The exercise's tests: ${w.summary}` };
  }
  return result(spec, started, { ...v, details: [...details, ...v.details], findings: q.findings, tests, runs, tool });
}

/**
 * A suite that passed although the block refused some of its calls: a test caught the refusal
 * (a fallback, a bare except) instead of replacing the call, so offline it checks less than it
 * says. A test of how the code handles a network failure makes the failure with a mock (a
 * `side_effect=ConnectionError`), which the block never sees.
 */
function reachedForTheNetwork(attempts: readonly NetworkAttempt[], given: Verdict): Verdict {
  const where = (test: string) => (test ? test.split('::').pop()! : 'collecting the tests');
  const names = [...new Set(attempts.map((a) => where(a.test)))];
  const targets = [...new Set(attempts.map((a) => a.target))];
  const one = names.length === 1;
  return {
    status: 'failed',
    summary: `The tests passed, but ${listNames(names)} tried to reach the network (${listNames(targets.slice(0, 5))}${targets.length > 5 ? ` and ${targets.length - 5} more` : ''}) and went on when the call was refused. Replace the call with a mock or a saved fixture, so ${one ? 'the test checks' : 'the tests check'} your code offline instead of catching the failure; to test how your code handles a network error, make a mock raise it (side_effect=ConnectionError(...)).`,
    details: [...attempts.map((a) => `${a.test || '(while collecting the tests)'}: tried to reach ${a.target}, and the test went on when the call was refused`), ...given.details],
  };
}

export async function checkNoNetwork(spec: NoNetworkCheck, ctx: CheckContext): Promise<CheckResult> {
  const started = Date.now();
  const { conftests, owned } = await prepareCopy(ctx, undefined, []);
  const p = await runPytest(ctx, ctx.workDir, spec.args ?? [], { noNetwork: true, conftests, mustMock: spec.mustMock, exitFirst: ctx.stopAtFirstFailure });
  let v = verdict(ctx, p, owned);
  if (v.status === 'passed' && p.networkAttempts?.length) v = reachedForTheNetwork(p.networkAttempts, v);
  if (v.status === 'passed' && spec.mustMock && !p.mockCalls?.length) {
    const { module, name } = spec.mustMock;
    v = {
      status: 'failed',
      summary: `The tests pass, but no test made ${module} call a mock in place of ${name}: patch ${name} where ${module} looks it up (for example patch("${path.basename(module, '.py')}.…${name}")) and call the real code under test.`,
      details: v.details,
    };
  }
  const details = [`${p.networkBlock}.`, ...(p.mockCalls?.length ? [`${spec.mustMock!.module} called the mocked ${spec.mustMock!.name} from ${listNames([...new Set(p.mockCalls)])}.`] : []), ...v.details];
  return result(spec, started, { ...v, details, tests: p.tests, runs: [p.run], tool: `${ctx.python.path} -m pytest (${p.networkBlock})` });
}

