// The parse cache (workspace content parsed on an earlier load and unchanged since is not
// parsed again), the listing's knowledge of the folders it walked, and the schema
// validator the build compiles ahead of time: each must give exactly what a load without
// it gives.

import * as assert from 'assert';
import Ajv from 'ajv';
import fc from 'fast-check';
import { promises as fs, readFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse as parseYaml, stringify } from 'yaml';
import { fileParseCache, loadCatalog, nodeContentFs, parseContentFile } from '../../../src/core/content';
import { listContentTree } from '../../../src/core/content/fs';
import { loadCatalogWith } from '../../../src/core/content/load';
import { AJV_OPTIONS, contentValidator, precompiled, quickContentValidator } from '../../../src/core/content/schemaValidator';
import { type Catalog, type ContentSource, formatContentError } from '../../../src/core/model';
import schema from '../../../resources/schema/content.schema.json';

async function workspace(files: Record<string, string>): Promise<ContentSource> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-cache-'));
  const root = path.join(dir, '.upskill');
  for (const [rel, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await fs.writeFile(path.join(root, rel), text);
  }
  return { kind: 'workspace', root, label: 'ws/.upskill', trusted: true };
}

const TEAM = `tracks:
  - id: my-team
    title: My team
skills:
  - id: team-review
    track: my-team
    title: Code review
    why: Reviews catch bugs early.
    checklist:
      - { id: read, text: Reads a diff }
`;
const exercise = (id: string, title = 'Ex') => `exercises:
  - id: ${id}
    skill: team-review
    title: ${title}
    difficulty: beginner
    competencies: [team-review.read]
    starter: starter
    checks:
      - { type: pytest, hiddenTests: tests/hidden }
`;
const FILES = {
  'team.yaml': TEAM,
  'ex/a/exercise.yaml': exercise('a'),
  'ex/a/README.md': '# A',
  'ex/a/starter/main.py': '',
  'ex/a/tests/hidden/test_a.py': '',
  'ex/b/exercise.yaml': exercise('b'),
  'ex/b/README.md': '# B',
  'ex/b/starter/main.py': '',
  'ex/b/tests/hidden/test_b.py': '',
};

const asJson = (c: Catalog) => JSON.stringify({ ...c, skills: [...c.skills], exercises: [...c.exercises] });
const messages = (c: Catalog, ws: ContentSource) => c.errors.map((e) => formatContentError(e, (f) => path.relative(path.dirname(ws.root), f)));
const noParser = () => {
  throw new Error('the parser was loaded');
};

describe('content parse cache', () => {
  it('a second load takes every unchanged file from the cache, without the parser, and gives the same catalog', async () => {
    const ws = await workspace(FILES);
    const file = path.join(path.dirname(ws.root), 'cache.json');
    const first = fileParseCache(file, 'k');
    const fresh = await loadCatalogWith([ws], nodeContentFs, { parser: () => parseContentFile, cache: first });
    await first.save();
    assert.deepStrictEqual(Object.keys(JSON.parse(readFileSync(file, 'utf8')).files).length, 3);
    const again = await loadCatalogWith([ws], nodeContentFs, { parser: noParser, cache: fileParseCache(file, 'k') });
    assert.strictEqual(again.exercises.size, 2);
    assert.strictEqual(asJson(again), asJson(fresh));
  });

  it('a file written since is parsed again; a cache made by another parser (key), or not JSON, is not trusted', async () => {
    const ws = await workspace(FILES);
    const file = path.join(path.dirname(ws.root), 'cache.json');
    const cache = fileParseCache(file, 'k');
    await loadCatalog([ws], nodeContentFs, { cache });
    await cache.save();
    await fs.writeFile(path.join(ws.root, 'ex/a/exercise.yaml'), exercise('a', 'Renamed'));
    const changed = await loadCatalog([ws], nodeContentFs, { cache: fileParseCache(file, 'k') });
    assert.strictEqual(changed.exercises.get('a')!.title, 'Renamed');
    await assert.rejects(loadCatalogWith([ws], nodeContentFs, { parser: noParser, cache: fileParseCache(file, 'another parser') }), /the parser was loaded/);
    await fs.writeFile(file, '{ not json');
    assert.strictEqual((await loadCatalog([ws], nodeContentFs, { cache: fileParseCache(file, 'k') })).exercises.size, 2);
  });

  it('a problem found in linking a cached file is placed at its line, as without the cache', async () => {
    const ws = await workspace(FILES);
    const file = path.join(path.dirname(ws.root), 'cache.json');
    const cache = fileParseCache(file, 'k');
    await loadCatalog([ws], nodeContentFs, { cache });
    await cache.save();
    // The YAML is unchanged (a cache hit), but a folder it names is gone.
    await fs.rm(path.join(ws.root, 'ex/b/tests'), { recursive: true });
    const withCache = await loadCatalog([ws], nodeContentFs, { cache: fileParseCache(file, 'k') });
    const without = await loadCatalog([ws], nodeContentFs);
    assert.deepStrictEqual(messages(withCache, ws), ['.upskill/ex/b/exercise.yaml:9:38 exercises[0].checks[0].hiddenTests: folder "tests/hidden" does not exist in b/']);
    assert.deepStrictEqual(messages(withCache, ws), messages(without, ws));
    assert.strictEqual(asJson(withCache), asJson(without));
  });

  it('a file with a problem is not cached: its error comes back on every load', async () => {
    const ws = await workspace({ ...FILES, 'ex/b/exercise.yaml': exercise('b').replace('difficulty: beginner', 'difficulty: easy') });
    const file = path.join(path.dirname(ws.root), 'cache.json');
    for (let i = 0; i < 2; i++) {
      const cache = fileParseCache(file, 'k');
      const c = await loadCatalog([ws], nodeContentFs, { cache });
      await cache.save();
      assert.deepStrictEqual(messages(c, ws), ['.upskill/ex/b/exercise.yaml:5:17 exercises[0].difficulty: expected one of beginner, intermediate, advanced, got "easy"']);
    }
  });
});

describe('content listing', () => {
  it('does not walk inside an exercise folder, and knows the plain files and folders it saw, not links', async () => {
    const ws = await workspace({ ...FILES, 'ex/a/starter/nested/exercise.yaml': exercise('nested'), 'ex/c/deeper/exercise.yaml': exercise('c') });
    await fs.symlink(path.join(ws.root, 'ex/b/starter'), path.join(ws.root, 'ex/a/linked'));
    const { files, tree } = await listContentTree(ws.root);
    assert.deepStrictEqual(
      files.map((f) => path.relative(ws.root, f).split(path.sep).join('/')),
      ['ex/a/exercise.yaml', 'ex/b/exercise.yaml', 'ex/c/deeper/exercise.yaml', 'team.yaml'],
    );
    const a = path.join(ws.root, 'ex/a');
    assert.strictEqual(tree.kindOf(a, 'README.md'), 'file');
    assert.strictEqual(tree.kindOf(a, 'starter'), 'dir');
    assert.strictEqual(tree.kindOf(a, '.'), 'dir');
    // Not seen for certain: a link, a name not listed (it may exist by another case), a folder not walked.
    assert.strictEqual(tree.kindOf(a, 'linked'), undefined);
    assert.strictEqual(tree.kindOf(a, 'readme.md'), undefined);
    assert.strictEqual(tree.kindOf(a, 'tests/hidden'), undefined);
  });
});

describe('content schema validator', () => {
  const runtime = new Ajv(AJV_OPTIONS).compile(schema);
  const VALID = parseYaml(TEAM + exercise('a'));
  const paths = (v: unknown, at: (string | number)[] = []): (string | number)[][] =>
    Array.isArray(v) ? [at, ...v.flatMap((x, i) => paths(x, [...at, i]))] : v && typeof v === 'object' ? [at, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...at, k]))] : [at];
  const setAt = (root: unknown, at: readonly (string | number)[], value: unknown): unknown => {
    if (!at.length) return value;
    const copy = (Array.isArray(root) ? [...(root as unknown[])] : { ...(root as object) }) as Record<string | number, unknown>;
    copy[at[0]] = setAt(copy[at[0]], at.slice(1), value);
    return copy;
  };

  it('is the one compiled at build time, and gives the errors a validator compiled now gives', () => {
    assert.strictEqual(precompiled, true, 'the bundle should hold the validator esbuild.js compiled');
    const compiled = contentValidator();
    const errorsOf = (v: typeof runtime, data: unknown) => (v(data) ? [] : JSON.stringify(v.errors));
    fc.assert(
      fc.property(fc.constantFrom(...paths(VALID)), fc.jsonValue({ maxDepth: 2 }), (at, value) => {
        const data = parseYaml(stringify(setAt(VALID, at, value)));
        assert.deepStrictEqual(errorsOf(compiled, data), errorsOf(runtime, data));
      }),
      { numRuns: 500, seed: 21 },
    );
  });

  it('has a quick validator, compiled at build time too, that accepts exactly what the full one accepts', () => {
    const quick = quickContentValidator();
    assert.notStrictEqual(quick, contentValidator(), 'the quick validator should be a validator of its own');
    let refused = 0;
    fc.assert(
      fc.property(fc.constantFrom(...paths(VALID)), fc.jsonValue({ maxDepth: 2 }), (at, value) => {
        const data = parseYaml(stringify(setAt(VALID, at, value)));
        const ok = runtime(data);
        if (!ok) refused++;
        assert.strictEqual(quick(data), ok, JSON.stringify(runtime.errors));
      }),
      { numRuns: 500, seed: 22 },
    );
    // Both answers occur, so the agreement says something about each.
    assert.ok(refused > 0 && refused < 500, `${refused} of 500 refused`);
    assert.strictEqual(quick(VALID), true);
  });
});
