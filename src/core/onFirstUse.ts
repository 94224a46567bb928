// A value made the first time something asks for it, once: concurrent askers share the one
// making, and a making that failed keeps its error (it is not tried again half-done, since
// it may have registered things before it failed). The extension uses it for the part of
// itself that the first paint does not need (src/workbench.ts).

export class OnFirstUse<T> {
  private making?: Promise<T>;
  private made?: T;

  constructor(private readonly make: () => Promise<T>) {}

  /** The value, made now if nothing asked before. */
  get(): Promise<T> {
    return (this.making ??= this.make().then((v) => (this.made = v)));
  }

  /** The value if it is made already; undefined before, or if making it failed. */
  get value(): T | undefined {
    return this.made;
  }
}
