// Assess My Project on a large tree, by what it reads rather than by how long it takes (the
// times are `npm run bench`'s): files the project's .gitignore files and .upskillignore name
// are never opened and their folders never listed, and a cancel stops the walk, the reading
// and the linting at once. Every read goes through Node's fs, which the tests watch.

import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AssessCancelled, assessProject } from '../../../src/checks/assess/assess';
import { firstPartyFromFiles } from '../../../src/checks/assess/lint';
import { LISTED_EVERY } from '../../../src/checks/assess/projectFiles';

const PACKAGES = 12;
const MODULES = 25;
const IGNORED = 2400;

/** 12 packages of 25 modules, each with a test; 2,400 files in data/ (.gitignore), vendor/ (.upskillignore) and a package's own generated/ (its .gitignore). */
async function largeTree(): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-assess-scale-'));
  const files = new Map<string, string>([
    ['.gitignore', '.venv/\n__pycache__/\n.env\n/data/\n'],
    ['.upskillignore', '# vendored code\nvendor/\n'],
    ['pkg0/.gitignore', 'generated/\n'],
  ]);
  for (let p = 0; p < PACKAGES; p++) {
    for (let m = 0; m < MODULES; m++) {
      files.set(`pkg${p}/src/pkg${p}/mod${m}.py`, `def f${m}(x: int) -> int:\n    return x + ${m}\n`);
      files.set(`pkg${p}/tests/test_pkg${p}_mod${m}.py`, `from pkg${p}.mod${m} import f${m}\n\n\ndef test_f() -> None:\n    assert f${m}(1) == ${m + 1}\n`);
    }
  }
  for (let i = 0; i < IGNORED / 3; i++) {
    files.set(`data/part${i % 10}/rows${i}.csv`, 'a,b\n1,2\n');
    files.set(`vendor/lib${i % 10}/gen${i}.py`, 'def vendored(x):\n    return x\n');
    files.set(`pkg0/generated/g${i % 10}/gen${i}.py`, 'def generated(x):\n    return x\n');
  }
  const dirs = new Set([...files.keys()].map((f) => path.dirname(path.join(root, f))));
  for (const d of dirs) await fs.mkdir(d, { recursive: true });
  for (const [rel, text] of files) await fs.writeFile(path.join(root, rel), text);
  return root;
}

type Watched = 'readFile' | 'readdir' | 'open' | 'opendir';

/** Every path Node's fs is asked to read (file or folder listing) while `run` runs, relative to `root`, with the order of calls. */
async function watchReads<T>(root: string, run: (reads: string[]) => Promise<T>): Promise<{ result?: T; error?: unknown; reads: string[] }> {
  const reads: string[] = [];
  const names: Watched[] = ['readFile', 'readdir', 'open', 'opendir'];
  const originals = new Map(names.map((n) => [n, fs[n]] as const));
  for (const n of names) {
    const original = originals.get(n) as (...args: unknown[]) => unknown;
    (fs as unknown as Record<string, unknown>)[n] = function (this: unknown, target: unknown, ...rest: unknown[]) {
      if (typeof target === 'string') reads.push(`${n}:${path.relative(root, target).split(path.sep).join('/')}`);
      return original.call(this, target, ...rest);
    };
  }
  try {
    return { result: await run(reads), reads };
  } catch (error) {
    return { error, reads };
  } finally {
    for (const n of names) (fs as unknown as Record<string, unknown>)[n] = originals.get(n);
  }
}

const under = (prefixes: readonly string[]) => (read: string) => prefixes.some((p) => read.split(':')[1].startsWith(p));

describe('Assess My Project: a large tree', function () {
  this.timeout(120_000);
  let root: string;
  before(async () => {
    root = await largeTree();
  });
  after(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('never lists or opens what .gitignore files and .upskillignore name, and reads every other Python file', async () => {
    const opened: string[] = [];
    const { result: a, error, reads } = await watchReads(root, () => assessProject(root, { onRead: (rel) => opened.push(rel) }));
    assert.strictEqual(error, undefined);
    const ignored = ['data/', 'vendor/', 'pkg0/generated/'];
    assert.deepStrictEqual(reads.filter(under(ignored)), [], 'nothing under an ignored folder is read or listed');
    assert.deepStrictEqual(opened.filter((f) => ignored.some((p) => f.startsWith(p))), []);
    // Not vacuous: the watch sees the files that are assessed, each read once.
    const py = PACKAGES * MODULES * 2;
    assert.strictEqual(a!.stats.pythonFiles, py);
    assert.strictEqual(reads.filter((r) => r.startsWith('readFile:') && r.endsWith('.py')).length, py);
    assert.strictEqual(new Set(opened).size, opened.length, 'no file is read twice');
    const listed = reads.filter((r) => r.startsWith('readdir:'));
    assert.strictEqual(new Set(listed).size, listed.length, 'no folder is listed twice');
  });

  it('a cancel during the walk stops it: no folder is listed and no file read after it', async () => {
    const controller = new AbortController();
    let at = -1;
    const { error, reads } = await watchReads(root, (seen) =>
      assessProject(root, {
        signal: controller.signal,
        progress: (m, done) => {
          if (at < 0 && m === 'Listing files' && done >= LISTED_EVERY) {
            at = seen.length;
            controller.abort();
          }
        },
      }),
    );
    assert.ok(error instanceof AssessCancelled, String(error));
    assert.ok(at > 0, 'the cancel was sent during the walk');
    assert.deepStrictEqual(reads.slice(at).filter((r) => /^(readdir|opendir|readFile|open):/.test(r)), []);
  });

  it('a cancel while the Python files are read stops at the next file', async () => {
    const controller = new AbortController();
    let after = -1;
    const { error } = await watchReads(root, () =>
      assessProject(root, {
        signal: controller.signal,
        progress: (m, done) => {
          if (after < 0 && m === 'Reading Python files' && done >= 100) {
            after = 0;
            controller.abort();
          }
        },
        onRead: () => void (after >= 0 && after++),
      }),
    );
    assert.ok(error instanceof AssessCancelled, String(error));
    assert.strictEqual(after, 0, 'files read after the cancel');
  });

  it('a cancel while Ruff lints stops the linting: the progress goes no further', async () => {
    const controller = new AbortController();
    const lintSteps: number[] = [];
    const { error } = await watchReads(root, () =>
      assessProject(root, {
        signal: controller.signal,
        progress: (m, done) => {
          if (m !== 'Linting with Ruff') return;
          lintSteps.push(done);
          if (done >= 100) controller.abort();
        },
      }),
    );
    assert.ok(error instanceof AssessCancelled, String(error));
    assert.deepStrictEqual(lintSteps, [0, 0, 50, 100]);
  });
});

describe('Assess My Project: first-party modules from the listing', () => {
  it('names the folders and Python files at the root and under src/, as a folder read would', () => {
    assert.deepStrictEqual(firstPartyFromFiles(['app.py', 'src/pkg/__init__.py', 'src/tool.py', 'lib/x/y.py', 'tests/test_a.py', 'README.md', 'my-notes/a.py', 'stubs.pyi']), ['app', 'lib', 'pkg', 'src', 'stubs', 'tests', 'tool']);
  });
});
