// File access for the loader, behind a small interface so tests can fake it. Node's fs is
// fine in core; VS Code's API is not.

import { readdirSync, readFileSync, promises as fs, statSync } from 'fs';
import * as path from 'path';
import { walkFolder } from '../folderWalk';

export interface ContentFs {
  readFile(file: string): Promise<string>;
  /** Absolute paths of the content files under `root`, sorted; [] if `root` does not exist. */
  listContentFiles(root: string): Promise<string[]>;
  isFile(file: string): Promise<boolean>;
  isDirectory(dir: string): Promise<boolean>;
  /** The path with every symbolic link followed; rejects when it does not exist. */
  realpath(file: string): Promise<string>;
  /**
   * The content files as listContentFiles gives them, with what the walk saw of the folders
   * under `root` on the way: what the linker asks of an exercise's paths (a file? a folder? a
   * link?) is then mostly answered without asking the disk again.
   */
  listContentTree?(root: string): Promise<{ files: string[]; tree: KnownTree }>;
  /**
   * What changes when `file` is written (modification and change times, size), for a cache
   * of parsed files; undefined when the file cannot be looked at.
   */
  stamp?(file: string): Promise<string | undefined>;
}

type EntryKind = 'file' | 'dir' | 'link' | 'other';

/**
 * The folders a listing walked, each with its entries' kinds, as seen at that moment. It
 * answers only what it saw for certain: a path of plain folders (no link on the way) ending
 * in a file or folder. Everything else (a link, a name it did not see, which on a
 * case-insensitive disk may exist all the same, a folder the walk did not enter) is
 * undefined, and the caller asks the disk.
 */
export class KnownTree {
  private readonly folders = new Map<string, Map<string, EntryKind>>();

  add(dir: string, name: string, kind: EntryKind): void {
    let entries = this.folders.get(dir);
    if (!entries) this.folders.set(dir, (entries = new Map()));
    entries.set(name, kind);
  }

  /** Records a folder the walk entered, so that an empty one is known too. */
  enter(dir: string): void {
    if (!this.folders.has(dir)) this.folders.set(dir, new Map());
  }

  /** 'file' or 'dir' when `rel` under `dir` is one, with no link from `dir` down; else undefined. */
  kindOf(dir: string, rel: string): 'file' | 'dir' | undefined {
    let at = dir;
    const parts = rel.split(/[\\/]/).filter((p) => p && p !== '.');
    if (!parts.length) return this.folders.has(dir) ? 'dir' : undefined;
    for (let i = 0; i < parts.length; i++) {
      const kind = this.folders.get(at)?.get(parts[i]);
      if (kind === 'file' && i === parts.length - 1) return 'file';
      if (kind !== 'dir') return undefined;
      at = path.join(at, parts[i]);
    }
    return 'dir';
  }
}

const YAML = /\.ya?ml$/i;
const EXERCISE_FILE = /^exercise\.ya?ml$/i;

/**
 * Content files are the YAML files at the top of a content folder and every
 * `exercise.yaml` below it, outside other exercises' folders. Other YAML below (a starter's
 * CI workflow, say) belongs to an exercise and is not read as content; nor is anything
 * inside an exercise's folder (a folder with an `exercise.yaml`), which holds its starter,
 * solution and tests, so the listing does not walk them.
 */
export async function listContentFiles(root: string): Promise<string[]> {
  return (await listContentTree(root)).files;
}

export async function listContentTree(root: string): Promise<{ files: string[]; tree: KnownTree }> {
  const files: string[] = [];
  const tree = new KnownTree();
  // Paths put together by hand (entries hold no separator), as the walk does: path.join's
  // normalizing of each of a large catalog's entries cost more than reading their folders.
  const resolved = path.resolve(root);
  // A root of the file system ends in its separator already.
  const top = resolved.endsWith(path.sep) ? resolved.slice(0, -1) : resolved;
  await walkFolder(
    root,
    (e) => {
      const cut = e.rel.length - e.name.length - 1;
      const dirRel = cut > 0 ? e.rel.slice(0, cut) : '';
      const depth = dirRel ? dirRel.split(path.sep).length : 0;
      const dir = dirRel ? `${top}${path.sep}${dirRel}` : top;
      const abs = `${dir}${path.sep}${e.name}`;
      if (e.kind !== 'skipped') tree.add(dir, e.name, e.kind);
      // Hidden folders hold an exercise's own files (a starter's .github), never content.
      if (e.kind === 'dir') {
        if (e.name.startsWith('.') || depth >= 8) return 'prune';
        tree.enter(abs);
      }
      if (e.kind === 'file' && YAML.test(e.name) && (depth === 0 || EXERCISE_FILE.test(e.name))) files.push(abs);
      return undefined;
    },
    { unreadable: 'skip', enterFolders: (rel, names) => rel === '' || !names.some((n) => EXERCISE_FILE.test(n)), readdir: (dir) => sliced(() => readdirSync(dir, { withFileTypes: true })) },
  );
  tree.enter(root);
  return { files: files.sort(), tree };
}

/** How long file calls may hold the event loop before letting it turn. */
const SLICE_MS = 8;
let sliceEnds = -Infinity;
let nextTurn: Promise<void> | undefined;

/**
 * Runs a synchronous file call, in slices of SLICE_MS between turns of the event loop.
 * Reading a catalog's thousands of small files and folders through the promise API costs
 * a trip through libuv's thread pool for each (readFile: four), several times the CPU time
 * of the call itself; synchronous calls are each a few microseconds on a local disk, and
 * the slices keep the extension host answering while they run.
 */
async function sliced<T>(call: () => T): Promise<T> {
  while (performance.now() > sliceEnds) {
    nextTurn ??= new Promise<void>((resolve) =>
      setImmediate(() => {
        nextTurn = undefined;
        sliceEnds = performance.now() + SLICE_MS;
        resolve();
      }),
    );
    await nextTurn;
  }
  return call();
}

export const nodeContentFs: ContentFs = {
  readFile: (file) => sliced(() => readFileSync(file, 'utf8')),
  listContentFiles,
  listContentTree,
  isFile: async (file) => (await fs.stat(file).catch(() => undefined))?.isFile() ?? false,
  isDirectory: async (dir) => (await fs.stat(dir).catch(() => undefined))?.isDirectory() ?? false,
  realpath: (file) => fs.realpath(file),
  stamp: (file) =>
    sliced(() => {
      const s = statSync(file, { throwIfNoEntry: false, bigint: true });
      return s ? `${s.mtimeNs}:${s.ctimeNs}:${s.size}:${s.ino}` : undefined;
    }),
};

