// Runs one tool: no shell, a deadline, cancellation, every process the tool started killed
// at the end, output capped and decoded leniently (a tool may print bytes that are not UTF-8).
//
// "Every process" means more than the process group: a test can start a child in a new
// session (setsid), double-fork so that the child is re-parented away from the tool, or
// drop any marker in its environment (env -i). So on Linux each tool runs under a small
// trusted supervisor (resources/python/upskill_run.py, started with `python -I -S` before
// any learner code exists): it makes itself a child subreaper, so every orphan of the tree
// is re-parented to it, and when the tool ends it walks the process table by ancestry and
// kills every descendant until none is left. Where the machine lets an unprivileged user
// open namespaces, the supervisor is also the first process of a new PID namespace, and the
// kernel kills the whole namespace when it exits, whatever happened to the supervisor.
// The supervisor also reports what the tree used (CPU time, peak memory) as measured by
// the kernel, over a socket the tool does not inherit.
//
// Starting the supervisor's interpreter for every run cost more than most tools it runs
// (git, the Ruff client), so by default one supervisor server per process forks a fresh
// supervisor for each run, in a PID namespace of its own where the machine allows, and
// relays the tool's output over a Unix socket (runServed). If the server cannot start or
// goes away before taking a run, that run gets a supervisor process of its own.
//
// Without a supervisor (other systems, or no Python to run it) the older net applies: a
// random token in every process's environment, the process group, and a /proc walk.
//
// The verdict never waits for pipes: when the tool exits (or the timer fires), the rest of
// the tree is killed and the output read so far is returned, even if a background child
// still holds stdout.

import { type ChildProcess, execFile, spawn } from 'child_process';
import { randomBytes } from 'crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { createConnection } from 'net';
import { tmpdir } from 'os';
import * as path from 'path';
import type { Readable, Writable } from 'stream';
import { commandLine } from '../core/commandLine';
import { resourceFile } from './resources';
import type { CommandRun, ResourceUsage } from './types';

export const OUTPUT_CAP_BYTES = 1024 * 1024;
/** The environment variable that marks every process of one run. */
export const RUN_TOKEN_VAR = 'UPSKILL_RUN_TOKEN';
/** How long output may still arrive after the tool exited or was killed. */
const DRAIN_MS = 300;
/** How long a supervisor asked to stop may take before its tree is killed from here. */
const STOP_GRACE_MS = 2000;

export interface RunOptions {
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly input?: string;
  readonly log?: (line: string) => void;
  readonly capBytes?: number;
}

export { commandLine, quoteArg } from '../core/commandLine';

/** Output as text: UTF-8 where valid, replacement characters where not, so odd bytes never throw. */
function lenientUtf8(buf: Buffer): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(buf);
}

class Capture {
  private chunks: Buffer[] = [];
  private size = 0;
  truncated = false;
  constructor(private readonly cap: number) {}
  push(b: Buffer): void {
    if (this.size >= this.cap) {
      this.truncated = true;
      return;
    }
    const room = this.cap - this.size;
    const part = b.length > room ? b.subarray(0, room) : b;
    if (part.length < b.length) this.truncated = true;
    this.chunks.push(part);
    this.size += part.length;
  }
  text(): string {
    return lenientUtf8(Buffer.concat(this.chunks)) + (this.truncated ? '\n[output truncated by Upskill]' : '');
  }
}

/** Parent pid and start time (clock ticks since boot) from /proc/<pid>/stat; undefined for zombies and the gone. */
function statOf(pid: string): { ppid: number; start: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields are counted after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // rest[0] is the state, rest[1] the parent, rest[19] the start time; a zombie needs no kill.
    return rest[0] === 'Z' ? undefined : { ppid: Number(rest[1]), start: Number(rest[19]) };
  } catch {
    return undefined;
  }
}

/** Now, in the clock ticks /proc/<pid>/stat counts start times in (USER_HZ, 100 on Linux). */
export function bootTicks(): number {
  try {
    return Math.floor(Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * 100);
  } catch {
    return 0;
  }
}

function carriesToken(pid: string, token: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`).includes(`${RUN_TOKEN_VAR}=${token}\0`);
  } catch {
    return false;
  }
}

/**
 * Live processes of one run: descendants of `root` and every process holding the run's
 * token. Only processes started since `since` (boot ticks, when the run began) can hold it,
 * so only their environments are read.
 */
export function processesOfRun(root: number | undefined, token: string, since = 0): number[] {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return [];
  }
  const parents = new Map<number, number>();
  const recent = new Set<number>();
  for (const p of pids) {
    const st = statOf(p);
    if (!st) continue;
    parents.set(Number(p), st.ppid);
    if (st.start >= since - 1) recent.add(Number(p));
  }
  const found = new Set<number>();
  if (root && parents.has(root)) found.add(root);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (!found.has(pid) && found.has(ppid)) {
        found.add(pid);
        grew = true;
      }
    }
  }
  for (const pid of recent) if (!found.has(pid) && pid !== process.pid && carriesToken(String(pid), token)) found.add(pid);
  found.delete(process.pid);
  return [...found];
}

function signalQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Kills the child's process group, its descendants and every process that carries the run token. */
export function killRun(pid: number | undefined, token: string, since = 0): void {
  if (pid) {
    // Negative pid: the whole process group, which `detached: true` made this child lead.
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      signalQuietly(pid);
    }
  }
  if (process.platform !== 'linux') return;
  // A process may fork while we kill; a few rounds catch its children too.
  for (let round = 0; round < 5; round++) {
    const left = processesOfRun(pid, token, since);
    if (!left.length) return;
    left.forEach(signalQuietly);
  }
}

/** How a tool is supervised on this machine (see the file comment). */
export interface Supervision {
  /** The interpreter that runs the supervisor (never the tool). */
  readonly python: string;
  readonly script: string;
  /** `unshare …` that puts the supervisor first in a new PID namespace, when the machine allows it. */
  readonly namespace?: readonly string[];
  /**
   * Runs are asked of one supervisor server (see resources/python/upskill_run.py, "Served
   * runs"), started with this prefix (`unshare` into a user namespace of its own, so that
   * each run can have a PID namespace); unset: one supervisor process per run.
   */
  readonly served?: { readonly prefix: readonly string[] };
}

/** Interpreters tried, in order, to run the supervisor: the system's first (the learner cannot change it). */
const SUPERVISOR_CANDIDATES = ['/usr/bin/python3', '/usr/local/bin/python3'];
let fallbackPython: string | undefined;
let forced: 'served' | 'subreaper' | 'namespace' | 'none' | undefined;
let supervision: Promise<Supervision | undefined> | undefined;
/** What the last probe found, once it has finished. */
let probed: Supervision | undefined;

/**
 * An interpreter to run the supervisor when the system has none of its own (a conda-only
 * machine, say): the engine passes the learner's, which it has already run.
 */
export function useSupervisorPython(python: string): void {
  if (fallbackPython !== undefined) return;
  fallbackPython = python;
  // Probe again only if the last probe found no interpreter.
  if (supervision && !probed) supervision = undefined;
}

/** Tests only: force how tools are supervised (undefined: probe the machine again). */
export function useSupervision(kind: 'served' | 'subreaper' | 'namespace' | 'none' | undefined): void {
  forced = kind;
  supervision = probed = undefined;
  stopSupervisorServer();
}

function exitsCleanly(argv: readonly string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(argv[0], argv.slice(1), { timeout: 10_000, env: { PATH: process.env.PATH } }, (err, stdout) => resolve(err ? undefined : stdout.trim()));
  });
}

async function probeSupervision(): Promise<Supervision | undefined> {
  const script = resourceFile('python', 'upskill_run.py');
  if (process.platform !== 'linux' || forced === 'none' || !script) return undefined;
  let python: string | undefined;
  for (const c of [...SUPERVISOR_CANDIDATES, ...(fallbackPython ? [fallbackPython] : []), 'python3']) {
    // The supervisor's imports, and the absolute path of the interpreter that has them.
    python = await exitsCleanly([c, '-I', '-S', '-c', 'import ctypes, json, resource, select, signal, sys; print(sys.executable)']);
    if (python) break;
  }
  if (!python) return undefined;
  if (forced === 'subreaper') return { python, script };
  // The learner's own user mapped to itself where util-linux can (-c), else to root (-r);
  // no user namespace at all when Upskill runs as root.
  for (const flags of [['-c'], ['-r'], []]) {
    const namespace = ['unshare', ...flags, '--pid', '--fork', '--kill-child', '--'];
    if ((await exitsCleanly([...namespace, python, '-I', '-S', '-c', 'print(1)'])) === '1') {
      return forced === 'namespace' ? { python, script, namespace } : { python, script, namespace, served: { prefix: flags.length ? ['unshare', ...flags, '--'] : [] } };
    }
  }
  if (forced === 'namespace') throw new Error('this machine does not allow a new PID namespace');
  // The server's handlers fall back to a child subreaper where no PID namespace can be had.
  return { python, script, served: { prefix: [] } };
}

/** How tools are supervised on this machine; probed once. */
export function currentSupervision(): Promise<Supervision | undefined> {
  return (supervision ??= probeSupervision().then((s) => (probed = s)));
}

/** The supervisor's last word on a run (see resources/python/upskill_run.py). */
interface SupervisorReport {
  readonly exitCode?: number | null;
  readonly signal?: string | null;
  readonly cpuMs?: number;
  readonly maxRssKb?: number;
  readonly survivors?: readonly number[];
  readonly spawnError?: string;
}

function parseReport(text: string): SupervisorReport | undefined {
  try {
    const r = JSON.parse(text.trim().split('\n').pop() ?? '') as SupervisorReport;
    return typeof r === 'object' && r !== null ? r : undefined;
  } catch {
    return undefined;
  }
}

/** The tool's environment: Upskill's own process environment, the run's, and the run's token. */
function toolEnv(opts: RunOptions, token: string): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, PYTHONIOENCODING: 'utf-8', PYTHONDONTWRITEBYTECODE: '1', ...opts.env, [RUN_TOKEN_VAR]: token };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return env;
}

/** How a run ended, as a CommandRun: the same whichever way the tool was supervised. */
function commandRun(
  argv: readonly string[],
  opts: RunOptions,
  r: { ended: { exitCode: number | null; signal: string | null }; report?: SupervisorReport; failure?: string; timedOut: boolean; cancelled: boolean; started: number; out: Capture; err: Capture },
): CommandRun {
  const usage: ResourceUsage | undefined = r.report?.cpuMs !== undefined && r.report.maxRssKb !== undefined ? { cpuMs: r.report.cpuMs, maxRssKb: r.report.maxRssKb } : undefined;
  return {
    argv,
    cwd: opts.cwd,
    exitCode: r.ended.exitCode,
    signal: r.ended.signal ?? (r.timedOut || r.cancelled ? 'SIGKILL' : null),
    timedOut: r.timedOut,
    cancelled: r.cancelled,
    durationMs: Date.now() - r.started,
    stdout: r.out.text(),
    stderr: r.failure ? `${r.err.text()}${r.failure}` : r.err.text(),
    truncated: r.out.truncated || r.err.truncated,
    ...(usage && { usage }),
  };
}

export async function runProcess(argv: readonly string[], opts: RunOptions): Promise<CommandRun> {
  const sup = await currentSupervision();
  const socket = sup?.served ? await serverFor(sup) : undefined;
  if (socket) {
    const served = await runServed(socket, argv, opts);
    if (served) return served;
  }
  // No server (it would not start, or went away before taking the run): one supervisor for this run.
  return runUnder(sup && { ...sup, served: undefined }, argv, opts);
}

// ---- The supervisor server --------------------------------------------------------------

/** How long an idle server stays, so a check's next run does not pay for starting it. */
const SERVER_IDLE_MS = 60_000;
let server: { readonly child: ChildProcess; readonly dir: string; readonly ready: Promise<string | undefined> } | undefined;
let serverIdle: NodeJS.Timeout | undefined;
let servedRuns = 0;
/** A server that failed to start is not tried again in this process. */
let serverBroken = false;

/** The server's socket, started on first use; undefined where it cannot start. */
function serverFor(sup: Supervision): Promise<string | undefined> {
  if (serverBroken || !sup.served) return Promise.resolve(undefined);
  if (server) return server.ready;
  // A private folder (mode 0700) holds the socket.
  let dir: string;
  try {
    dir = mkdtempSync(path.join(tmpdir(), 'upskill-run-'));
  } catch {
    serverBroken = true;
    return Promise.resolve(undefined);
  }
  const socket = path.join(dir, 's');
  const argv = [...sup.served.prefix, sup.python, '-I', '-S', sup.script, '--serve', socket];
  const child = spawn(argv[0], argv.slice(1), { cwd: dir, env: { PATH: process.env.PATH }, stdio: ['ignore', 'pipe', 'ignore'], detached: process.platform !== 'win32' });
  const gone = () => {
    if (server?.child === child) server = undefined;
    rmSync(dir, { recursive: true, force: true });
  };
  const ready = new Promise<string | undefined>((resolve) => {
    const fail = () => {
      serverBroken = true;
      resolve(undefined);
    };
    const timer = setTimeout(() => {
      fail();
      child.kill('SIGKILL');
    }, 10_000);
    timer.unref();
    let said = '';
    child.stdout?.on('data', (b: Buffer) => {
      said += b.toString('utf8');
      if (said.includes('ready\n')) {
        clearTimeout(timer);
        child.stdout?.destroy();
        // An idle server never keeps this process alive; it ends with it (PR_SET_PDEATHSIG).
        child.unref();
        resolve(socket);
      }
    });
    child.on('error', () => {
      clearTimeout(timer);
      fail();
      gone();
    });
    child.on('exit', () => {
      clearTimeout(timer);
      if (!said.includes('ready\n')) fail();
      gone();
    });
  });
  server = { child, dir, ready };
  return ready;
}

/** Stops the supervisor server, if one runs (a new one starts on the next run). */
export function stopSupervisorServer(): void {
  clearTimeout(serverIdle);
  server?.child.kill('SIGKILL');
  serverBroken = false;
}

function servedRequest(cwd: string, argv: readonly string[], env: Readonly<Record<string, string | undefined>>, input: string): Buffer {
  const items = [cwd, String(argv.length), ...argv, ...Object.entries(env).map(([k, v]) => `${k}=${v ?? ''}`)];
  const payload = Buffer.from(items.map((i) => `${i}\0`).join(''), 'utf8');
  const stdin = Buffer.from(input, 'utf8');
  return Buffer.concat([Buffer.from(`${payload.length} ${stdin.length}\n`), payload, stdin]);
}

/**
 * One run asked of the server; undefined when the server could not be reached before it
 * took the run (the caller runs it another way).
 */
function runServed(socket: string, argv: readonly string[], opts: RunOptions): Promise<CommandRun | undefined> {
  const started = Date.now();
  const out = new Capture(opts.capBytes ?? OUTPUT_CAP_BYTES);
  const err = new Capture(opts.capBytes ?? OUTPUT_CAP_BYTES);
  const token = randomBytes(12).toString('hex');
  const since = process.platform === 'linux' ? bootTicks() : 0;
  const env = toolEnv(opts, token);
  clearTimeout(serverIdle);
  servedRuns++;
  return new Promise((resolve) => {
    let timedOut = false;
    let cancelled = false;
    let settled = false;
    let taken = false;
    let supervisorPid: number | undefined;
    let report: SupervisorReport | undefined;
    let grace: NodeJS.Timeout | undefined;
    let pending: Buffer = Buffer.alloc(0);
    const conn = createConnection(socket);
    const finish = (unreached?: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(grace);
      opts.signal?.removeEventListener('abort', onAbort);
      conn.destroy();
      if (--servedRuns === 0) {
        serverIdle = setTimeout(stopSupervisorServer, SERVER_IDLE_MS);
        serverIdle.unref();
      }
      if (unreached) return resolve(undefined);
      // The supervisor swept its tree; anything else (one killed before it reported, or
      // processes it could not kill) is swept from here as well.
      if (!report || report.survivors?.length) killRun(supervisorPid, token, since);
      const ended = supervisedEnd(report, report ? undefined : { code: null, signal: null });
      resolve(commandRun(argv, opts, { ended, report, failure: report?.spawnError ?? ended.note, timedOut, cancelled, started, out, err }));
    };
    /** Time is up or the run was cancelled: the supervisor kills the tree; from here if it does not in time. */
    const stop = () => {
      // Before the server answers too: a request followed by a stop is a run stopped at once.
      if (!conn.destroyed) conn.end('stop\n');
      grace ??= setTimeout(() => finish(), STOP_GRACE_MS);
    };
    const timer = setTimeout(
      () => {
        timedOut = true;
        stop();
      },
      Math.max(0, opts.timeoutMs),
    );
    const onAbort = () => {
      cancelled = true;
      stop();
    };
    conn.on('connect', () => {
      opts.log?.(`$ ${commandLine(argv)}    (in ${opts.cwd})`);
      conn.write(servedRequest(opts.cwd, argv, env, opts.input ?? ''));
    });
    conn.on('data', (b: Buffer) => {
      taken = true;
      pending = pending.length ? Buffer.concat([pending, b]) : b;
      while (pending.length >= 5) {
        const size = pending.readUInt32BE(1);
        if (pending.length < 5 + size) break;
        const kind = String.fromCharCode(pending[0]);
        const body = pending.subarray(5, 5 + size);
        pending = pending.subarray(5 + size);
        if (kind === 'o') out.push(body);
        else if (kind === 'e') err.push(body);
        else if (kind === 'p') supervisorPid = Number(body.toString('ascii')) || undefined;
        else if (kind === 'r') report = parseReport(body.toString('utf8'));
      }
      if (report) finish();
    });
    conn.on('error', () => finish(!taken));
    conn.on('close', () => finish(!taken));
    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function runUnder(sup: Supervision | undefined, argv: readonly string[], opts: RunOptions): Promise<CommandRun> {
  const started = Date.now();
  opts.log?.(`$ ${commandLine(argv)}    (in ${opts.cwd})`);
  const out = new Capture(opts.capBytes ?? OUTPUT_CAP_BYTES);
  const err = new Capture(opts.capBytes ?? OUTPUT_CAP_BYTES);
  const token = randomBytes(12).toString('hex');
  const since = process.platform === 'linux' ? bootTicks() : 0;
  const env = toolEnv(opts, token);
  return new Promise((resolve) => {
    let timedOut = false;
    let cancelled = false;
    let settled = false;
    let exit: { code: number | null; signal: string | null } | undefined;
    let drain: NodeJS.Timeout | undefined;
    let grace: NodeJS.Timeout | undefined;
    let reportText = '';
    const finish = (spawnError?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(drain);
      clearTimeout(grace);
      opts.signal?.removeEventListener('abort', onAbort);
      const report = sup ? parseReport(reportText) : undefined;
      // The supervisor swept its tree; anything else (no supervisor, one that was killed
      // before it reported, or processes it could not kill) is swept from here as well.
      if (!report || report.survivors?.length) killRun(child.pid, token, since);
      child.stdout?.destroy();
      child.stderr?.destroy();
      control?.destroy();
      const ended: { exitCode: number | null; signal: string | null; note?: string } = sup ? supervisedEnd(report, exit) : { exitCode: exit?.code ?? null, signal: exit?.signal ?? null };
      resolve(commandRun(argv, opts, { ended, report, failure: spawnError?.message ?? report?.spawnError ?? ended.note, timedOut, cancelled, started, out, err }));
    };
    /** The tool ended or was stopped: without a supervisor, kill what it left behind here; then give the pipes a moment. */
    const ending = () => {
      if (!sup) killRun(child.pid, token, since);
      drain ??= setTimeout(() => finish(), DRAIN_MS);
    };
    /** Time is up or the run was cancelled: the supervisor kills the tree; from here if it does not in time. */
    const stop = () => {
      if (!sup || !control?.writable) return ending();
      control.end('stop\n');
      grace ??= setTimeout(() => {
        killRun(child.pid, token, since);
        ending();
      }, STOP_GRACE_MS);
    };
    const spawnArgv = sup ? [...(sup.namespace ?? []), sup.python, '-I', '-S', sup.script] : argv;
    const child = spawn(spawnArgv[0], spawnArgv.slice(1), {
      cwd: opts.cwd,
      // The supervisor needs nothing of the tool's environment; it carries the token for the fallback sweep.
      env: sup ? { PATH: env.PATH, [RUN_TOKEN_VAR]: token } : env,
      detached: process.platform !== 'win32',
      stdio: sup ? ['pipe', 'pipe', 'pipe', 'pipe'] : ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const control = sup ? (child.stdio[3] as (Readable & Writable) | null) : undefined;
    if (control) {
      control.on('error', () => undefined);
      control.on('data', (b: Buffer) => {
        if (reportText.length < 1_000_000) reportText += b.toString('utf8');
      });
      control.write(supervisorRequest(argv, env));
    }
    const timer = setTimeout(
      () => {
        timedOut = true;
        stop();
      },
      Math.max(0, opts.timeoutMs),
    );
    const onAbort = () => {
      cancelled = true;
      stop();
    };
    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => finish(e));
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      ending();
    });
    child.on('close', () => {
      if (exit || timedOut || cancelled) finish();
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}

/** What the supervisor is asked to run: see the protocol in resources/python/upskill_run.py. */
function supervisorRequest(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Buffer {
  const items = [String(argv.length), ...argv, ...Object.entries(env).map(([k, v]) => `${k}=${v ?? ''}`)];
  const payload = Buffer.from(items.map((i) => `${i}\0`).join(''), 'utf8');
  return Buffer.concat([Buffer.from(`${payload.length}\n`), payload]);
}

/** How the tool ended, from the supervisor's report; a note when the supervisor itself did not report. */
function supervisedEnd(report: SupervisorReport | undefined, exit: { code: number | null; signal: string | null } | undefined): { exitCode: number | null; signal: string | null; note?: string } {
  if (report?.spawnError) return { exitCode: null, signal: null };
  if (report) return { exitCode: report.exitCode ?? null, signal: report.signal ?? null };
  const how = exit?.signal ? `was killed by ${exit.signal}` : `exited with code ${exit?.code ?? '?'}`;
  // Never a pass: a tool whose supervisor was killed counts as a tool that did not finish.
  return { exitCode: null, signal: exit?.signal ?? null, note: `\n[Upskill: the run's supervisor ${how} before it reported how the tool ended]` };
}

/** Milliseconds left of a check run's single time budget (never below zero). */
export function timeLeft(ctx: { readonly timeoutMs: number; readonly deadline?: number }): number {
  return ctx.deadline === undefined ? ctx.timeoutMs : Math.max(0, ctx.deadline - Date.now());
}

/** A one-line account of how a run ended, for summaries. */
export function describeEnd(run: CommandRun, timeoutMs: number): string | undefined {
  if (run.cancelled) return 'it was cancelled';
  if (run.timedOut) return `the check ran longer than its ${Math.round(timeoutMs / 1000)} s budget and was stopped (raise upskill.checkTimeoutSeconds if your machine is slow)`;
  if (run.exitCode === null && !run.signal) return `it could not be started: ${run.stderr.trim().split('\n').pop()}`;
  return undefined;
}
