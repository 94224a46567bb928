// Reads one content file: YAML with positions, then the JSON Schema. A file that fails
// either contributes nothing, and every problem points at a line and column. A file in the
// common shape is read first by the fast reader (fastYaml.ts); when that gives a value the
// schema accepts, the full parse (positions) waits until a position is asked for. Anything
// else, problems included, goes through the full parse, so every message is the same.

import type { ErrorObject, ValidateFunction } from 'ajv';
import type * as Yaml from 'yaml';
import type { ContentError, ContentSource } from '../model';
import { type PathSegment, displayPath, explain } from './messages';
import type { RawContentFile } from './raw';
import { fastYaml } from './fastYaml';
import { contentValidator, quickContentValidator } from './schemaValidator';

let validator: ValidateFunction | undefined;
function validate(data: unknown): ErrorObject[] {
  validator ??= contentValidator();
  return validator(data) ? [] : [...(validator.errors ?? [])];
}

let quick: ValidateFunction | undefined;
function valid(data: unknown): boolean {
  quick ??= quickContentValidator();
  return quick(data);
}

// The YAML library is most of the parser's code, and a file in the common shape never needs
// it until a position is asked for: it is loaded the first time a file is fully parsed.
let yamlLib: typeof Yaml | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = (): typeof Yaml => (yamlLib ??= require('yaml') as typeof Yaml);

export interface ParsedFile {
  readonly file: string;
  readonly source: ContentSource;
  /** Undefined when the file could not be used at all. */
  readonly data?: RawContentFile;
  readonly errors: ContentError[];
  /** From the build's snapshot: the exercises' files were checked when it was built. */
  readonly verified?: boolean;
  /** Line and column (1-based) of the value at a path, or of its nearest existing parent. */
  locate(path: readonly PathSegment[], key?: boolean): { line: number; column: number };
}

/** The most errors reported for one file: past this, the first ones are what matter. */
const MAX_ERRORS_PER_FILE = 25;

export function parseContentFile(file: string, text: string, source: ContentSource): ParsedFile {
  const fast = fastYaml(text);
  if (fast !== undefined && fast !== null && valid(fast)) {
    let located: ((path: readonly PathSegment[], key?: boolean) => { line: number; column: number }) | undefined;
    // Linking may still find a problem (an unknown skill, a missing folder): its position
    // comes from the full parse, made then.
    const locate = (path: readonly PathSegment[], key = false) => (located ??= fullParse(file, text, source).locate)(path, key);
    return { file, source, data: fast as unknown as RawContentFile, errors: [], locate };
  }
  return fullParse(file, text, source);
}

function fullParse(file: string, text: string, source: ContentSource): ParsedFile {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const locate = (path: readonly PathSegment[], key = false) => locateIn(doc, lineCounter, path, key);
  const err = (line: number, column: number, message: string): ContentError => ({ file, line, column, message, source });

  if (doc.errors.length) {
    const errors = doc.errors.slice(0, MAX_ERRORS_PER_FILE).map((e) => {
      const at = pos(lineCounter, e.pos[0]);
      return err(at.line, at.column, `YAML syntax error: ${firstLine(e.message)}`);
    });
    return { file, source, errors, locate };
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { file, source, errors: [err(1, 1, `YAML could not be read: ${firstLine((e as Error).message)}`)], locate };
  }
  if (data === null || data === undefined) {
    return { file, source, errors: [err(1, 1, 'the file is empty: expected "tracks", "skills" or "exercises"')], locate };
  }

  const schemaErrors = validate(data)
    // `if` only says that a `then` failed; the `then` error says what is wrong.
    .filter((e) => e.keyword !== 'if');
  if (schemaErrors.length) {
    const seen = new Set<string>();
    const errors: ContentError[] = [];
    for (const e of schemaErrors) {
      const { path, text, key } = explain(e);
      const where = displayPath(path);
      if (seen.has(where)) continue;
      seen.add(where);
      const pos = locate(path, key !== undefined);
      errors.push(err(pos.line, pos.column, `${where}: ${text}`));
      if (errors.length >= MAX_ERRORS_PER_FILE) break;
    }
    errors.sort((a, b) => a.line - b.line || a.column - b.column);
    return { file, source, errors, locate };
  }
  return { file, source, data: data as RawContentFile, errors: [], locate };
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}

function locateIn(doc: Yaml.Document, lc: Yaml.LineCounter, path: readonly PathSegment[], key: boolean): { line: number; column: number } {
  const { isMap, isNode, isPair, isScalar } = yaml();
  for (let n = path.length; n >= 0; n--) {
    const prefix = path.slice(0, n);
    if (key && n === path.length && n > 0) {
      // Point at the key itself, e.g. an unknown field.
      const parent = prefix.length > 1 ? doc.getIn(prefix.slice(0, -1), true) : doc.contents;
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(prefix[prefix.length - 1]));
        if (pair && isNode(pair.key) && pair.key.range) return pos(lc, pair.key.range[0]);
      }
      continue;
    }
    const node = n === 0 ? doc.contents : doc.getIn(prefix, true);
    if (isNode(node) && node.range) return pos(lc, node.range[0]);
  }
  return { line: 1, column: 1 };
}

function pos(lc: Yaml.LineCounter, offset: number): { line: number; column: number } {
  const p = lc.linePos(offset);
  return { line: p.line, column: p.col };
}
