// The learner's Python files that a check reads: every one the scratch copy holds, through
// the same walk and skip list that made the copy (core/folderWalk.ts), so dot-folders and
// folders shaped like site-packages or __pypackages__ are read too. Tools do not choose:
// mypy skips such folders when it crawls, and Ruff skips them and whatever .gitignore names,
// so both are given this list of files instead of a folder to crawl.

import { promises as fs } from 'fs';
import * as path from 'path';
import { listFiles } from '../core/folderWalk';
import { inside } from '../core/paths';
import type { CheckContext } from './types';

export async function pythonFiles(dir: string, ext = '.py'): Promise<string[]> {
  return (await listFiles(dir, { unreadable: 'skip' })).filter((f) => f.endsWith(ext)).map((f) => path.join(dir, f));
}

/** The files a check's targets name (default "."), folders expanded; targets that do not exist are left out. */
export async function targetFiles(ctx: CheckContext, targets: readonly string[] | undefined): Promise<string[]> {
  const out = new Set<string>();
  for (const t of targets?.length ? targets : ['.']) {
    const abs = inside(ctx.workDir, t, 'target');
    const stat = await fs.stat(abs).catch(() => undefined);
    if (stat?.isDirectory()) for (const f of await pythonFiles(abs)) out.add(f);
    else if (stat?.isFile()) out.add(path.normalize(abs));
  }
  return [...out];
}
