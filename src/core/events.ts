// A minimal event emitter with the same shape as vscode.Event, so core services can be
// observed by the extension without importing VS Code.

export interface Disposable {
  dispose(): void;
}

export type Listener<T> = (value: T) => void;
export type Event<T> = (listener: Listener<T>) => Disposable;

export class Emitter<T> implements Disposable {
  private listeners = new Set<Listener<T>>();

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const l of [...this.listeners]) {
      try {
        l(value);
      } catch (e) {
        // One failing listener must not stop the others (the tree, the checklist, the timer).
        console.error('[upskill] listener failed', e);
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
