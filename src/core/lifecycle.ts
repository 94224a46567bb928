// Owned disposables, as in vscode-pull-request-github's lifecycle.ts: a class registers
// what it creates and disposes all of it, in reverse order, exactly once.

import type { Disposable as CoreDisposable } from './events';

export abstract class DisposableBase implements CoreDisposable {
  private readonly owned: CoreDisposable[] = [];
  private disposed = false;

  protected register<T extends CoreDisposable>(d: T): T {
    if (this.disposed) d.dispose();
    else this.owned.push(d);
    return d;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.owned.reverse()) {
      try {
        d.dispose();
      } catch (e) {
        console.error('[upskill] dispose failed', e);
      }
    }
    this.owned.length = 0;
  }
}
