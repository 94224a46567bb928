// Hermetic runs: every check runs in a scratch copy of the learner's files, in Upskill's own
// storage, so that nothing a check does (writing a seeded bug, a hidden test, a tool cache)
// can touch the learner's folder or anything outside it.
//
// Symlinks are never followed, while copying or writing:
//  - a link whose target stays inside the learner's folder is recreated in the copy with a
//    relative target, so it resolves inside the copy;
//  - a link that leaves the folder (or dangles, or loops) is refused for an exercise
//    folder, with a message naming it: a check that followed it could read, or a tool
//    could write, the learner's real project. Copying the linked file in is the fix. In
//    "apply to your project" checks such links are left out of the copy, and so are files
//    over 10 MB (data, models) outside .git, and the log says so.
// Copying the file a link points to instead would hide that the learner's folder is not
// what the check saw; refusing is the honest answer.
//
// Folders that hold environments or tool state are left out (.venv, venv, node_modules,
// caches, and any folder with a pyvenv.cfg or conda-meta: see core/folderWalk.ts) and so is
// .git unless a check needs it: code moved there is not imported in the copy, so it cannot
// escape lint or typing either. So are compiled files Python would import without their
// source (a stray .pyc; in exercises, native modules too): what runs in the copy is only
// what the analysers read.

import { randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { copyMissing, FolderWalkError, listFiles, walkFolder } from '../core/folderWalk';
import { isInside, unsafePathReason } from '../core/paths';
/** A check refuses a folder larger than this rather than copying it. */
export const COPY_LIMITS = { files: 20_000, bytes: 256 * 1024 * 1024 };
/** In "apply to your project" checks, files larger than this (data, models) are left out of the copy, except under .git. */
export const PROJECT_FILE_LIMIT = 10 * 1024 * 1024;

/** The learner's folder holds something a check will not run on; the message says what to do. */
export class RefusedInput extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedInput';
  }
}

/** Upskill's own storage: the extension's global storage, or a per-user folder in the temp dir. */
export function storageRoot(storageDir: string | undefined): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  return storageDir ?? path.join(os.tmpdir(), `upskill-${uid}`);
}

/** A folder name that is safe for any exercise id. */
export function safeName(id: string): string {
  return id.replace(/[^\w.-]/g, '_').slice(0, 100) || 'exercise';
}

export interface Scratch {
  /** The copy: checks run here. */
  readonly dir: string;
  /** Notes for the log: what was left out and why. */
  readonly notes: readonly string[];
  /** Removes the copy and frees the folder for the next run. */
  release(): Promise<void>;
}

export interface ScratchOptions {
  /** Upskill's storage root (see storageRoot). */
  readonly storage: string;
  readonly exerciseId: string;
  /** Copy .git too (the git check reads the history). */
  readonly includeGit: boolean;
  /** "Apply to your project": links that leave the folder are left out instead of refused. */
  readonly project: boolean;
}

/** True for `.git` and anything below it (relative to the copied folder). */
function isGitPath(rel: string): boolean {
  return rel.split(/[\\/]/)[0] === '.git';
}

/** Code Python runs without its source beside it, so no analyser could read it. */
function compiledCode(name: string, project: boolean): boolean {
  // Bytecode outside __pycache__ is imported without a source; native modules are an
  // exercise's cheat, but a project's own build (Cython in place) may need them.
  return /\.py[co]$/i.test(name) || (!project && /\.(so|pyd)$/i.test(name));
}

async function pidAlive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the exercise's own scratch folder, `<storage>/scratch/<id>/work`, when no other run
 * holds it: a stable path keeps tool caches (mypy's) valid from one check to the next. A run
 * that finds it taken (another window checking the same exercise) uses a folder of its own.
 */
async function claim(base: string): Promise<{ dir: string; unlock: () => Promise<void> }> {
  await fs.mkdir(base, { recursive: true });
  const lock = path.join(base, 'lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(lock, String(process.pid), { flag: 'wx' });
      return { dir: path.join(base, 'work'), unlock: () => fs.rm(lock, { force: true }) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(await fs.readFile(lock, 'utf8').catch(() => ''));
      const stale = !holder || (holder !== process.pid && !(await pidAlive(holder)));
      if (!stale) break;
      await fs.rm(lock, { force: true });
    }
  }
  return { dir: path.join(base, `run-${randomBytes(6).toString('hex')}`), unlock: async () => undefined };
}

/** Copies the learner's folder into a fresh scratch folder; see the file comment for the rules. */
export async function makeScratch(learnerDir: string, opts: ScratchOptions): Promise<Scratch> {
  const base = path.join(opts.storage, 'scratch', safeName(opts.exerciseId));
  const { dir, unlock } = await claim(base);
  const release = async () => {
    await fs.rm(dir, { recursive: true, force: true });
    await unlock();
  };
  try {
    await fs.rm(dir, { recursive: true, force: true });
    await fs.mkdir(dir, { recursive: true });
    const notes = await copyTree(learnerDir, dir, opts);
    return { dir, notes, release };
  } catch (e) {
    await release();
    throw e;
  }
}

async function copyTree(from: string, to: string, opts: ScratchOptions): Promise<string[]> {
  const root = await fs.realpath(from);
  const notes: string[] = [];
  const outside: string[] = [];
  const large: string[] = [];
  const compiled: string[] = [];
  const seenSkipped = new Set<string>();
  let files = 0;
  let bytes = 0;
  let gitBytes = 0;
  const visit = async (e: { rel: string; name: string; kind: string }): Promise<void> => {
    const r = e.rel;
    const src = path.join(root, r);
    const dest = path.join(to, r);
    if (e.kind === 'skipped') {
      seenSkipped.add(e.name);
    } else if (e.kind === 'dir') {
      await fs.mkdir(dest);
    } else if (e.kind === 'link') {
      const target = await fs.readlink(src);
      const resolved = await fs.realpath(src).catch(() => undefined);
      if (resolved === undefined || !isInside(root, resolved)) {
        outside.push(`${r} → ${target}`);
        return;
      }
      // Same place, relative to the copy: it resolves inside the copy, never back out.
      await fs.symlink(path.relative(path.dirname(path.join(root, r)), resolved) || '.', dest);
    } else if (e.kind === 'file') {
      if (compiledCode(e.name, opts.project) && !isGitPath(r)) {
        compiled.push(r);
        return;
      }
      const st = await fs.lstat(src);
      // A repository's own files are never left out: without a large pack file, git
      // would read a history with holes in it.
      if (opts.project && st.size > PROJECT_FILE_LIMIT && !isGitPath(r)) {
        large.push(r);
        return;
      }
      files += 1;
      bytes += st.size;
      if (isGitPath(r)) gitBytes += st.size;
      if (files > COPY_LIMITS.files || bytes > COPY_LIMITS.bytes) {
        // Say where the bulk is: a repository's history (.git) cannot be moved out like data can.
        const git = gitBytes > bytes / 2 ? ` Most of it (${Math.round(gitBytes / 1024 / 1024)} MB) is the git history in .git: a shallow clone (git clone --depth 1) of the project is small enough.` : '';
        throw new RefusedInput(
          `Your folder holds more than ${COPY_LIMITS.files} files or ${COPY_LIMITS.bytes / 1024 / 1024} MB besides environments, so Upskill did not copy it to check it.${git} ` +
            `Move large data or build output out of it (a virtual environment in .venv or venv is left out automatically).`,
        );
      }
      await fs.copyFile(src, dest, fs.constants.COPYFILE_EXCL);
      // Same times as the learner's file, so tool caches keyed on them stay valid.
      await fs.utimes(dest, st.atime, st.mtime);
    }
    // Sockets, fifos and devices are not copied.
  };
  try {
    await walkFolder(root, visit, { keep: opts.includeGit ? ['.git'] : [] });
  } catch (e) {
    if (!(e instanceof FolderWalkError)) throw e;
    throw new RefusedInput(`Upskill could not read ${e.rel || 'your exercise folder'} (${e.code}); check its permissions.`);
  }
  if (outside.length && !opts.project) {
    throw new RefusedInput(
      `Your folder has ${outside.length === 1 ? 'a symbolic link' : 'symbolic links'} pointing outside it (${outside.slice(0, 3).join(', ')}${outside.length > 3 ? ', …' : ''}). ` +
        `Checks never follow links out of the exercise folder, so that they cannot read or change your other files: copy the file in instead of linking it.`,
    );
  }
  if (outside.length) notes.push(`Left out ${outside.length} symbolic link(s) pointing outside the folder: ${outside.slice(0, 3).join(', ')}.`);
  if (large.length) notes.push(`Left out ${large.length} file(s) over ${PROJECT_FILE_LIMIT / 1024 / 1024} MB (data and models are not checked): ${large.slice(0, 3).join(', ')}${large.length > 3 ? ', …' : ''}.`);
  if (compiled.length) notes.push(`Left out ${compiled.length} compiled file(s) that Python would run without their source, so no check could read them: ${compiled.slice(0, 3).join(', ')}${compiled.length > 3 ? ', …' : ''}.`);
  if (seenSkipped.size) notes.push(`Left out ${[...seenSkipped].sort().join(', ')} (environments and caches are not part of your work).`);
  return notes;
}

/**
 * Writes `data` at `rel` under `root` as a new file: an existing file or link there is
 * removed first, and every folder on the way must be a real folder (a link is replaced by
 * one), so the write can never land outside `root`. For scratch copies only.
 */
export async function writeFresh(root: string, rel: string, data: string | Buffer): Promise<string> {
  if (unsafePathReason(rel) !== undefined) throw new Error(`"${rel}" must be a relative path inside ${root}.`);
  const parts = rel.split(/[\\/]/).filter(Boolean);
  let dir = root;
  for (const part of parts.slice(0, -1)) {
    dir = path.join(dir, part);
    const st = await fs.lstat(dir).catch(() => undefined);
    if (st && !st.isDirectory()) await fs.rm(dir, { force: true });
    if (!st || !st.isDirectory()) await fs.mkdir(dir);
  }
  const file = path.join(root, ...parts);
  await fs.rm(file, { recursive: true, force: true });
  await fs.writeFile(file, data, { flag: 'wx' });
  return file;
}

/** Copies files from `src` into the learner's folder where nothing exists yet; see core/folderWalk.ts. */
export const revealMissing = copyMissing;

/** Relative paths of the regular files under `dir` (links and skipped folders left out; an unreadable folder adds nothing). */
export function filesUnder(dir: string): Promise<string[]> {
  return listFiles(dir, { unreadable: 'skip' });
}
