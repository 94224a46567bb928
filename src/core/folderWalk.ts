// The one walk over a learner's (or an exercise's) folder, with the one list of folders that
// are not part of anyone's work: tool caches, version control, and Python environments. The
// scratch copy a check runs in, the files the analysers read and the listings of content
// all walk through here, so what is left out of one is left out of all: code that is not
// copied cannot be imported, and code that is copied is analysed.
//
// Links are reported, never followed: a caller decides what a link means to it.

import type { Dirent } from 'fs';
import { promises as fs } from 'fs';
import * as path from 'path';

/** Folders left out by name: environments by their usual names, tool caches and version control. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['.git', '.venv', 'venv', 'node_modules', '__pycache__', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.tox', '.nox', '.ipynb_checkpoints']);

/**
 * Files that mark a folder as a Python environment whatever its name: `pyvenv.cfg` (venv,
 * virtualenv, uv) and `conda-meta` (conda). Such a folder is an installation, not the
 * learner's work, and it is left out like `.venv`.
 */
export const ENVIRONMENT_MARKERS: readonly string[] = ['pyvenv.cfg', 'conda-meta'];

export async function isEnvironment(dir: string): Promise<boolean> {
  for (const marker of ENVIRONMENT_MARKERS) if (await fs.lstat(path.join(dir, marker)).then(() => true, () => false)) return true;
  return false;
}

export interface FolderEntry {
  /** Relative to the walked root, with the platform's separator. */
  readonly rel: string;
  readonly name: string;
  /** 'skipped': a folder on the skip list or an environment, reported once and not entered. */
  readonly kind: 'dir' | 'file' | 'link' | 'other' | 'skipped';
}

export interface WalkOptions {
  /** Folder names on the skip list to walk all the same (the git check needs `.git`). */
  readonly keep?: readonly string[];
  /** Walk everything: nothing is skipped (backups, content shipped by an author). */
  readonly everything?: boolean;
  /** An unreadable folder: throw a FolderWalkError (default), or walk on as if it were empty. */
  readonly unreadable?: 'throw' | 'skip';
  /** Told each folder skipped as unreadable (with `unreadable: 'skip'`), relative to the root. */
  readonly onUnreadable?: (rel: string) => void;
  /**
   * Given a folder and the names in it, whether to walk its subfolders (default: yes). When
   * not, they are still visited (skipped by name, or as folders), and never entered.
   */
  readonly enterFolders?: (rel: string, names: readonly string[]) => boolean;
  /** Reads a folder's entries (default: the promise API's readdir). */
  readonly readdir?: (dir: string) => Promise<Dirent[]>;
}

/** A folder of the walk could not be read; `rel` says which ('' for the root). */
export class FolderWalkError extends Error {
  constructor(
    readonly rel: string,
    readonly code: string,
  ) {
    super(`could not read ${rel || 'the folder'} (${code})`);
    this.name = 'FolderWalkError';
  }
}

/**
 * Calls `visit` for every entry under `root`, a folder before its contents, in a stable
 * (sorted) order. `visit` may return 'prune' for a folder, which is then not entered.
 *
 * The folders of a folder are read together, in parallel, before any is visited: a
 * folder's own listing says whether it is an environment (no look-up of each marker), and
 * a tree of thousands of small folders (a large content catalog) is not read one folder
 * at a time.
 */
export async function walkFolder(root: string, visit: (e: FolderEntry) => Promise<void | 'prune'> | void | 'prune', opts: WalkOptions = {}): Promise<void> {
  const keep = new Set(opts.keep ?? []);
  const byName = (a: Dirent, b: Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  // A listing, or why the folder could not be read: never a rejection left unawaited.
  const readdir = opts.readdir ?? ((dir: string) => fs.readdir(dir, { withFileTypes: true }));
  const read = (rel: string): Promise<Dirent[] | NodeJS.ErrnoException> =>
    readdir(path.join(root, rel)).then(
      (entries) => entries.sort(byName),
      (e: NodeJS.ErrnoException) => e,
    );
  // A folder's entries never hold a separator, nor are they '.' or '..': the relative path
  // is put together by hand, not through path.join's normalizing (a large tree's thousands
  // of entries spent more time there than in reading their folders).
  const under = (rel: string, name: string) => (rel ? `${rel}${path.sep}${name}` : name);
  const walk = async (rel: string, listing: Dirent[] | NodeJS.ErrnoException): Promise<void> => {
    if (!Array.isArray(listing)) {
      if (opts.unreadable === 'skip') {
        if (rel) opts.onUnreadable?.(rel);
        return;
      }
      throw new FolderWalkError(rel, listing.code ?? String(listing));
    }
    const enter = !opts.enterFolders || opts.enterFolders(rel, listing.map((e) => e.name));
    const below = new Map<string, Promise<Dirent[] | NodeJS.ErrnoException>>();
    for (const e of listing) {
      if (enter && e.isDirectory() && (opts.everything || !SKIPPED_FOLDERS.has(e.name) || keep.has(e.name))) below.set(e.name, read(under(rel, e.name)));
    }
    for (const e of listing) {
      const r = under(rel, e.name);
      if (e.isDirectory() && !enter) {
        // Not read, so an environment is known here by its name only.
        await visit({ rel: r, name: e.name, kind: !opts.everything && SKIPPED_FOLDERS.has(e.name) && !keep.has(e.name) ? 'skipped' : 'dir' });
      } else if (e.isDirectory()) {
        const inside = below.get(e.name);
        const contents = inside && (await inside);
        if (!contents || (!opts.everything && Array.isArray(contents) && contents.some((c) => ENVIRONMENT_MARKERS.includes(c.name)))) {
          await visit({ rel: r, name: e.name, kind: 'skipped' });
          continue;
        }
        if ((await visit({ rel: r, name: e.name, kind: 'dir' })) !== 'prune') await walk(r, contents);
      } else {
        await visit({ rel: r, name: e.name, kind: e.isSymbolicLink() ? 'link' : e.isFile() ? 'file' : 'other' });
      }
    }
  };
  await walk('', await read(''));
}

/** Relative paths of the regular files under `dir`, sorted; skipped folders and links left out. */
export async function listFiles(dir: string, opts: WalkOptions = {}): Promise<string[]> {
  const out: string[] = [];
  await walkFolder(dir, (e) => void (e.kind === 'file' && out.push(e.rel)), opts);
  return out.sort();
}

/**
 * Copies the files under `src` into `dest` where nothing exists at that path yet: never over
 * a file, never through a link (O_EXCL refuses even a dangling one), never into a folder
 * that is a link or a file. Links in `src` are not copied. Returns what was added,
 * relative to `dest`.
 */
export async function copyMissing(src: string, dest: string): Promise<string[]> {
  const added: string[] = [];
  await fs.mkdir(dest, { recursive: true });
  await walkFolder(src, async (e) => {
    const target = path.join(dest, e.rel);
    if (e.kind === 'dir') {
      const st = await fs.lstat(target).catch(() => undefined);
      if (st && !st.isDirectory()) return 'prune';
      if (!st) await fs.mkdir(target);
    } else if (e.kind === 'file') {
      try {
        await fs.copyFile(path.join(src, e.rel), target, fs.constants.COPYFILE_EXCL);
        added.push(e.rel);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    return undefined;
  });
  return added;
}
