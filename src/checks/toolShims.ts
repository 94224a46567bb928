// The commands a workflow step or a pre-commit hook finds first on PATH when Upskill runs
// it locally: `python`/`python3` are the learner's interpreter (whatever version the
// workflow asked for, and the result says so), `pip` is an offline stand-in
// (shimSources.ts), `ruff` is the learner's Ruff or the bundled WebAssembly build, and
// pytest, mypy, coverage and the other tools the interpreter has run from it.
//
// Every shim appends "tool<TAB>arguments<TAB>exit code" to $UPSKILL_TOOL_LOG, so a verdict
// can say which tool failed on a seeded problem. The log is evidence for messages only: a
// step that writes to it can only change what a message names, never a verdict.
// A project that `pip install -e .` made importable is listed in $UPSKILL_SHIM_STATE/pythonpath,
// which every shim puts on PYTHONPATH, as the editable install would for the commands after it.

import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { quoteArg, runProcess } from './process';
import { PIP_STANDIN, RUFF_CLIENT, RUFF_SERVER, RUFF_STANDIN, TOML_TO_JSON, TOOL_LAUNCHER } from './shimSources';
import type { PythonInfo } from './types';

/** Tool modules that get a command of their own when the interpreter has them: command → module. */
const TOOL_MODULES: Readonly<Record<string, string>> = {
  pytest: 'pytest',
  'py.test': 'pytest',
  mypy: 'mypy',
  dmypy: 'mypy.dmypy',
  coverage: 'coverage',
  flake8: 'flake8',
  pylint: 'pylint',
  black: 'black',
  isort: 'isort',
  pyright: 'pyright',
  bandit: 'bandit',
  tox: 'tox',
  nox: 'nox',
};

export interface Shims {
  /** Put first on PATH. */
  readonly bin: string;
  /** What `ruff` runs: the learner's module or the bundled build. */
  readonly ruff: string;
  /** Commands that run a module of the learner's interpreter. */
  readonly tools: readonly string[];
  /** The environment a step needs for the shims: its own state folder and tool log. */
  env(stateDir: string, toolLog: string): Record<string, string>;
  /** Stops what the shims keep running (the Ruff server); the shims still work after, only slower. */
  close(): Promise<void>;
}

/** Where the Ruff server listens; a Unix socket path must stay short (108 bytes on Linux). */
const MAX_SOCKET_PATH = 100;
/** How long the shims wait for the Ruff server to listen before the first step may need it. */
const SERVER_START_MS = 10_000;

/**
 * Starts the Ruff server (shimSources.ts) under a run supervisor, and waits until it listens.
 * Undefined where it cannot: the shim then runs the stand-in once per call.
 */
async function startRuffServer(lib: string, standinArgv: readonly string[], timeoutMs: number): Promise<{ socket: string; close(): Promise<void> } | undefined> {
  if (process.platform === 'win32') return undefined;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-ruff-'));
  const socket = path.join(dir, 's');
  if (Buffer.byteLength(socket) > MAX_SOCKET_PATH) {
    await fs.rm(dir, { recursive: true, force: true });
    return undefined;
  }
  const stop = new AbortController();
  const ended = runProcess([...standinArgv.slice(0, 1), path.join(lib, 'ruff-server.js'), socket, ...standinArgv.slice(1)], {
    cwd: dir,
    timeoutMs,
    signal: stop.signal,
    env: { ELECTRON_RUN_AS_NODE: '1' },
  });
  let running = true;
  void ended.then(() => (running = false));
  const close = async () => {
    stop.abort();
    await ended;
    await fs.rm(dir, { recursive: true, force: true });
  };
  const until = Date.now() + SERVER_START_MS;
  while (running && Date.now() < until) {
    if (await fs.stat(`${socket}.ready`).then(() => true, () => false)) return { socket, close };
    await new Promise((r) => setTimeout(r, 20));
  }
  await close();
  return undefined;
}

const q = quoteArg;

/** Lines every shim starts with: the projects made importable by the pip stand-in go on PYTHONPATH. */
const PRELUDE = [
  '#!/usr/bin/env bash',
  'if [ -n "${UPSKILL_SHIM_STATE:-}" ] && [ -s "$UPSKILL_SHIM_STATE/pythonpath" ]; then',
  '  while IFS= read -r p; do case ":${PYTHONPATH:-}:" in *":$p:"*) ;; *) PYTHONPATH="$p${PYTHONPATH:+:$PYTHONPATH}";; esac; done < "$UPSKILL_SHIM_STATE/pythonpath"',
  '  export PYTHONPATH',
  'fi',
].join('\n');

/** Runs a command, logs its exit code as `tool`, and exits with it. */
function logged(tool: string, command: string): string {
  return [
    `${command} "$@"`,
    'code=$?',
    `[ -n "\${UPSKILL_TOOL_LOG:-}" ] && printf '%s\\t%s\\t%s\\n' ${q(tool)} "$*" "$code" >> "$UPSKILL_TOOL_LOG" 2>/dev/null`,
    'exit $code',
  ].join('\n');
}

/** Which of the tool modules the interpreter can import (one process for all). */
async function importable(python: PythonInfo, modules: readonly string[], cwd: string): Promise<Set<string>> {
  const code = `import importlib.util, sys\nfor m in sys.argv[1:]:\n    try:\n        ok = importlib.util.find_spec(m) is not None\n    except Exception:\n        ok = False\n    if ok:\n        print(m)\n`;
  const run = await runProcess([python.path, '-c', code, ...modules], { cwd, timeoutMs: 30_000 });
  return new Set(run.stdout.split('\n').map((l) => l.trim()).filter(Boolean));
}

/** The bundled Ruff WebAssembly module's entry file. */
function ruffWasmPath(): string {
  return require.resolve('@astral-sh/ruff-wasm-nodejs');
}

/**
 * Writes the shims into `dir` (created) for this interpreter. Where Ruff is the bundled
 * build, a Ruff server runs for at most `serverMs`; `close()` stops it.
 */
export async function makeShims(dir: string, python: PythonInfo, serverMs = 10 * 60_000): Promise<Shims> {
  const bin = path.join(dir, 'bin');
  const lib = path.join(dir, 'lib');
  await fs.mkdir(bin, { recursive: true });
  await fs.mkdir(lib, { recursive: true });
  const files: Record<string, string> = {
    [path.join(lib, 'upskill_pip.py')]: PIP_STANDIN,
    [path.join(lib, 'upskill_tool.py')]: TOOL_LAUNCHER,
    [path.join(lib, 'upskill_toml.py')]: TOML_TO_JSON,
    [path.join(lib, 'ruff-standin.js')]: RUFF_STANDIN,
    [path.join(lib, 'ruff-server.js')]: RUFF_SERVER,
    [path.join(lib, 'ruff_client.py')]: RUFF_CLIENT,
  };
  for (const [file, text] of Object.entries(files)) await fs.writeFile(file, text.trimStart());
  const have = await importable(python, [...new Set([...Object.values(TOOL_MODULES), 'ruff'])], dir);
  const py = q(python.path);
  const write = async (name: string, body: string) => {
    const file = path.join(bin, name);
    await fs.writeFile(file, `${PRELUDE}\n${body}\n`, { mode: 0o755 });
  };
  const hasRuff = have.has('ruff');
  // The stand-in's command: node, its script, then what it reads (the wasm, a Python for TOML).
  const standin = [process.execPath, path.join(lib, 'ruff-standin.js'), ruffWasmPath(), python.path, path.join(lib, 'upskill_toml.py')];
  const server = hasRuff ? undefined : await startRuffServer(lib, standin, serverMs);
  const bundledRuff = server
    ? `${py} -I -S ${q(path.join(lib, 'ruff_client.py'))} ${q(server.socket)} env ELECTRON_RUN_AS_NODE=1 ${standin.map(q).join(' ')} --`
    : `ELECTRON_RUN_AS_NODE=1 ${standin.map(q).join(' ')}`;
  await write('ruff', logged('ruff', hasRuff ? `${py} ${q(path.join(lib, 'upskill_tool.py'))} ruff` : bundledRuff));
  const pip = `${py} ${q(path.join(lib, 'upskill_pip.py'))}`;
  for (const name of ['pip', 'pip3']) await write(name, `exec ${pip} "$@"`);
  // python -m pip and python -m ruff reach the stand-ins; python -m <tool> is logged as the tool.
  const pythonShim = [
    'if [ "${1:-}" = -m ]; then',
    '  case "${2:-}" in',
    `    pip|pip3) shift 2; exec ${pip} "$@";;`,
    ...(hasRuff ? [] : [`    ruff) shift 2; exec ${q(path.join(bin, 'ruff'))} "$@";;`]),
    // coverage needs the launcher's packages rule (shimSources.ts) under either spelling.
    ...(have.has('coverage') ? [`    coverage) shift 2; exec ${q(path.join(bin, 'coverage'))} "$@";;`] : []),
    '  esac',
    '  tool="$2"',
    `  ${py} "$@"`,
    '  code=$?',
    `  [ -n "\${UPSKILL_TOOL_LOG:-}" ] && printf '%s\\t%s\\t%s\\n' "$tool" "$*" "$code" >> "$UPSKILL_TOOL_LOG" 2>/dev/null`,
    '  exit $code',
    'fi',
    `exec ${py} "$@"`,
  ].join('\n');
  const [major, minor] = python.version.split('.');
  for (const name of ['python', 'python3', ...(minor ? [`python${major}.${minor}`] : [])]) await write(name, pythonShim);
  const tools: string[] = [];
  for (const [command, module] of Object.entries(TOOL_MODULES)) {
    if (!have.has(module.split('.')[0])) continue;
    tools.push(command);
    await write(command, logged(module.split('.')[0], `${py} ${q(path.join(lib, 'upskill_tool.py'))} ${q(module)}`));
  }
  return {
    bin,
    ruff: hasRuff ? `${python.path} -m ruff` : 'the bundled Ruff (WebAssembly): the interpreter has no ruff',
    tools,
    env: (stateDir, toolLog) => ({ UPSKILL_SHIM_STATE: stateDir, UPSKILL_TOOL_LOG: toolLog }),
    close: async () => server?.close(),
  };
}

export interface ToolCall {
  readonly tool: string;
  readonly args: string;
  readonly exitCode: number;
}

/** The tool log written by the shims. */
export async function readToolLog(file: string): Promise<ToolCall[]> {
  const text = await fs.readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [tool, args, code] = l.split('\t');
      return { tool, args: args ?? '', exitCode: Number(code) };
    });
}
