// Turns a JSON Schema validation error into a plain sentence a content author can act on,
// e.g. `exercises[2].hints: expected a list of strings, got a number`.

import type { ErrorObject } from 'ajv';

export type PathSegment = string | number;

export function pointerToPath(pointer: string): PathSegment[] {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export function displayPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const s of segments) out += typeof s === 'number' ? `[${s}]` : out ? `.${s}` : s;
  return out || '(top level)';
}

export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
    case 'number':
      return 'a number';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object':
      return 'a mapping';
    default:
      return typeof v;
  }
}

interface SchemaLike {
  type?: string | string[];
  items?: SchemaLike;
  $ref?: string;
  enum?: unknown[];
  pattern?: string;
}

function expected(schema: SchemaLike | undefined): string {
  if (!schema) return 'a value';
  const t = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (t) {
    case 'string':
      return 'a string';
    case 'integer':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'object':
      return 'a mapping';
    case 'array': {
      const item = schema.items;
      if (!item) return 'a list';
      if (item.type === 'string' || item.$ref?.endsWith('/id')) return 'a list of strings';
      if (item.type === 'object' || item.$ref) return 'a list of mappings';
      return 'a list';
    }
    default:
      return 'a value';
  }
}

const ID_PATTERN = '^[a-z0-9][a-z0-9-]*$';
const COMPETENCY_PATTERN = '^[a-z0-9][a-z0-9-]*\\.[a-z0-9][a-z0-9-]*$';

/** The sentence for one error, without the leading path. Path segments come back too. */
export function explain(e: ErrorObject): { path: PathSegment[]; text: string; key?: string } {
  const path = pointerToPath(e.instancePath);
  const got = describeValue(e.data);
  switch (e.keyword) {
    case 'type':
      return { path, text: `expected ${expected(e.parentSchema as SchemaLike)}, got ${got}` };
    case 'required':
      return { path, text: `missing required field "${(e.params as { missingProperty: string }).missingProperty}"` };
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      return { path: [...path, key], key, text: `unknown field "${key}"` };
    }
    case 'enum':
      return { path, text: `expected one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}, got ${got}` };
    case 'const':
      return { path, text: `expected ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}, got ${got}` };
    case 'pattern': {
      const pattern = (e.params as { pattern: string }).pattern;
      if (pattern === ID_PATTERN) return { path, text: `expected an id of lowercase letters, digits and dashes, got ${got}` };
      if (pattern === COMPETENCY_PATTERN) return { path, text: `expected a competency as <skill>.<competency-id>, e.g. "typing.run-mypy-strict", got ${got}` };
      return { path, text: `${got} does not have the expected form (${pattern})` };
    }
    case 'minLength':
      return { path, text: 'must not be empty' };
    case 'minItems':
      return { path, text: `needs at least ${(e.params as { limit: number }).limit} item(s)` };
    case 'minProperties':
      return path.length === 0
        ? { path, text: 'the file is empty: expected "tracks", "skills" or "exercises"' }
        : { path, text: 'needs exactly one assertion, got none' };
    case 'maxProperties':
      return { path, text: `needs exactly one assertion per item, got ${Object.keys((e.data as object) ?? {}).length}` };
    case 'minimum':
    case 'maximum':
      return { path, text: `must be ${e.keyword === 'minimum' ? 'at least' : 'at most'} ${(e.params as { limit: number }).limit}, got ${String(e.data)}` };
    default:
      return { path, text: e.message ?? `is not valid (${e.keyword})` };
  }
}
