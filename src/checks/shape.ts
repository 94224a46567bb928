// Checking the shape of JSON that another program printed (Upskill's Python helper runs
// with the learner's interpreter), so that a check reads typed values or fails saying where
// the answer differs, never an `undefined` three calls later. Each shape is a function that
// returns the value typed, or throws a ShapeError naming the path ("result[2].line").

export class ShapeError extends Error {}

export type Shape<T> = (value: unknown, at: string) => T;
export type ShapeOf<S> = S extends Shape<infer T> ? T : never;

const fail = (at: string, expected: string, value: unknown): never => {
  throw new ShapeError(`${at} should be ${expected}, not ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
};

export const str: Shape<string> = (v, at) => (typeof v === 'string' ? v : fail(at, 'a string', v));
export const num: Shape<number> = (v, at) => (typeof v === 'number' && Number.isFinite(v) ? v : fail(at, 'a number', v));
export const bool: Shape<boolean> = (v, at) => (typeof v === 'boolean' ? v : fail(at, 'true or false', v));
/** Any JSON value (a TOML value the caller looks at itself). */
export const unknownValue: Shape<unknown> = (v) => v;

export function arrayOf<T>(item: Shape<T>): Shape<T[]> {
  return (v, at) => (Array.isArray(v) ? v.map((x, i) => item(x, `${at}[${i}]`)) : fail(at, 'an array', v));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An object with these keys (and these optional ones, which may be absent but not null); other keys are dropped. */
export function objectOf<R extends Record<string, Shape<unknown>>, O extends Record<string, Shape<unknown>> = Record<never, never>>(
  required: R,
  optional?: O,
): Shape<{ [K in keyof R]: ShapeOf<R[K]> } & { [K in keyof O]?: ShapeOf<O[K]> }> {
  return (v, at) => {
    if (!isObject(v)) return fail(at, 'an object', v);
    const out: Record<string, unknown> = {};
    for (const [key, shape] of Object.entries(required)) out[key] = shape(v[key], `${at}.${key}`);
    for (const [key, shape] of Object.entries(optional ?? {})) if (key in v) out[key] = shape(v[key], `${at}.${key}`);
    return out as { [K in keyof R]: ShapeOf<R[K]> } & { [K in keyof O]?: ShapeOf<O[K]> };
  };
}

/** An object used as a map from any key to values of one shape. */
export function recordOf<T>(value: Shape<T>): Shape<Record<string, T>> {
  return (v, at) => {
    if (!isObject(v)) return fail(at, 'an object', v);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, value(x, `${at}.${k}`)]));
  };
}
