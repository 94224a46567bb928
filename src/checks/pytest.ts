// pytest-based checks: the exercise's tests, the learner's tests without network, and the
// learner's tests against a reference and seeded bugs.
//
// Hermetic (the engine already runs them in a scratch copy):
//  - pytest reads an exercise-owned configuration (`-c` a file outside the copy,
//    `-o addopts=`, no cache provider, PYTEST_ADDOPTS and PYTEST_PLUGINS cleared), so a
//    learner's pytest.ini, setup.cfg or pyproject cannot steer it;
//  - the learner's conftest.py files are removed from the copy and `--noconftest` given,
//    unless the exercise ships conftest files, which are then written fresh from the starter;
//  - the exercise's own files (starter files its solution does not replace: tests it
//    ships, modules the learner is not asked to change, data) are written fresh into the
//    copy, and so are hidden tests, whatever the learner's folder holds;
//  - zero tests is a failure, and every test in the report must have passed.

import { randomBytes } from 'crypto';
import { deflateSync } from 'zlib';
import { promises as fs } from 'fs';
import * as path from 'path';
import type { CatchBugsCheck, Exercise, NoNetworkCheck, PytestCheck } from '../core/model';
import { parseJUnit } from './junit';
import { logOutput } from './output';
import { inside } from '../core/paths';
import { describeEnd, runProcess, timeLeft } from './process';
import { pythonModule, requireModule } from './python';
import { listNames, plural, result } from './result';
import { filesUnder, revealMissing, writeFresh } from './scratch';
import { checksNothingFinding, outcomeHooks, passedFunctions, projectPytestConfig, testFunction, testsCheckingNothing } from './testQuality';
import { raisedUnder } from './traceback';
import type { CheckContext, CheckResult, CommandRun, Finding, TestCaseResult } from './types';

export const BLOCKED_MARKER = 'Upskill blocked a network call';

/**
 * The Python-level network block: an audit hook, which cannot be removed and which
 * `importlib.reload(socket)` does not get past. As `sitecustomize` on PYTHONPATH it loads in
 * every Python process the tests start, too. The same text is the pytest plugin.
 */
const NETWORK_BLOCK = `
import socket as _socket
import sys as _sys

_MESSAGE = "${BLOCKED_MARKER} to {}: tests must not use the network; mock it instead."


def _upskill_block_network(event, args):
    if event in ("socket.connect", "socket.sendto", "socket.sendmsg") and getattr(args[0], "family", None) in (_socket.AF_INET, _socket.AF_INET6):
        raise RuntimeError(_MESSAGE.format(args[1] if len(args) > 1 else "?"))
    if event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr"):
        raise RuntimeError(_MESSAGE.format(args[0] if args else "?"))


if hasattr(_sys, "addaudithook"):
    _sys.addaudithook(_upskill_block_network)
else:  # Python 3.7 and older: no audit hooks, so the socket methods themselves refuse.
    def _refuse(self, address, *args):
        if self.family in (_socket.AF_INET, _socket.AF_INET6):
            raise RuntimeError(_MESSAGE.format(address))
    _socket.socket.connect = _refuse
    _socket.socket.connect_ex = _refuse
`;

/** Records each call of a mock named NAME made from the module under test, for the mocking check. */
function mockRecorder(module: string, name: string, out: string): string {
  return `
import json as _json, os as _os, sys as _sys
import unittest.mock as _mock

_MODULE, _NAME, _OUT = ${JSON.stringify(module)}, ${JSON.stringify(name)}, ${JSON.stringify(out)}
_calls = []
_real = _mock.CallableMixin._mock_call


def _recording_call(self, *args, **kwargs):
    frame = _sys._getframe(1)
    while frame is not None and frame.f_code.co_filename == _mock.__file__:
        frame = frame.f_back
    if frame is not None and _os.path.basename(frame.f_code.co_filename) == _MODULE:
        names = (self._extract_mock_name() or "").split(".")
        if _NAME in names or any(n.startswith(_NAME + "(") for n in names):
            _calls.append(frame.f_code.co_name)
    return _real(self, *args, **kwargs)


_mock.CallableMixin._mock_call = _recording_call


def pytest_sessionfinish(session, exitstatus):
    with open(_OUT, "w") as f:
        _json.dump(_calls, f)
`;
}

interface PytestRun {
  readonly run: CommandRun;
  readonly tests: TestCaseResult[];
  /** Which network block ran, when one was asked for. */
  readonly networkBlock?: string;
  /** Functions of the module under test that called the named mock. */
  readonly mockCalls?: string[];
}

interface PytestOptions {
  readonly noNetwork?: boolean;
  readonly mustMock?: { readonly module: string; readonly name: string };
  /** Conftest files the exercise ships (written fresh into the copy), relative to the copy. */
  readonly conftests?: readonly string[];
  /** The learner's project: their pytest configuration file (if any) and their conftest.py files are used. */
  readonly project?: { readonly config?: string };
}

/** A folder for one tool run beside the scratch copy (never inside the learner's files). */
async function toolDir(ctx: CheckContext): Promise<string> {
  const dir = path.join(path.dirname(ctx.workDir), `tool-${randomBytes(6).toString('hex')}`);
  await fs.mkdir(dir, { recursive: true });
  return dir;
}

let namespaceProbe: Promise<string[] | undefined> | undefined;
let forcedBlock: 'namespace' | 'python' | undefined;
/** Tests only: use this block instead of probing the machine (undefined: probe again). */
export function useNetworkBlock(kind: 'namespace' | 'python' | undefined): void {
  forcedBlock = kind;
}
/**
 * The `unshare` flags that give a new network namespace on this machine, if any: the
 * learner's own user mapped to itself where util-linux can (-c), else to root (-r).
 */
function namespaceFlags(): Promise<string[] | undefined> {
  if (process.platform !== 'linux') return Promise.resolve(undefined);
  namespaceProbe ??= (async () => {
    for (const flags of [['-c', '-n'], ['-r', '-n']]) {
      const r = await runProcess(['unshare', ...flags, 'true'], { cwd: '/', timeoutMs: 10_000 });
      if (r.exitCode === 0) return flags;
    }
    return undefined;
  })();
  return namespaceProbe;
}

/** Whether this machine lets an unprivileged user open a new network namespace. */
export async function canUnshareNetwork(): Promise<boolean> {
  return (await namespaceFlags()) !== undefined;
}

export const NETWORK_BLOCKS = {
  namespace: 'network blocked by the operating system (a new network namespace, unshare -n)',
  python: 'network blocked in Python (an audit hook loaded in every Python process the tests start; this machine does not allow a new network namespace)',
};

/** Runs pytest in `cwd` and reads per-test results from JUnit XML. */
export async function runPytest(ctx: CheckContext, cwd: string, args: readonly string[], opts: PytestOptions = {}): Promise<PytestRun> {
  await requireModule(ctx.python, 'pytest');
  const scratch = await toolDir(ctx);
  try {
    const junit = path.join(scratch, 'junit.xml');
    let ini = path.join(scratch, 'pytest.ini');
    await fs.writeFile(ini, '[pytest]\naddopts =\n', 'utf8');
    if (opts.project?.config) ini = opts.project.config;
    // The learner's environment must not add options or plugins either.
    const env: Record<string, string | undefined> = { PYTEST_ADDOPTS: undefined, PYTEST_PLUGINS: undefined, PYTHONPATH: undefined, PYTHONSTARTUP: undefined };
    // tmp_path and friends live beside the copy too, not in the system temp folder.
    const argv = [...pythonModule(ctx.python, 'pytest'), '-q', '-rN', '--color=no', '--tb=long', '-c', ini, '--rootdir', cwd, '--confcutdir', cwd, '-o', 'addopts=', '-p', 'no:cacheprovider', `--basetemp=${path.join(scratch, 'tmp')}`, `--junitxml=${junit}`, '-o', 'junit_family=xunit1'];
    if (!opts.conftests?.length && !opts.project) argv.push('--noconftest');
    const pythonPath: string[] = [];
    let networkBlock: string | undefined;
    if (opts.noNetwork) {
      await fs.writeFile(path.join(scratch, 'upskill_no_network.py'), NETWORK_BLOCK, 'utf8');
      argv.push('-p', 'upskill_no_network');
      pythonPath.push(scratch);
      const flags = forcedBlock === 'python' ? undefined : await namespaceFlags();
      if (flags) {
        argv.unshift('unshare', ...flags, '--');
        networkBlock = NETWORK_BLOCKS.namespace;
      } else {
        await fs.writeFile(path.join(scratch, 'sitecustomize.py'), NETWORK_BLOCK, 'utf8');
        networkBlock = NETWORK_BLOCKS.python;
      }
      ctx.log(`  ${networkBlock}`);
    }
    const mockOut = path.join(scratch, 'mock-calls.json');
    if (opts.mustMock) {
      await fs.writeFile(path.join(scratch, 'upskill_mock_recorder.py'), mockRecorder(path.basename(opts.mustMock.module), opts.mustMock.name, mockOut), 'utf8');
      argv.push('-p', 'upskill_mock_recorder');
      if (!pythonPath.includes(scratch)) pythonPath.push(scratch);
    }
    if (pythonPath.length) env.PYTHONPATH = pythonPath.join(path.delimiter);
    argv.push(...args);
    const run = await runProcess(argv, { cwd, env, timeoutMs: timeLeft(ctx), signal: ctx.signal, log: ctx.log });
    logOutput(ctx, run);
    const xml = await fs.readFile(junit, 'utf8').catch(() => '');
    const tests = parseJUnit(xml).map((t) => ({ ...t, file: t.file ? path.resolve(cwd, t.file) : undefined }));
    const mockCalls = opts.mustMock ? ((JSON.parse(await fs.readFile(mockOut, 'utf8').catch(() => '[]')) as string[]) ?? []) : undefined;
    return { run, tests, networkBlock, mockCalls };
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

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

/** Lays the exercise's own files and hidden tests fresh over the copy; removes the learner's conftest files. */
async function prepareCopy(ctx: CheckContext, hiddenTests: string | undefined, details: string[], keepConftests = false): Promise<{ conftests: string[]; owned: string[] }> {
  const ex = ctx.exercise;
  const owned = await exerciseOwnedFiles(ex);
  if (!keepConftests) for (const rel of await filesUnder(ctx.workDir)) if (path.basename(rel) === 'conftest.py') await fs.rm(path.join(ctx.workDir, rel), { force: true });
  for (const rel of owned) await writeFresh(ctx.workDir, rel, await fs.readFile(path.join(ex.dir, ex.starter!, rel)));
  if (hiddenTests) {
    const src = inside(ex.dir, hiddenTests, 'hiddenTests');
    const hidden = await filesUnder(src);
    for (const rel of hidden) await writeFresh(ctx.workDir, rel, await fs.readFile(path.join(src, rel)));
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
function verdict(ctx: CheckContext, p: PytestRun, owned: readonly string[] = [], allowSkips = false): { status: CheckResult['status']; summary: string; details: string[] } {
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
  const missing = owned.filter((f) => /(^|[\\/])test_[^\\/]*\.py$|_test\.py$/.test(f) && !ran.has(path.normalize(f)));
  if (missing.length) return { status: 'failed', summary: `The tests in ${listNames(missing)} did not run; pytest's output in the Upskill log says why.`, details };
  if (p.run.exitCode !== 0) return { status: 'failed', summary: `pytest reported a problem (exit code ${p.run.exitCode}): ${lastLine}`, details };
  const passed = p.tests.length - skipped.length;
  if (!passed) return { status: 'failed', summary: `No test ran: ${skipped.length === 1 ? 'the only test was' : `all ${skipped.length} tests were`} skipped.`, details };
  return { status: 'passed', summary: `${plural(passed, 'test')} passed${skipped.length ? ` (${skipped.length} skipped, not counted)` : ''}.`, details };
}

export async function checkPytest(spec: PytestCheck, ctx: CheckContext): Promise<CheckResult> {
  const started = Date.now();
  const details: string[] = [];
  const tool = `${ctx.python.path} -m pytest`;
  const { conftests, owned } = await prepareCopy(ctx, spec.hiddenTests, details, spec.projectConfig);
  let project: PytestOptions['project'];
  if (spec.projectConfig) {
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
    project = { config };
    details.push(config ? `Your pytest settings in ${path.basename(config)} were used (addopts aside), and your conftest.py files.` : 'No pytest settings found (pytest.ini, or a pytest section in pyproject.toml, tox.ini or setup.cfg): pytest ran with its defaults, and your conftest.py files.');
  }
  const p = await runPytest(ctx, ctx.workDir, spec.args ?? [], { noNetwork: spec.noNetwork, conftests, project });
  const runs = [p.run];
  let v = verdict(ctx, p, owned, spec.allowSkips);
  if (p.networkBlock) details.push(p.networkBlock);
  const findings: Finding[] = [];
  if (v.status === 'passed' && spec.minTests !== undefined) {
    const functions = passedFunctions(p.tests);
    if (functions.length < spec.minTests) {
      v = { status: 'failed', summary: `${plural(functions.length, 'test function')} ran and passed; this check asks for at least ${spec.minTests} (the cases of one parametrized test count once).`, details: v.details };
    }
  }
  if (v.status === 'passed' && spec.requireAsserts) {
    // One per test function: the cases of a parametrized test share its code.
    const empty = new Map<string, TestCaseResult>();
    for (const t of await testsCheckingNothing(ctx, p.tests, runs)) {
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
  return result(spec, started, { ...v, details: [...details, ...v.details], findings, tests: p.tests, runs, tool });
}

export async function checkNoNetwork(spec: NoNetworkCheck, ctx: CheckContext): Promise<CheckResult> {
  const started = Date.now();
  const { conftests, owned } = await prepareCopy(ctx, undefined, []);
  const p = await runPytest(ctx, ctx.workDir, spec.args ?? [], { noNetwork: true, conftests, mustMock: spec.mustMock });
  let v = verdict(ctx, p, owned);
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

/** A module that runs `source` without containing its text (compressed), so only behaviour can be tested. */
export function hiddenSource(source: Buffer, module: string): string {
  const packed = deflateSync(source).toString('base64');
  return `import base64 as _b, zlib as _z\nexec(compile(_z.decompress(_b.b64decode(${JSON.stringify(packed)})), ${JSON.stringify(`<${path.basename(module)}, source hidden by Upskill>`)}, "exec"))\n`;
}

/** What a failed test died of: the last `file:line: Exception` line pytest's long traceback ends with. */
export function crashOf(message: string | undefined): { file: string; line: number; type: string } | undefined {
  const m = /^(.+?):(\d+): ([\w.]+)\s*$/gm;
  let last: RegExpExecArray | null = null;
  for (let x = m.exec(message ?? ''); x; x = m.exec(message ?? '')) last = x;
  return last ? { file: last[1], line: Number(last[2]), type: last[3] } : undefined;
}

/**
 * A seeded bug counts as caught only by a test that failed (not a collection or setup
 * error) with an assertion, with pytest.raises not seeing its exception, or with an
 * exception raised in the module under test or in something it called (an autospec mock
 * refusing the call, say: see traceback.ts). SystemExit and the like never count.
 */
export function catches(t: TestCaseResult, module: string): boolean {
  if (t.outcome !== 'failed') return false;
  const crash = crashOf(t.detail);
  if (!crash) return false;
  const type = crash.type.split('.').pop()!;
  if (['SystemExit', 'KeyboardInterrupt', 'GeneratorExit', 'Exit', 'Skipped'].includes(type)) return false;
  if (type === 'AssertionError') return true;
  if (type === 'Failed') return /DID NOT RAISE|DID NOT WARN/.test(t.detail ?? '');
  return path.basename(crash.file) === path.basename(module) || raisedUnder(t.detail ?? '', module);
}

/**
 * Removes the exercise's hidden tests (revealed to the learner after a first check) from the
 * copy: this check measures the learner's tests, and the exercise's own would otherwise
 * catch the seeded bugs for them. Returns what it removed, to put back for the checks after.
 */
async function removeExerciseTests(ctx: CheckContext): Promise<Map<string, Buffer>> {
  const removed = new Map<string, Buffer>();
  for (const c of ctx.exercise.checks) {
    if (c.type !== 'pytest' || c.hiddenTests === undefined) continue;
    for (const rel of await filesUnder(inside(ctx.exercise.dir, c.hiddenTests, 'hiddenTests'))) {
      const abs = inside(ctx.workDir, rel, 'hidden test');
      const text = await fs.readFile(abs).catch(() => undefined);
      if (text === undefined) continue;
      await fs.rm(abs, { force: true });
      removed.set(rel, text);
    }
  }
  return removed;
}

export async function checkCatchBugs(spec: CatchBugsCheck, ctx: CheckContext): Promise<CheckResult> {
  const started = Date.now();
  const runs: CommandRun[] = [];
  const tool = `${ctx.python.path} -m pytest`;
  const { conftests } = await prepareCopy(ctx, undefined, []);
  const leftOut = await removeExerciseTests(ctx);
  const module = inside(ctx.workDir, spec.module, 'module');
  const learnerModule = await fs.readFile(module).catch(() => undefined);
  // Each implementation is written fresh in the copy (never through a link), then the learner's module is put back.
  const against = async (label: string, implementation: string | Buffer): Promise<PytestRun> => {
    ctx.log(`Your tests against ${label}:`);
    await writeFresh(ctx.workDir, spec.module, implementation);
    const p = await runPytest(ctx, ctx.workDir, [], { conftests });
    runs.push(p.run);
    return p;
  };
  try {
    const reference = await fs.readFile(inside(ctx.exercise.dir, spec.reference, 'reference'));
    const ref = await against('the reference implementation', reference);
    const refVerdict = verdict(ctx, ref);
    if (refVerdict.status !== 'passed') {
      const summary =
        refVerdict.status === 'error' || !ref.tests.length ? refVerdict.summary : `Your tests fail against the correct implementation, so they would also fail on good code: ${refVerdict.summary}`;
      return result(spec, started, { status: refVerdict.status === 'error' ? 'error' : 'failed', summary, details: refVerdict.details, tests: ref.tests, runs, tool });
    }
    // The same code, with a module file that holds none of its text: tests must check what
    // the code does, not read its source.
    const re = await against('the reference implementation, its source hidden', hiddenSource(reference, spec.module));
    const reVerdict = verdict(ctx, re);
    if (reVerdict.status !== 'passed') {
      return result(spec, started, {
        status: reVerdict.status === 'error' ? 'error' : 'failed',
        summary: `Your tests fail against the same correct code when its source text is not in ${spec.module} (${reVerdict.summary.replace(/\.$/, '')}): test what the function does, not how its source looks.`,
        details: reVerdict.details,
        tests: re.tests,
        runs,
        tool,
      });
    }
    const missed: string[] = [];
    const details: string[] = [];
    for (const [i, bug] of spec.bugs.entries()) {
      const b = await against(`seeded bug ${i + 1} of ${spec.bugs.length}`, await fs.readFile(inside(ctx.exercise.dir, bug.file, 'bug')));
      const ended = describeEnd(b.run, ctx.timeoutMs);
      if (ended) return result(spec, started, { status: 'error', summary: `pytest did not finish against a seeded bug: ${ended}.`, runs, tool });
      const catching = b.tests.filter((t) => catches(t, spec.module));
      if (!catching.length) {
        missed.push(bug.description);
        const other = b.tests.filter((t) => t.outcome !== 'passed');
        details.push(`Missed: ${bug.description}${other.length ? ` (${listNames(other.map((t) => t.id.split('::').pop()!))} failed, but not with an assertion or an error from ${spec.module})` : ''}`);
      } else details.push(`Caught by ${listNames(catching.map((t) => t.id.split('::').pop()!))}: ${bug.description}`);
    }
    if (leftOut.size) details.push(`Left out ${listNames([...leftOut.keys()].sort())}: the exercise's own tests, and this check measures yours.`);
    const caught = spec.bugs.length - missed.length;
    if (!missed.length) {
      return result(spec, started, { status: 'passed', summary: `Your tests pass on the correct code and caught all ${spec.bugs.length} seeded bugs.`, details, runs, tool, tests: ref.tests });
    }
    const tidy = missed.map((m) => m.trim().replace(/[.;]+$/, ''));
    const which = tidy.length === 1 ? `the one where ${tidy[0]}` : `the ones where ${tidy.slice(0, -1).join('; ')} and where ${tidy[tidy.length - 1]}`;
    return result(spec, started, { status: 'failed', summary: `Your tests caught ${caught} of ${spec.bugs.length} bugs; they missed ${which}.`, details, runs, tool, tests: ref.tests });
  } finally {
    for (const [rel, text] of leftOut) await writeFresh(ctx.workDir, rel, text);
    if (learnerModule !== undefined) await writeFresh(ctx.workDir, spec.module, learnerModule);
    else await fs.rm(module, { force: true });
  }
}
