// pytest-based checks: the exercise's tests, the learner's tests without network, and the
// learner's tests against a reference and seeded bugs.

import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { copyMissing } from '../core/exerciseFiles';
import type { CatchBugsCheck, NoNetworkCheck, PytestCheck } from '../core/model';
import { inside } from '../core/paths';
import { parseJUnit } from './junit';
import { logOutput } from './output';
import { describeEnd, runProcess } from './process';
import { requireModule } from './python';
import { listNames, plural, result } from './result';
import type { CheckContext, CheckResult, CommandRun, TestCaseResult } from './types';

export const BLOCKED_MARKER = 'Upskill blocked a network call';

/** Loaded with `-p upskill_no_network`: any attempt to open an internet socket fails loudly. */
const NO_NETWORK_PLUGIN = `
import socket

_MESSAGE = "${BLOCKED_MARKER} to {}: tests must not use the network; mock it instead."
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _is_inet(sock):
    return sock.family in (socket.AF_INET, socket.AF_INET6)


def _connect(self, address):
    if _is_inet(self):
        raise RuntimeError(_MESSAGE.format(address))
    return _real_connect(self, address)


def _connect_ex(self, address):
    if _is_inet(self):
        raise RuntimeError(_MESSAGE.format(address))
    return _real_connect_ex(self, address)


def _getaddrinfo(host, port, *args, **kwargs):
    raise RuntimeError(_MESSAGE.format((host, port)))


def pytest_configure(config):
    socket.socket.connect = _connect
    socket.socket.connect_ex = _connect_ex
    socket.getaddrinfo = _getaddrinfo
    socket.create_connection = lambda address, *a, **k: (_ for _ in ()).throw(RuntimeError(_MESSAGE.format(address)))
`;

interface PytestRun {
  readonly run: CommandRun;
  readonly tests: TestCaseResult[];
}

async function tempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Runs pytest in `cwd` and reads per-test results from JUnit XML. */
export async function runPytest(ctx: CheckContext, cwd: string, args: readonly string[], opts: { noNetwork?: boolean } = {}): Promise<PytestRun> {
  await requireModule(ctx.python, 'pytest');
  const scratch = await tempDir('upskill-pytest-');
  try {
    const junit = path.join(scratch, 'junit.xml');
    const env: Record<string, string> = {};
    const argv = [ctx.python.path, '-m', 'pytest', '-q', '-rN', '--color=no', '-p', 'no:cacheprovider', `--junitxml=${junit}`, '-o', 'junit_family=xunit1'];
    if (opts.noNetwork) {
      await fs.writeFile(path.join(scratch, 'upskill_no_network.py'), NO_NETWORK_PLUGIN, 'utf8');
      env.PYTHONPATH = [scratch, process.env.PYTHONPATH].filter(Boolean).join(path.delimiter);
      argv.push('-p', 'upskill_no_network');
    }
    argv.push(...args);
    const run = await runProcess(argv, { cwd, env, timeoutMs: ctx.timeoutMs, signal: ctx.signal, log: ctx.log });
    logOutput(ctx, run);
    const xml = await fs.readFile(junit, 'utf8').catch(() => '');
    const tests = parseJUnit(xml).map((t) => ({ ...t, file: t.file ? path.resolve(cwd, t.file) : undefined }));
    return { run, tests };
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

/** Verdict for a pytest run, shared by the pytest and no-network checks. */
function verdict(ctx: CheckContext, p: PytestRun): { status: CheckResult['status']; summary: string; details: string[] } {
  const ended = describeEnd(p.run, ctx.timeoutMs);
  if (ended) return { status: 'error', summary: `pytest did not finish: ${ended}.`, details: [] };
  const failed = p.tests.filter((t) => t.outcome === 'failed' || t.outcome === 'error');
  const details = failed.map((t) => `${t.id}: ${t.message ?? 'failed'}`);
  const blocked = failed.filter((t) => t.message?.includes(BLOCKED_MARKER));
  if (p.run.exitCode === 0) return { status: 'passed', summary: `${plural(p.tests.length, 'test')} passed.`, details };
  if (p.run.exitCode === 5) return { status: 'failed', summary: 'pytest found no tests. Test files are named test_*.py and test functions start with test_.', details };
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
  const lastLine = `${p.run.stdout}\n${p.run.stderr}`.trim().split('\n').filter(Boolean).slice(-1)[0] ?? '';
  return { status: 'failed', summary: `pytest could not run the tests (exit code ${p.run.exitCode}): ${lastLine}`, details };
}

export async function checkPytest(spec: PytestCheck, ctx: CheckContext): Promise<CheckResult> {
  const started = Date.now();
  const details: string[] = [];
  if (spec.hiddenTests) {
    // Revealed at the first check: copied beside the learner's code, never over their files.
    const copied = await copyMissing(inside(ctx.exercise.dir, spec.hiddenTests, 'hiddenTests'), ctx.workDir);
    if (copied.length) details.push(`Added the exercise's further tests to your folder: ${copied.join(', ')}.`);
  }
  const p = await runPytest(ctx, ctx.workDir, spec.args ?? [], { noNetwork: spec.noNetwork });
  const v = verdict(ctx, p);
  return result(spec, started, { ...v, details: [...details, ...v.details], tests: p.tests, runs: [p.run], tool: `${ctx.python.path} -m pytest` });
}

export async function checkNoNetwork(spec: NoNetworkCheck, ctx: CheckContext): Promise<CheckResult> {
  const started = Date.now();
  const p = await runPytest(ctx, ctx.workDir, spec.args ?? [], { noNetwork: true });
  const v = verdict(ctx, p);
  return result(spec, started, { ...v, tests: p.tests, runs: [p.run], tool: `${ctx.python.path} -m pytest (network blocked)` });
}

/** A scratch copy of the learner's folder with `module` replaced by `implementation`. */
async function withImplementation<T>(ctx: CheckContext, module: string, implementation: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await tempDir('upskill-bugs-');
  try {
    await fs.cp(ctx.workDir, dir, { recursive: true, filter: (src) => !src.split(path.sep).includes('.git') });
    await fs.copyFile(implementation, inside(dir, module, 'module'));
    return await fn(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Runs the learner's tests against one implementation; test files point back at the learner's folder. */
function testsAgainst(ctx: CheckContext, module: string, implementation: string): Promise<PytestRun> {
  return withImplementation(ctx, module, implementation, async (dir) => {
    const p = await runPytest(ctx, dir, []);
    return { ...p, tests: p.tests.map((t) => ({ ...t, file: t.file && path.join(ctx.workDir, path.relative(dir, t.file)) })) };
  });
}

export async function checkCatchBugs(spec: CatchBugsCheck, ctx: CheckContext): Promise<CheckResult> {
  const started = Date.now();
  const runs: CommandRun[] = [];
  const tool = `${ctx.python.path} -m pytest`;
  ctx.log(`Your tests against the reference implementation:`);
  const ref = await testsAgainst(ctx, spec.module, inside(ctx.exercise.dir, spec.reference, 'reference'));
  runs.push(ref.run);
  const refVerdict = verdict(ctx, ref);
  if (refVerdict.status !== 'passed') {
    const summary =
      refVerdict.status === 'error'
        ? refVerdict.summary
        : ref.run.exitCode === 5
          ? refVerdict.summary
          : `Your tests fail against the correct implementation, so they would also fail on good code: ${refVerdict.summary}`;
    return result(spec, started, { status: refVerdict.status === 'error' ? 'error' : 'failed', summary, details: refVerdict.details, tests: ref.tests, runs, tool });
  }
  const missed: string[] = [];
  for (const [i, bug] of spec.bugs.entries()) {
    ctx.log(`Your tests against seeded bug ${i + 1} of ${spec.bugs.length}:`);
    const b = await testsAgainst(ctx, spec.module, inside(ctx.exercise.dir, bug.file, 'bug'));
    runs.push(b.run);
    const ended = describeEnd(b.run, ctx.timeoutMs);
    if (ended) return result(spec, started, { status: 'error', summary: `pytest did not finish against a seeded bug: ${ended}.`, runs, tool });
    // Exit 0: every test passed on buggy code, so the bug went unnoticed.
    if (b.run.exitCode === 0) missed.push(bug.description);
  }
  const caught = spec.bugs.length - missed.length;
  const details = missed.map((m) => `Missed: ${m}`);
  if (!missed.length) {
    return result(spec, started, { status: 'passed', summary: `Your tests pass on the correct code and caught all ${spec.bugs.length} seeded bugs.`, runs, tool, tests: ref.tests });
  }
  const tidy = missed.map((m) => m.trim().replace(/[.;]+$/, ''));
  const which = tidy.length === 1 ? `the one where ${tidy[0]}` : `the ones where ${tidy.slice(0, -1).join('; ')} and where ${tidy[tidy.length - 1]}`;
  return result(spec, started, { status: 'failed', summary: `Your tests caught ${caught} of ${spec.bugs.length} bugs; they missed ${which}.`, details, runs, tool, tests: ref.tests });
}
