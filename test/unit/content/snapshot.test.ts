// The shipped content's build-time snapshot: it loads the same catalog as parsing the files,
// without the parser, places its items where the files do, and broken content yields the
// errors that stop the build instead of a snapshot.

import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildSnapshot, loadCatalog, nodeContentFs, parseContentFile } from '../../../src/core/content';
import { loadCatalogWith } from '../../../src/core/content/load';
import { type ContentSnapshot, readSnapshot, snapshotFile } from '../../../src/core/content/snapshot';
import { type Catalog, type ContentSource, formatContentError } from '../../../src/core/model';

const ROOT = path.join(process.cwd(), 'resources', 'content');
const BUILTIN: ContentSource = { kind: 'builtin', root: ROOT, label: 'Upskill', trusted: true };
const noParser = () => {
  throw new Error('the parser was loaded');
};

function asJson(c: Catalog): unknown {
  return JSON.parse(JSON.stringify({ ...c, skills: [...c.skills], exercises: [...c.exercises] }));
}

async function tempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'upskill-snapshot-'));
}

describe('content snapshot', () => {
  let snapshot: ContentSnapshot;
  before(async () => {
    const built = await buildSnapshot(ROOT, nodeContentFs);
    assert.deepStrictEqual(built.errors.map((e) => formatContentError(e)), []);
    snapshot = built.snapshot!;
  });

  it('the snapshot the build wrote (dist/content-snapshot.json) is the shipped content as it is now', async () => {
    // Every build writes it (npm run build, build:tests, test:tiers, bench), and --watch
    // rewrites it when the content changes; this catches one made from other content.
    const built = await readSnapshot(snapshotFile(process.cwd()));
    assert.ok(built, 'dist/content-snapshot.json is missing or of another version: run npm run build');
    assert.deepStrictEqual(built, JSON.parse(JSON.stringify(snapshot)), 'dist/content-snapshot.json is out of date with resources/content: run npm run build');
  });

  it('loads the same catalog as the files, through JSON, without loading the parser', async () => {
    const file = path.join(await tempDir(), 'snapshot.json');
    await fs.writeFile(file, JSON.stringify(snapshot));
    const fromSnapshot = await loadCatalogWith([BUILTIN], nodeContentFs, { snapshot: await readSnapshot(file), parser: noParser });
    const fromFiles = await loadCatalog([BUILTIN], nodeContentFs);
    assert.ok(fromFiles.exercises.size > 0);
    // JSON leaves out fields that are undefined; nothing else may differ, order included.
    assert.deepStrictEqual(asJson(fromSnapshot), asJson(fromFiles));
    assert.deepStrictEqual([...fromSnapshot.exercises.keys()], [...fromFiles.exercises.keys()]);
    assert.strictEqual(fromSnapshot.exercises.get('typing-annotate-metrics')?.dir, path.join(ROOT, 'exercises', 'typing-annotate-metrics'));
  });

  it('links the shipped files with workspace content when there is some', async () => {
    const dir = await tempDir();
    const ws: ContentSource = { kind: 'workspace', root: path.join(dir, '.upskill'), label: 'ws', trusted: true };
    await fs.mkdir(path.join(ws.root, 'mine', 'starter'), { recursive: true });
    await fs.writeFile(path.join(ws.root, 'mine', 'README.md'), '# Mine\n');
    await fs.writeFile(path.join(ws.root, 'mine', 'exercise.yaml'), 'exercises:\n  - id: mine\n    skill: typing\n    title: Mine\n    difficulty: beginner\n    starter: starter\n    checks:\n      - { type: mypy }\n');
    const viaSnapshot = await loadCatalogWith([BUILTIN, ws], nodeContentFs, { snapshot, parser: () => parseContentFile });
    assert.deepStrictEqual(viaSnapshot.errors.map((e) => formatContentError(e)), []);
    assert.ok(viaSnapshot.skills.get('typing')?.exerciseIds.includes('mine'));
    assert.deepStrictEqual(asJson(viaSnapshot), asJson(await loadCatalog([BUILTIN, ws], nodeContentFs)));
  });

  it('places a shipped item at its line when workspace content repeats its id', async () => {
    const dir = await tempDir();
    const ws: ContentSource = { kind: 'workspace', root: path.join(dir, '.upskill'), label: 'ws', trusted: true };
    await fs.mkdir(ws.root);
    await fs.writeFile(path.join(ws.root, 'team.yaml'), 'tracks:\n  - id: production-code\n    title: Mine\n');
    const messages = async (catalog: Promise<{ errors: readonly { message: string }[] }>) => (await catalog).errors.map((e) => e.message);
    const viaSnapshot = await messages(loadCatalogWith([BUILTIN, ws], nodeContentFs, { snapshot, parser: () => parseContentFile }));
    assert.deepStrictEqual(viaSnapshot, await messages(loadCatalog([BUILTIN, ws], nodeContentFs)));
    assert.match(viaSnapshot[0], /already defined at resources\/content\/01-production-code\.yaml:[2-9]\d*$/);
  });

  it('broken shipped content gives no snapshot, and errors naming file, line and problem', async () => {
    const root = await tempDir();
    await fs.writeFile(path.join(root, 'a.yaml'), 'tracks:\n  - id: t\n    title: T\nskills:\n  - id: s\n    track: nope\n    title: S\n    why: W\n');
    const built = await buildSnapshot(root, nodeContentFs);
    assert.strictEqual(built.snapshot, undefined);
    assert.deepStrictEqual(built.errors.map((e) => [path.basename(e.file), e.line, e.message]), [['a.yaml', 6, 'skills[0].track: unknown track "nope"']]);
  });

  it('a snapshot of another version, or not JSON, is not used', async () => {
    const dir = await tempDir();
    await fs.writeFile(path.join(dir, 'old.json'), JSON.stringify({ ...snapshot, v: 0 }));
    await fs.writeFile(path.join(dir, 'torn.json'), JSON.stringify(snapshot).slice(0, 100));
    assert.strictEqual(await readSnapshot(path.join(dir, 'old.json')), undefined);
    assert.strictEqual(await readSnapshot(path.join(dir, 'torn.json')), undefined);
    assert.strictEqual(await readSnapshot(path.join(dir, 'missing.json')), undefined);
  });
});
