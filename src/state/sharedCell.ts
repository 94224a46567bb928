// One value shared by every window on this machine, changed by read-modify-write under a
// lock, so that no window writes from a stale copy. globalState cannot do this: each window
// reads its own cached copy, which learns of another window's write only some time later,
// and a write made from that copy silently undoes the other window's (a pause undone by a
// heartbeat or a takeover in another window).

import { promises as fs } from 'fs';
import * as path from 'path';
import type { KeyValueStore } from '../core/versionedStore';

export interface Written<R> {
  readonly text: string;
  readonly result: R;
}

export interface SharedCell {
  /** The value as stored now, as text; undefined if nothing was ever stored. */
  read(): Promise<string | undefined>;
  /** Runs `change` on the stored text with no other window's change in between, and stores what it returns. */
  transact<R>(change: (text: string | undefined) => Written<R> | Promise<Written<R>>): Promise<R>;
  /** Keeps text that could not be read next to the value, and says where. */
  backup(text: string, now: number): Promise<string>;
}

/** Chains this window's transactions, so that they never wait on each other's lock. */
class Queue {
  private tail: Promise<unknown> = Promise.resolve();
  run<R>(job: () => Promise<R>): Promise<R> {
    const next = this.tail.then(job, job);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Renames over the target. On Windows that fails while another window has the file open to read it: try again shortly. */
async function replace(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fs.rename(from, to);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (attempt >= 20 || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES')) {
        await fs.rm(from, { force: true });
        throw e;
      }
      await sleep(10 * (attempt + 1));
    }
  }
}

/**
 * A JSON text file, written whole (a new file renamed over the old, so a reader never sees
 * half of one) under a lock folder beside it (mkdir either creates it or fails: only one
 * window holds it). A lock left by a window that died while holding it is broken once it is
 * older than `staleMs`, far longer than a transaction takes.
 */
export class FileCell implements SharedCell {
  private readonly queue = new Queue();

  constructor(
    readonly file: string,
    private readonly staleMs = 10_000,
    private readonly waitMs = 15_000,
  ) {}

  async read(): Promise<string | undefined> {
    try {
      return await fs.readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  transact<R>(change: (text: string | undefined) => Written<R> | Promise<Written<R>>): Promise<R> {
    return this.queue.run(async () => {
      const unlock = await this.lock();
      try {
        const { text, result } = await change(await this.read());
        const temp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
        await fs.writeFile(temp, text, 'utf8');
        await replace(temp, this.file);
        return result;
      } finally {
        await unlock();
      }
    });
  }

  async backup(text: string, now: number): Promise<string> {
    const where = `${this.file}.unreadable.${now}`;
    await fs.writeFile(where, text, 'utf8');
    return where;
  }

  private async lock(): Promise<() => Promise<void>> {
    const lock = `${this.file}.lock`;
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const deadline = Date.now() + this.waitMs;
    for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
      try {
        await fs.mkdir(lock);
        return () => fs.rm(lock, { recursive: true, force: true });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const since = (await fs.stat(lock).catch(() => undefined))?.mtimeMs;
      if (since !== undefined && Date.now() - since > this.staleMs) {
        await fs.rm(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Another window has held ${lock} for over ${this.waitMs / 1000} s; if no window is saving, delete that folder.`);
      await sleep(delay);
    }
  }
}

/** The same contract over a key-value store, for one process (tests, and where no folder can be had). */
export class KeyValueCell implements SharedCell {
  private readonly queue = new Queue();

  constructor(
    private readonly store: KeyValueStore,
    readonly key: string,
  ) {}

  async read(): Promise<string | undefined> {
    const v = this.store.get(this.key);
    return typeof v === 'string' ? v : v === undefined ? undefined : JSON.stringify(v);
  }

  transact<R>(change: (text: string | undefined) => Written<R> | Promise<Written<R>>): Promise<R> {
    return this.queue.run(async () => {
      const { text, result } = await change(await this.read());
      await this.store.update(this.key, text);
      return result;
    });
  }

  async backup(text: string, now: number): Promise<string> {
    const where = `${this.key}.unreadable.${now}`;
    await this.store.update(where, text);
    return where;
  }
}
