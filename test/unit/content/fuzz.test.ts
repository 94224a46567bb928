// The loader against 10,000 generated and mutated documents: whatever an author (or a
// half-saved file) gives it, no exception escapes, and every rejection names the file, a
// line and column inside the text, and the problem. The files live in memory, so the run
// takes seconds.

import * as assert from 'assert';
import fc from 'fast-check';
import * as path from 'path';
import { stringify } from 'yaml';
import { parseContentFile } from '../../../src/core/content';
import type { ContentFs } from '../../../src/core/content/fs';
import { loadCatalogWith } from '../../../src/core/content/load';
import { type ContentSource, formatContentError } from '../../../src/core/model';

const ROOT = path.join(path.sep, 'fuzz', '.upskill');
const FILE = path.join(ROOT, 'content.yaml');
const SOURCE: ContentSource = { kind: 'workspace', root: ROOT, label: 'fuzz', trusted: true };

const VALID = {
  tracks: [{ id: 'team', title: 'Team', skills: ['review'] }],
  skills: [{ id: 'review', track: 'team', title: 'Review', why: 'Reviews catch bugs.', checklist: [{ id: 'read', text: 'Reads a diff' }] }],
  exercises: [
    {
      id: 'ex',
      skill: 'review',
      title: 'Ex',
      difficulty: 'beginner',
      competencies: ['review.read'],
      starter: 'starter',
      checks: [{ type: 'mypy', targets: ['src'] }, { type: 'pytest' }],
    },
  ],
};
const VALID_TEXT = stringify(VALID);

/** Every file exists and is what it says: only the document itself is under test. */
function memoryFs(text: string): ContentFs {
  return {
    readFile: async () => text,
    listContentFiles: async () => [FILE],
    isFile: async () => true,
    isDirectory: async () => true,
    realpath: async (f) => f,
  };
}

/** Paths to every value of a JSON-like value, so that a mutation can land anywhere. */
function pathsOf(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...pathsOf(x, [...at, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...pathsOf(x, [...at, k]));
  return out;
}
const PATHS = pathsOf(VALID);

function setAt(root: unknown, at: readonly (string | number)[], value: unknown): unknown {
  if (!at.length) return value;
  const copy = (Array.isArray(root) ? [...(root as unknown[])] : { ...(root as object) }) as Record<string | number, unknown>;
  copy[at[0]] = setAt(copy[at[0]], at.slice(1), value);
  return copy;
}

const yamlish = fc.string({ unit: fc.constantFrom(...'ab1 :-[]{},#&*!|>\'"%@`\n\t\\?'.split('')), maxLength: 120 });

const documents = fc.oneof(
  // Edits to valid text: characters deleted, inserted or replaced, as in a half-typed file.
  fc.tuple(fc.nat(VALID_TEXT.length), fc.nat(30), fc.oneof(yamlish, fc.string({ maxLength: 20 }))).map(([at, del, ins]) => VALID_TEXT.slice(0, at) + ins + VALID_TEXT.slice(at + del)),
  // A valid document with one value anywhere in it replaced by any JSON value.
  fc.tuple(fc.constantFrom(...PATHS), fc.jsonValue({ maxDepth: 2 })).map(([at, value]) => stringify(setAt(VALID, at, value))),
  // Text made of YAML's punctuation, and anything at all.
  yamlish,
  fc.string({ maxLength: 200 }),
);

describe('content loader fuzz', () => {
  it('10,000 generated and mutated documents: nothing escapes, and every rejection names file, line and problem', async () => {
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(documents, async (text) => {
        const catalog = await loadCatalogWith([SOURCE], memoryFs(text), { parser: () => parseContentFile });
        const lines = text.split(/\r\n|\r|\n/).length;
        if (catalog.errors.length) rejected++;
        for (const e of catalog.errors) {
          assert.strictEqual(e.file, FILE);
          assert.ok(Number.isInteger(e.line) && e.line >= 1 && e.line <= lines + 1, `line ${e.line} of ${lines}: ${e.message}`);
          assert.ok(Number.isInteger(e.column) && e.column >= 1, `column ${e.column}: ${e.message}`);
          assert.match(e.message, /\w{3}/, 'the problem is said in words');
          assert.ok(formatContentError(e).includes(`:${e.line}:${e.column}`));
        }
      }),
      { numRuns: 10_000 },
    );
    assert.ok(rejected > 1_000, `most mutations are rejected (${rejected})`);
  });
});
