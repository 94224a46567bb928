// The one record of check results: the last check of each exercise (with the one before,
// to compare), whether a file was edited since, and the check running now, which a second
// request joins. CheckService keeps one and every surface renders from it, so the Problems
// panel and the Exercise view cannot disagree about what was checked or whether it is stale.
// Generic over the report so that core imports nothing from checks/.

import { Emitter, type Event } from './events';
import { DisposableBase } from './lifecycle';
import { isInside } from './paths';

/** The last check of an exercise, as every surface shows it. */
export interface Checked<R> {
  readonly report: R;
  /** The check before this one (since the exercise was last reset), to compare with. */
  readonly previous?: R;
  /** The folder that was checked; an edit inside it makes the result stale. */
  readonly workDir: string;
  /** The interpreter's tool versions when the check ran ("pytest 8.3.4"). */
  readonly versions: readonly string[];
  /** This was the exercise's first check. */
  readonly first: boolean;
  /** A file in `workDir` was edited since the check: the result describes the files as they were. */
  readonly stale: boolean;
}

/** What a finished check hands the ledger; the rest (`previous`, `stale`) is the ledger's. */
export type NewCheck<R> = Omit<Checked<R>, 'previous' | 'stale'>;

export class CheckLedger<R> extends DisposableBase {
  private readonly last = new Map<string, Checked<R>>();
  private readonly running = new Map<string, Promise<unknown>>();
  private readonly changed = this.register(new Emitter<string>());
  /**
   * Fires with an exercise id once per change of what a surface shows for it: a check
   * starting, a check ending (its result already in place), the result going stale, the
   * result cleared. Read `get` and `isRunning`.
   */
  readonly onDidChange: Event<string> = this.changed.event;

  get(exerciseId: string): Checked<R> | undefined {
    return this.last.get(exerciseId);
  }

  isRunning(exerciseId: string): boolean {
    return this.running.has(exerciseId);
  }

  /**
   * Runs `work` for the exercise, or joins the check of it already running (whose answer
   * the caller then shares). `record` puts a finished check in place; the change is
   * announced once, when the work ends, together with the end of the run.
   */
  run<T>(exerciseId: string, work: (record: (check: NewCheck<R>) => void) => Promise<T>): Promise<T> {
    const inFlight = this.running.get(exerciseId);
    if (inFlight) return inFlight as Promise<T>;
    const record = (check: NewCheck<R>) => this.last.set(exerciseId, { ...check, previous: this.last.get(exerciseId)?.report, stale: false });
    const done = Promise.resolve()
      .then(() => work(record))
      .finally(() => {
        this.running.delete(exerciseId);
        this.changed.fire(exerciseId);
      });
    this.running.set(exerciseId, done);
    this.changed.fire(exerciseId);
    return done;
  }

  /** A file was edited: each result whose folder holds it goes stale (once, until the next check). */
  edited(file: string): void {
    for (const [id, c] of this.last) {
      if (c.stale || !isInside(c.workDir, file)) continue;
      this.last.set(id, { ...c, stale: true });
      this.changed.fire(id);
    }
  }

  /** Forgets an exercise's results (its files were reset under them). */
  clear(exerciseId: string): void {
    if (this.last.delete(exerciseId)) this.changed.fire(exerciseId);
  }
}
