// The fast reader of content YAML (src/core/content/fastYaml.ts) against the full parse:
// whenever it gives a value, that value is the full parse's, on every shipped file, on the
// hand-written cases below and on generated and mutated documents; and it declines (gives
// undefined) whatever it is not sure of, errors included.

import * as assert from 'assert';
import fc from 'fast-check';
import { promises as fs } from 'fs';
import * as path from 'path';
import { parseDocument, stringify } from 'yaml';
import { fastYaml } from '../../../src/core/content/fastYaml';

const ROOT = path.resolve(__dirname, '../../..');

/** What the loader's full parse gives: the value, or undefined when the document has errors. */
function full(text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, strict: true });
  return doc.errors.length ? undefined : doc.toJS({ maxAliasCount: 100 });
}

/** The property: declined, or the full parse's value exactly. */
function agrees(text: string): boolean {
  const fast = fastYaml(text);
  if (fast === undefined) return true;
  assert.deepStrictEqual(fast, full(text), `fast and full parses differ on:\n${text}`);
  return true;
}

async function yamlFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true });
  return entries.map(String).filter((f) => /(^|\/)(exercise\.yaml|[^/]+\.yaml)$/.test(f) && !f.includes('/starter/') && !f.includes('/solution/') && !f.includes('/cheats/') && !f.includes('/honest/')).map((f) => path.join(dir, f));
}

describe('content: the fast YAML reader', () => {
  it('gives the full parse on every shipped content file it reads, and reads most of them', async () => {
    const files = await yamlFiles(path.join(ROOT, 'resources', 'content'));
    assert.ok(files.length > 40, `found ${files.length} content files`);
    let read = 0;
    for (const file of files) {
      const text = await fs.readFile(file, 'utf8');
      if (fastYaml(text) !== undefined) read++;
      agrees(text);
    }
    assert.ok(read >= files.length / 2, `read ${read} of ${files.length} shipped files`);
  });

  const same: [string, string][] = [
    ['an exercise in the usual shape', 'exercises:\n  - id: e1\n    skill: s1\n    title: Exercise 1\n    difficulty: beginner\n    competencies: [s1.c1, s1.c2]\n    minutes: 30\n    starter: starter\n    hints: [Read the test.]\n    checks:\n      - { type: mypy }\n      - type: pytest\n        targets: ["tests", \'src\']\n'],
    ['comments everywhere', '# head\nskills: # the skills\n  # between\n  - id: a # trailing\n    why: "quoted # not a comment" # but this is\n    title: a#b\n'],
    ['a sequence at its key\'s indentation', 'hints:\n- one\n- two\nnext: x\n'],
    ['literal and folded block scalars, clipped and stripped', 'a: |\n  line one\n    indented\n\n  after a blank\nb: >-\n  folded\n  lines\n\n  new paragraph\nc: >\n  x\n\n\nd: |-\n  kept\n'],
    ['scalars of the core schema', 'a: null\nb: ~\nc: true\nd: False\ne: 42\nf: 0\ng: yes\nh: http://example.com/a:b\ni:\nj: \'it\'\'s\'\nk: "tab\\there \\"q\\" \\\\ \\/"\n'],
    ['empty flow collections and nested flow', 'a: []\nb: {}\nc: { x: [1, two], y: z }\n'],
    ['compact mappings in sequences, nested', 'tracks:\n  - id: t\n    skills:\n      - id: s\n        list:\n          - a\n          - b: c\n            d: e\n'],
  ];
  for (const [name, text] of same) {
    it(`reads ${name} as the full parse does`, () => {
      assert.notStrictEqual(fastYaml(text), undefined, 'read, not declined');
      agrees(text);
    });
  }

  const declined: [string, string][] = [
    ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a multi-line plain scalar', 'why: a long\n  sentence\n'],
    ['a multi-line quoted scalar', 'why: "a long\n  sentence"\n'],
    ['a number that is not a plain integer', 'pythonMatrix: [3.10, 3.11]\n'],
    ['a tab', 'a:\n\tb: c\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a syntax error', 'a: [1, 2\n'],
    ['a document marker', '---\na: 1\n'],
    ['a nested mapping in a plain value', 'a: b: c\n'],
    ['a scalar document', 'just text\n'],
    ['an empty document', '# nothing\n'],
    ['a block scalar with a keep chomping indicator', 'a: |+\n  x\n\n'],
    ['a quoted key', '"a": 1\n'],
    ['a carriage return', 'a: 1\r\nb: 2\r\n'],
    ['a non-breaking space as indentation', 'a:\n\u00a0 b: 1\n'],
  ];
  for (const [name, text] of declined) {
    it(`declines ${name}`, () => {
      assert.strictEqual(fastYaml(text), undefined);
    });
  }

  it('agrees with the full parse on generated documents in every style the yaml library writes', () => {
    const key = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,8}$/);
    const scalar = fc.oneof(fc.string({ maxLength: 30 }), fc.integer(), fc.boolean(), fc.constant(null), fc.double({ noNaN: true }), fc.constantFrom('null', 'true', '3.10', '- x', 'a: b', 'a #b', "it's", '"q"', '#', '', ' lead', 'trail ', 'line\nbreak', 'x\n\ny\n'));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
    })).node;
    const doc = fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 });
    const options = fc.record({ flow: fc.boolean(), blockQuote: fc.constantFrom<boolean | 'folded' | 'literal'>(true, false, 'folded', 'literal'), indentSeq: fc.boolean() });
    fc.assert(
      fc.property(doc, options, (d, o) => agrees(stringify(d, { collectionStyle: o.flow ? 'flow' : 'any', blockQuote: o.blockQuote, indentSeq: o.indentSeq, lineWidth: 40 }))),
      { numRuns: 2000 },
    );
  });

  it('agrees with the full parse on shipped files with characters inserted, deleted or replaced', async () => {
    const files = await yamlFiles(path.join(ROOT, 'resources', 'content', 'exercises'));
    const texts = await Promise.all(files.slice(0, 20).map((f) => fs.readFile(f, 'utf8')));
    const piece = fc.constantFrom(' ', '  ', '\n', '#', ':', ': ', '-', '- ', '"', "'", '[', ']', '{', '}', ',', '|', '>', '&a', '*a', '!', 'x', '1', '.5', '\\', '\t');
    fc.assert(
      fc.property(fc.nat(texts.length - 1), fc.nat(), fc.nat(8), piece, (which, at, cut, insert) => {
        const text = texts[which];
        const i = at % (text.length + 1);
        return agrees(text.slice(0, i) + insert + text.slice(i + cut));
      }),
      { numRuns: 3000 },
    );
  });
});
