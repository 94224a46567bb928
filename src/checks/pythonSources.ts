// The learner's Python files that a check reads (environments and tool caches left out,
// dot-folders kept so that code moved there is still checked). Shared by mypy and Ruff.

import { promises as fs } from 'fs';
import * as path from 'path';
import { inside } from '../core/paths';
import { SKIPPED_FOLDERS } from './scratch';
import type { CheckContext } from './types';

export async function pythonFiles(dir: string, ext = '.py'): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
    // Dot-folders are checked too: code moved there must not escape lint or typing.
    if (SKIPPED_FOLDERS.has(e.name) || e.name === '.git') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await pythonFiles(p, ext)));
    else if (e.isFile() && e.name.endsWith(ext)) out.push(p);
  }
  return out.sort();
}

/** The files a check's targets name (default "."), folders expanded; targets that do not exist are left out. */
export async function targetFiles(ctx: CheckContext, targets: readonly string[] | undefined): Promise<string[]> {
  const out: string[] = [];
  for (const t of targets?.length ? targets : ['.']) {
    const abs = inside(ctx.workDir, t, 'target');
    const stat = await fs.stat(abs).catch(() => undefined);
    if (stat?.isDirectory()) out.push(...(await pythonFiles(abs)));
    else if (stat?.isFile()) out.push(abs);
  }
  return out;
}
