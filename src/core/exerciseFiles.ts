// File operations on a learner's exercise folder. Nothing here overwrites a learner's file:
// starting copies only into a new folder, and reset first keeps a timestamped backup.

import { promises as fs } from 'fs';
import * as path from 'path';
import { copyMissing } from './folderWalk';
import { isInside } from './paths';

export { copyMissing, listFiles } from './folderWalk';

export async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}

export function timestamp(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
}

/**
 * Copies the whole folder (hidden files and .git included) to `<backupsRoot>/<id>-<stamp>`
 * and returns that path. Throws if the copy fails, so that a reset never goes ahead without it.
 */
export async function backupFolder(folder: string, backupsRoot: string, id: string, now: Date): Promise<string> {
  let target = path.join(backupsRoot, `${id}-${timestamp(now)}`);
  for (let i = 2; await exists(target); i++) target = path.join(backupsRoot, `${id}-${timestamp(now)}-${i}`);
  await fs.mkdir(backupsRoot, { recursive: true });
  await fs.cp(folder, target, { recursive: true, errorOnExist: true, force: false, preserveTimestamps: true });
  return target;
}

/**
 * Empties `folder` and copies the starter back. Files in `keep` (paths relative to
 * `folder`, e.g. open in an editor) are left for the caller to restore.
 */
export async function restoreStarter(folder: string, starter: string, keep: ReadonlySet<string> = new Set()): Promise<void> {
  await removeAllBut(folder, keep, folder);
  await copyMissing(starter, folder);
}

async function removeAllBut(dir: string, keep: ReadonlySet<string>, base: string): Promise<void> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    const rel = path.relative(base, p);
    if (keep.has(rel)) continue;
    const holdsKept = entry.isDirectory() && [...keep].some((k) => isInside(p, path.join(base, k)));
    if (holdsKept) await removeAllBut(p, keep, base);
    else await fs.rm(p, { recursive: true, force: true });
  }
}
