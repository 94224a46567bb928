// A GitHub Actions workflow read for running it locally: which events trigger it (with
// GitHub's branch and path filters), the order of its jobs (`needs`), and each job's
// matrix expanded as GitHub expands it (the cartesian product, then `exclude`, then
// `include`). Pure, so each rule is unit-tested on its own.

import { ExpressionError, looseEquals, resolveValue, type ExpressionScope, type Value } from './ghExpression';

export interface Step {
  readonly id?: string;
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly shell?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, unknown>;
  readonly if?: unknown;
  readonly 'continue-on-error'?: unknown;
  readonly 'working-directory'?: string;
  readonly 'timeout-minutes'?: unknown;
}

export interface RunDefaults {
  readonly run?: { readonly shell?: string; readonly 'working-directory'?: string };
}

export interface Job {
  readonly name?: string;
  readonly needs?: string | string[];
  readonly if?: unknown;
  readonly 'runs-on'?: unknown;
  readonly uses?: string;
  readonly container?: unknown;
  readonly services?: unknown;
  readonly strategy?: { readonly matrix?: unknown; readonly 'fail-fast'?: unknown; readonly 'max-parallel'?: unknown };
  readonly env?: Record<string, unknown>;
  readonly defaults?: RunDefaults;
  readonly steps?: Step[];
  readonly 'continue-on-error'?: unknown;
}

export interface Workflow {
  readonly name?: string;
  readonly on?: unknown;
  readonly env?: Record<string, unknown>;
  readonly defaults?: RunDefaults;
  readonly jobs?: Record<string, Job>;
}

export type EventName = 'push' | 'pull_request';

/** The change being judged: a push to `branch`, or a pull request into it, that touches `paths`. */
export interface Change {
  readonly event: EventName;
  readonly branch: string;
  readonly paths: readonly string[];
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The events under `on:` with their filters (null for an event without any). */
export function eventsOf(wf: Workflow): Map<string, Record<string, unknown> | null> {
  const on = wf.on;
  const out = new Map<string, Record<string, unknown> | null>();
  if (typeof on === 'string') out.set(on, null);
  else if (Array.isArray(on)) for (const e of on) out.set(String(e), null);
  else if (isMap(on)) for (const [e, f] of Object.entries(on)) out.set(e, isMap(f) ? f : null);
  return out;
}

/** A GitHub filter pattern (`*`, `**`, `?`, `+`, `[…]`) as a regular expression. */
export function filterRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?' || c === '+') re += c;
    else if (c === '[') {
      const j = pattern.indexOf(']', i);
      if (j < 0) re += '\\[';
      else {
        re += pattern.slice(i, j + 1);
        i = j;
      }
    } else re += c.replace(/[.^$(){}|\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Whether a name passes a filter list where later patterns win and `!` excludes. */
export function passesFilter(patterns: readonly unknown[], name: string): boolean {
  let included = false;
  for (const p of patterns.map(String)) {
    const negated = p.startsWith('!');
    if (filterRegExp(negated ? p.slice(1) : p).test(name)) included = !negated;
  }
  return included;
}

const list = (v: unknown): unknown[] | undefined => (v === undefined || v === null ? undefined : Array.isArray(v) ? v : [v]);

/** Whether the change triggers the workflow; when not, why, in a sentence. */
export function triggers(wf: Workflow, change: Change): { triggered: boolean; why: string } {
  const events = eventsOf(wf);
  const what = change.event === 'push' ? `a push to ${change.branch}` : `a pull request into ${change.branch}`;
  if (!events.has(change.event)) return { triggered: false, why: `it is not triggered by ${change.event} (on: ${[...events.keys()].join(', ') || 'nothing'})` };
  const f = events.get(change.event) ?? {};
  const branches = list(f.branches);
  const ignore = list(f['branches-ignore']);
  if (change.event === 'push' && branches === undefined && ignore === undefined && (f.tags !== undefined || f['tags-ignore'] !== undefined)) {
    return { triggered: false, why: `its push trigger has only tag filters, so ${what} does not run it` };
  }
  if (branches !== undefined && !passesFilter(branches, change.branch)) return { triggered: false, why: `"branches: ${JSON.stringify(branches)}" under ${change.event} leaves out ${change.branch}` };
  if (ignore !== undefined && ignore.map(String).some((p) => filterRegExp(p.replace(/^!/, '')).test(change.branch) && !p.startsWith('!'))) {
    return { triggered: false, why: `"branches-ignore: ${JSON.stringify(ignore)}" under ${change.event} ignores ${change.branch}` };
  }
  const paths = list(f.paths);
  if (paths !== undefined && !change.paths.some((p) => passesFilter(paths, p))) return { triggered: false, why: `"paths: ${JSON.stringify(paths)}" under ${change.event} leaves out ${change.paths.join(', ')}` };
  const pathsIgnore = list(f['paths-ignore']);
  if (pathsIgnore !== undefined && change.paths.every((p) => pathsIgnore.map(String).some((x) => filterRegExp(x).test(p)))) {
    return { triggered: false, why: `"paths-ignore: ${JSON.stringify(pathsIgnore)}" under ${change.event} ignores ${change.paths.join(', ')}` };
  }
  if (change.event === 'pull_request') {
    const types = list(f.types);
    if (types !== undefined && !types.map(String).some((t) => ['opened', 'synchronize', 'reopened'].includes(t))) {
      return { triggered: false, why: `"types: ${JSON.stringify(types)}" under pull_request leaves out a pull request being opened or updated` };
    }
  }
  return { triggered: true, why: `${what} runs it` };
}

/** Job ids in an order where every job comes after the jobs it needs; a cycle or an unknown need is an error. */
export function jobOrder(jobs: Record<string, Job>): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, from?: string) => {
    if (!(id in jobs)) throw new Error(`job "${from}" needs "${id}", which is not a job of the workflow`);
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') throw new Error(`jobs "${id}" and "${from}" need each other`);
    state.set(id, 'visiting');
    for (const n of needsOf(jobs[id])) visit(n, id);
    state.set(id, 'done');
    order.push(id);
  };
  for (const id of Object.keys(jobs)) visit(id);
  return order;
}

export function needsOf(job: Job): string[] {
  return list(job?.needs)?.map(String) ?? [];
}

export type Combination = Record<string, Value>;

/**
 * The matrix's combinations, as GitHub makes them: every combination of the list-valued
 * keys; minus those an `exclude` entry matches (on the keys it names); then each `include`
 * entry is added to every combination whose original values it does not change, or
 * becomes a combination of its own when it fits none. No matrix is one empty combination.
 */
export function expandMatrix(matrix: unknown, scope: ExpressionScope): Combination[] {
  if (matrix === undefined || matrix === null) return [{}];
  const m = resolveValue(matrix, scope);
  if (!isMap(m)) throw new ExpressionError(`strategy.matrix must be a mapping, got ${JSON.stringify(m)}`);
  const keys = Object.keys(m).filter((k) => k !== 'include' && k !== 'exclude');
  let combos: Combination[] = [{}];
  for (const k of keys) {
    const values = m[k];
    if (!Array.isArray(values)) throw new ExpressionError(`matrix.${k} must be a list, got ${JSON.stringify(values)}`);
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [k]: v as Value })));
  }
  if (!keys.length) combos = [];
  const excludes = list(m.exclude) ?? [];
  for (const ex of excludes) {
    if (!isMap(ex)) throw new ExpressionError(`a matrix "exclude" entry must be a mapping, got ${JSON.stringify(ex)}`);
    combos = combos.filter((c) => !Object.entries(ex).every(([k, v]) => k in c && matrixValuesEqual(c[k], v as Value)));
  }
  const originals = combos.map((c) => ({ ...c }));
  const extended = combos.map((c) => ({ ...c }));
  const added: Combination[] = [];
  for (const inc of list(m.include) ?? []) {
    if (!isMap(inc)) throw new ExpressionError(`a matrix "include" entry must be a mapping, got ${JSON.stringify(inc)}`);
    let fitted = false;
    originals.forEach((orig, i) => {
      const fits = Object.entries(inc).every(([k, v]) => !(k in orig) || matrixValuesEqual(orig[k], v as Value));
      if (fits) {
        Object.assign(extended[i], inc);
        fitted = true;
      }
    });
    if (!fitted) added.push({ ...(inc as Combination) });
  }
  const all = [...extended, ...added];
  return all.length ? all : [{}];
}

function matrixValuesEqual(a: Value, b: Value): boolean {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) return JSON.stringify(a) === JSON.stringify(b);
  return looseEquals(a, b);
}

/** "python-version: 3.11, os: ubuntu-latest" */
export function describeCombination(c: Combination): string {
  return Object.entries(c)
    .map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}
