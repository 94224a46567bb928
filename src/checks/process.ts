// Runs one tool: no shell, a deadline, cancellation, the whole process tree killed at the
// end, output capped and decoded leniently (a tool may print bytes that are not UTF-8).
//
// "The whole tree" means more than the process group: a test can start a child in a new
// session (setsid), or double-fork so that the child is re-parented away from us. Every
// process Upskill starts carries a random token in its environment, which its descendants
// inherit; when the run ends, every process that holds the token, and every descendant of
// the tool found through /proc/*/stat, is killed, until none is left. No cgroups needed.
//
// The verdict never waits for pipes: when the tool exits (or the timer fires), the rest of
// the tree is killed and the output read so far is returned, even if a background child
// still holds stdout.

import { spawn } from 'child_process';
import { randomBytes } from 'crypto';
import { readdirSync, readFileSync } from 'fs';
import type { CommandRun } from './types';

export const OUTPUT_CAP_BYTES = 1024 * 1024;
/** The environment variable that marks every process of one run. */
export const RUN_TOKEN_VAR = 'UPSKILL_RUN_TOKEN';
/** How long output may still arrive after the tool exited or was killed. */
const DRAIN_MS = 300;

export interface RunOptions {
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly input?: string;
  readonly log?: (line: string) => void;
  readonly capBytes?: number;
}

export function quoteArg(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

export function commandLine(argv: readonly string[]): string {
  return argv.map(quoteArg).join(' ');
}

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

export function runProcess(argv: readonly string[], opts: RunOptions): Promise<CommandRun> {
  const started = Date.now();
  opts.log?.(`$ ${commandLine(argv)}    (in ${opts.cwd})`);
  const out = new Capture(opts.capBytes ?? OUTPUT_CAP_BYTES);
  const err = new Capture(opts.capBytes ?? OUTPUT_CAP_BYTES);
  const token = randomBytes(12).toString('hex');
  const since = process.platform === 'linux' ? bootTicks() : 0;
  return new Promise((resolve) => {
    let timedOut = false;
    let cancelled = false;
    let settled = false;
    let exit: { code: number | null; signal: string | null } | undefined;
    let drain: NodeJS.Timeout | undefined;
    const finish = (spawnError?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(drain);
      opts.signal?.removeEventListener('abort', onAbort);
      // Grandchildren (a test that started a server, say) go too; `ending` did it if it ran.
      if (!drain) killRun(child.pid, token, since);
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve({
        argv,
        cwd: opts.cwd,
        exitCode: exit?.code ?? null,
        signal: exit?.signal ?? (timedOut || cancelled ? 'SIGKILL' : null),
        timedOut,
        cancelled,
        durationMs: Date.now() - started,
        stdout: out.text(),
        stderr: spawnError ? `${err.text()}${spawnError.message}` : err.text(),
        truncated: out.truncated || err.truncated,
      });
    };
    /** The tool ended or was stopped: kill what it left behind, then give the pipes a moment. */
    const ending = () => {
      killRun(child.pid, token, since);
      drain ??= setTimeout(() => finish(), DRAIN_MS);
    };
    const env: Record<string, string | undefined> = { ...process.env, PYTHONIOENCODING: 'utf-8', PYTHONDONTWRITEBYTECODE: '1', ...opts.env, [RUN_TOKEN_VAR]: token };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
    const child = spawn(argv[0], argv.slice(1), {
      cwd: opts.cwd,
      env,
      detached: process.platform !== 'win32',
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const timer = setTimeout(
      () => {
        timedOut = true;
        ending();
      },
      Math.max(0, opts.timeoutMs),
    );
    const onAbort = () => {
      cancelled = true;
      ending();
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
