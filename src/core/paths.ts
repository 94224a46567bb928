// The one rule for paths that must stay inside a folder: paths written in content (a
// starter, a check's targets) and files of a learner's exercise folder. Lexical and the
// same on every platform, because content written on Linux is read on Windows too. For
// paths that exist, `isInsideReal` applies the same rule after following symbolic links.

import { promises as fs } from 'fs';
import * as path from 'path';

/** Why `rel` is not a relative path that stays inside its folder, or undefined when it is. */
export function unsafePathReason(rel: string): string | undefined {
  // Absolute in either family: POSIX "/x"; Windows "C:\x", UNC "\\server\share" and rooted
  // "\x"; and drive-relative "C:x", which is relative to that drive's folder, not to ours.
  if (path.posix.isAbsolute(rel) || path.win32.isAbsolute(rel) || /^[a-zA-Z]:/.test(rel)) {
    return `"${rel}" is an absolute path; use a path relative to the exercise folder`;
  }
  if (rel.split(/[\\/]/).includes('..')) return `"${rel}" leaves the exercise folder ("..")`;
  return undefined;
}

/** The platform's path functions this file needs; tests pass `path.win32` or `path.posix` to try the other family. */
export type PathFlavour = Pick<typeof path, 'join' | 'relative'>;

/** `rel` joined to `base`; throws when `rel` would leave `base`. */
export function inside(base: string, rel: string, what: string, flavour: PathFlavour = path): string {
  if (unsafePathReason(rel) !== undefined) throw new Error(`${what} "${rel}" must be a relative path inside ${base}.`);
  return flavour.join(base, rel);
}

/**
 * True when the absolute path `child` is `parent` or below it. Symbolic links are not
 * followed. On Windows another drive or UNC share is never inside (the relative path is then
 * absolute), and letters' case does not matter, as for Windows itself.
 */
export function isInside(parent: string, child: string, flavour: PathFlavour = path): boolean {
  return unsafePathReason(flavour.relative(parent, child)) === undefined;
}

/**
 * `isInside` after following symbolic links in both paths, so a link inside `parent` that
 * points elsewhere is outside. False when either path does not exist.
 */
export async function isInsideReal(parent: string, child: string, realpath: (p: string) => Promise<string> = fs.realpath): Promise<boolean> {
  try {
    const [realParent, realChild] = await Promise.all([realpath(parent), realpath(child)]);
    return isInside(realParent, realChild);
  } catch {
    return false;
  }
}
