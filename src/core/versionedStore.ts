// A typed, versioned envelope over a key-value store (VS Code's Memento in the extension,
// a Map in tests). Data that cannot be read is never dropped: it is copied to a backup key
// and reported, and the store starts from the default.

export interface KeyValueStore {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
  keys(): readonly string[];
}

export interface Envelope<T> {
  readonly v: number;
  readonly data: T;
}

export interface StoreSpec<T> {
  readonly key: string;
  readonly version: number;
  readonly empty: () => T;
  /** Upgrades data written by version `from` to `from + 1`. */
  readonly migrations?: Readonly<Record<number, (data: unknown) => unknown>>;
  /** Validates and normalises data of the current version; throws with a plain message if unusable. */
  readonly parse: (data: unknown) => T;
}

export interface LoadResult<T> {
  readonly data: T;
  /** Set when stored data could not be read and was kept under this key instead. */
  readonly backupKey?: string;
  readonly problem?: string;
}

export async function loadVersioned<T>(store: KeyValueStore, spec: StoreSpec<T>, now: number): Promise<LoadResult<T>> {
  const raw = store.get(spec.key);
  if (raw === undefined) return { data: spec.empty() };
  try {
    return { data: fromEnvelope(raw, spec) };
  } catch (e) {
    const backupKey = `${spec.key}.unreadable.${now}`;
    await store.update(backupKey, raw);
    const problem = `${(e as Error).message} The stored data was kept under "${backupKey}".`;
    return { data: spec.empty(), backupKey, problem };
  }
}

/** The data inside a stored envelope, migrated to the current version and parsed; throws with a plain message. */
export function fromEnvelope<T>(raw: unknown, spec: StoreSpec<T>): T {
  if (typeof raw !== 'object' || raw === null || !('v' in raw) || !('data' in raw)) {
    throw new Error(`Stored ${spec.key} is not in the expected {v, data} form.`);
  }
  let { v, data } = raw as { v: unknown; data: unknown };
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new Error(`Stored ${spec.key} has an invalid version ${String(v)}.`);
  if (v > spec.version) {
    throw new Error(`Stored ${spec.key} was written by a newer Upskill (version ${v}; this one reads up to ${spec.version}).`);
  }
  for (; v < spec.version; v++) {
    const migrate = spec.migrations?.[v];
    if (!migrate) throw new Error(`No migration for ${spec.key} from version ${v}.`);
    data = migrate(data);
  }
  return spec.parse(data);
}

export function toEnvelope<T>(spec: StoreSpec<T>, data: T): Envelope<T> {
  return { v: spec.version, data };
}
