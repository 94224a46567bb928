// Runs pytest hermetically and reads its per-test results: an exercise-owned configuration
// (`-c` a file outside the copy, `-o addopts=`, no cache provider, PYTEST_ADDOPTS and
// PYTEST_PLUGINS cleared), the learner's conftest files left out unless asked for, and the
// optional network block and mock recorder as plugins from a folder beside the copy.

import { randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import { parseJUnit } from './junit';
import { logOutput } from './output';
import { runProcess, timeLeft } from './process';
import { pythonModule, requireModule } from './python';
import type { CheckContext, CommandRun, TestCaseResult } from './types';

export const BLOCKED_MARKER = 'Upskill blocked a network call';
/** The variable naming the file where the Python-level block writes down each call it refused. */
const NETWORK_LOG_ENV = 'UPSKILL_NETWORK_LOG';

/**
 * The Python-level network block: an audit hook, which cannot be removed and which
 * `importlib.reload(socket)` does not get past. As `sitecustomize` on PYTHONPATH it loads in
 * every Python process the tests start, too. The same text is the pytest plugin.
 */
const NETWORK_BLOCK = `
import json as _json
import os as _os
import socket as _socket
import sys as _sys

_MESSAGE = "${BLOCKED_MARKER} to {}: tests must not use the network; mock it instead."


def _make_refuse(log, environ=_os.environ, dumps=_json.dumps, open_=open):
    # Every refused call is also written down with the test that made it: a test that catches
    # the refusal (a fallback, a bare except) and passes anyway still tried to reach the
    # network. What it needs is bound here, at start-up, not looked up when a call comes.
    def refuse(target):
        if isinstance(target, tuple) and len(target) >= 2:
            target = "%s:%s" % (target[0], target[1])
        target = str(target)[:200]
        if log:
            try:
                with open_(log, "a", encoding="utf-8") as f:
                    f.write(dumps({"test": environ.get("PYTEST_CURRENT_TEST", ""), "target": target}) + "\\n")
            except Exception:
                pass
        raise RuntimeError(_MESSAGE.format(target))

    return refuse


def _make_hook(refuse, inet=(_socket.AF_INET, _socket.AF_INET6)):
    def _upskill_block_network(event, args):
        if event in ("socket.connect", "socket.sendto", "socket.sendmsg") and getattr(args[0], "family", None) in inet:
            refuse(args[1] if len(args) > 1 else "?")
        if event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr"):
            refuse(args[0] if args else "?")

    return _upskill_block_network


if not getattr(_sys, "_upskill_network_blocked", False):
    _sys._upskill_network_blocked = True
    _refuse = _make_refuse(_os.environ.get("${NETWORK_LOG_ENV}"))
    if hasattr(_sys, "addaudithook"):
        _sys.addaudithook(_make_hook(_refuse))
    else:  # Python 3.7 and older: no audit hooks, so the socket methods themselves refuse.
        def _refuse_connect(self, address, *args):
            if self.family in (_socket.AF_INET, _socket.AF_INET6):
                _refuse(address)
        _socket.socket.connect = _refuse_connect
        _socket.socket.connect_ex = _refuse_connect
`;

/** Records each call of a mock named NAME made from the module under test, for the mocking check. */
function mockRecorder(module: string, name: string, out: string): string {
  return `
import json as _json, os as _os, sys as _sys, types as _types
import unittest.mock as _mock

_MODULE, _NAME, _OUT = ${JSON.stringify(module)}, ${JSON.stringify(name)}, ${JSON.stringify(out)}
_calls = []
_real = _mock.CallableMixin._mock_call


def _from_mock_machinery(frame):
    # mock's own frames, and the function autospec generates around a mock (exec'd source,
    # so its file is "<string>"; its globals hold the signature checker).
    code = frame.f_code
    return code.co_filename == _mock.__file__ or (code.co_filename == "<string>" and "_checksig_" in frame.f_globals)


def _looked_up(frame):
    # What the module finds as NAME right now: a global of that name, or the attribute NAME
    # of a module it imported (urllib.request.urlopen through "import urllib.request").
    found = []
    if _NAME in frame.f_globals:
        found.append(frame.f_globals[_NAME])
    todo = [v for v in frame.f_globals.values() if isinstance(v, _types.ModuleType)]
    seen = set()
    while todo and len(seen) < 200:
        module = todo.pop()
        if id(module) in seen:
            continue
        seen.add(id(module))
        attrs = getattr(module, "__dict__", {})
        if _NAME in attrs:
            found.append(attrs[_NAME])
        prefix = module.__name__ + "."
        todo.extend(v for v in list(attrs.values()) if isinstance(v, _types.ModuleType) and v.__name__.startswith(prefix))
    return [g if isinstance(g, _mock.NonCallableMock) else getattr(g, "mock", g) for g in found]


def _stands_in(mock, frame):
    # The mock, or one it hangs from, is what the module looks NAME up as right now: a mock
    # made first and patched in with new=, or with patch.object, whatever its own name.
    targets = _looked_up(frame)
    if not targets:
        return False
    seen = 0
    m = mock
    while m is not None and seen < 50:
        if any(m is g for g in targets):
            return True
        m = getattr(m, "_mock_new_parent", None) or getattr(m, "_mock_parent", None)
        seen += 1
    return False


def _recording_call(self, *args, **kwargs):
    frame = _sys._getframe(1)
    while frame is not None and _from_mock_machinery(frame):
        frame = frame.f_back
    if frame is not None and _os.path.basename(frame.f_code.co_filename) == _MODULE:
        names = (self._extract_mock_name() or "").split(".")
        if _NAME in names or any(n.startswith(_NAME + "(") for n in names) or _stands_in(self, frame):
            _calls.append(frame.f_code.co_name)
    return _real(self, *args, **kwargs)


_mock.CallableMixin._mock_call = _recording_call


def pytest_sessionfinish(session, exitstatus):
    with open(_OUT, "w") as f:
        _json.dump(_calls, f)
`;
}

export interface PytestRun {
  readonly run: CommandRun;
  readonly tests: TestCaseResult[];
  /** Which network block ran, when one was asked for. */
  readonly networkBlock?: string;
  /** Functions of the module under test that called the named mock. */
  readonly mockCalls?: string[];
  /**
   * With the network block: each call it refused, once per test and target, whether or not
   * the test failed for it (`test` is pytest's id, '' while collecting).
   */
  readonly networkAttempts?: readonly NetworkAttempt[];
}

export interface PytestOptions {
  readonly noNetwork?: boolean;
  readonly mustMock?: { readonly module: string; readonly name: string };
  /** Conftest files the exercise ships (written fresh into the copy), relative to the copy. */
  readonly conftests?: readonly string[];
  /** The learner's project: their pytest configuration file (if any) and their conftest.py files are used. */
  readonly project?: { readonly config?: string };
  /** Stop at the first failing test (pytest -x), as the judge's option of the same name. */
  readonly exitFirst?: boolean;
}

/** A folder for one tool run beside the scratch copy (never inside the learner's files). */
export async function toolDir(ctx: CheckContext): Promise<string> {
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
export function namespaceFlags(): Promise<string[] | undefined> {
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
    if (opts.exitFirst) argv.push('-x');
    const pythonPath: string[] = [];
    let networkBlock: string | undefined;
    if (opts.noNetwork) {
      await fs.writeFile(path.join(scratch, 'upskill_no_network.py'), NETWORK_BLOCK, 'utf8');
      argv.push('-p', 'upskill_no_network');
      pythonPath.push(scratch);
      const flags = forcedBlock === 'python' ? undefined : await namespaceFlags();
      // In every Python process the tests start, too: with a namespace it only writes down
      // the calls (the namespace refuses them anyway); without one it is the block.
      await fs.writeFile(path.join(scratch, 'sitecustomize.py'), NETWORK_BLOCK, 'utf8');
      if (flags) {
        argv.unshift('unshare', ...flags, '--');
        networkBlock = NETWORK_BLOCKS.namespace;
      } else {
        networkBlock = NETWORK_BLOCKS.python;
      }
      env[NETWORK_LOG_ENV] = path.join(scratch, 'network-attempts.jsonl');
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
    const networkAttempts = opts.noNetwork ? await readNetworkAttempts(path.join(scratch, 'network-attempts.jsonl')) : undefined;
    return { run, tests, networkBlock, mockCalls, networkAttempts };
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

/** One call the network block refused: pytest's id of the test that made it ('' while collecting), and where to. */
export interface NetworkAttempt {
  readonly test: string;
  readonly target: string;
}

/** The calls the network block refused, one per test and target, in the order they came. */
async function readNetworkAttempts(file: string): Promise<NetworkAttempt[]> {
  const text = await fs.readFile(file, 'utf8').catch(() => '');
  const seen = new Map<string, NetworkAttempt>();
  for (const line of text.split('\n')) {
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    if (typeof entry !== 'object' || entry === null) continue;
    const { test, target } = entry as Record<string, unknown>;
    if (typeof test !== 'string' || typeof target !== 'string') continue;
    // PYTEST_CURRENT_TEST is "tests/test_x.py::test_y (call)": the id without the phase.
    const id = test.replace(/ \((?:setup|call|teardown)\)$/, '');
    if (!seen.has(`${id}\0${target}`)) seen.set(`${id}\0${target}`, { test: id, target });
  }
  return [...seen.values()];
}
