// Every timeout Upskill schedules goes through a Scheduler, which knows how many are
// pending: the study timer promises none while it is stopped, and the in-host test checks
// that promise through this count.

import type { Disposable } from './events';

export class Scheduler implements Disposable {
  private readonly live = new Set<ReturnType<typeof setTimeout>>();

  /** Timeouts scheduled and not yet run or cancelled. */
  get pending(): number {
    return this.live.size;
  }

  after(ms: number, run: () => void): Disposable {
    const handle = setTimeout(() => {
      this.live.delete(handle);
      run();
    }, Math.max(0, ms));
    this.live.add(handle);
    return {
      dispose: () => {
        clearTimeout(handle);
        this.live.delete(handle);
      },
    };
  }

  dispose(): void {
    for (const h of this.live) clearTimeout(h);
    this.live.clear();
  }
}
