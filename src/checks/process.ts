// Runs one tool: no shell, a timeout, cancellation, the whole process tree killed at the
// end, output capped and decoded leniently (a tool may print bytes that are not UTF-8).

import { spawn } from 'child_process';
import type { CommandRun } from './types';

export const OUTPUT_CAP_BYTES = 1024 * 1024;

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

function killTree(pid: number | undefined): void {
  if (!pid) return;
  try {
    // Negative pid: the whole process group, which `detached: true` made this child lead.
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

export function runProcess(argv: readonly string[], opts: RunOptions): Promise<CommandRun> {
  const started = Date.now();
  opts.log?.(`$ ${commandLine(argv)}    (in ${opts.cwd})`);
  const out = new Capture(opts.capBytes ?? OUTPUT_CAP_BYTES);
  const err = new Capture(opts.capBytes ?? OUTPUT_CAP_BYTES);
  return new Promise((resolve) => {
    let timedOut = false;
    let cancelled = false;
    let settled = false;
    const finish = (exitCode: number | null, signal: string | null, spawnError?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      // Grandchildren (a test that started a server, say) go too.
      killTree(child.pid);
      resolve({
        argv,
        cwd: opts.cwd,
        exitCode,
        signal,
        timedOut,
        cancelled,
        durationMs: Date.now() - started,
        stdout: out.text(),
        stderr: spawnError ? `${err.text()}${spawnError.message}` : err.text(),
        truncated: out.truncated || err.truncated,
      });
    };
    const child = spawn(argv[0], argv.slice(1), {
      cwd: opts.cwd,
      env: { ...process.env, PYTHONIOENCODING: 'utf-8', PYTHONDONTWRITEBYTECODE: '1', ...opts.env },
      detached: process.platform !== 'win32',
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child.pid);
    }, opts.timeoutMs);
    const onAbort = () => {
      cancelled = true;
      killTree(child.pid);
    };
    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => finish(null, null, e));
    child.on('close', (code, signal) => finish(code, signal));
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}

/** A one-line account of how a run ended, for summaries. */
export function describeEnd(run: CommandRun, timeoutMs: number): string | undefined {
  if (run.cancelled) return 'it was cancelled';
  if (run.timedOut) return `it ran longer than ${Math.round(timeoutMs / 1000)} s and was stopped (raise upskill.checkTimeoutSeconds if your machine is slow)`;
  if (run.exitCode === null && !run.signal) return `it could not be started: ${run.stderr.trim().split('\n').pop()}`;
  return undefined;
}
