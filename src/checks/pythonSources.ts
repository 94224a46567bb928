// The learner's Python files that a check reads, and the exercise bans on comments that
// silence a tool (`# type: ignore`, `# noqa`) or on explicit `Any`. Shared by mypy and Ruff.

import { promises as fs } from 'fs';
import * as path from 'path';
import { inside } from '../core/paths';
import type { CheckContext, Finding } from './types';

export async function pythonFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (e.name.startsWith('.') || e.name === '__pycache__' || e.name === 'node_modules' || e.name === 'venv') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await pythonFiles(p)));
    else if (e.isFile() && e.name.endsWith('.py')) out.push(p);
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

/** Strips a trailing comment and string literals so a ban on `Any` ignores prose. */
function codeOnly(line: string): string {
  return line.replace(/(["'])(?:\\.|(?!\1).)*\1/g, '""').replace(/#.*$/, '');
}

export function findForbidden(file: string, text: string, bans: { typeIgnore?: boolean; any?: boolean; noqa?: boolean }): Finding[] {
  const out: Finding[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const at = (col: number, message: string, code: string): Finding => ({ file, line: i + 1, column: col + 1, severity: 'error', message, source: 'upskill', code });
    if (bans.typeIgnore) {
      const m = /#\s*type:\s*ignore/.exec(line);
      if (m) out.push(at(m.index, 'This exercise does not allow "# type: ignore": fix the type instead of silencing mypy.', 'no-type-ignore'));
    }
    if (bans.noqa) {
      const m = /#\s*noqa\b/i.exec(line);
      if (m) out.push(at(m.index, 'This exercise does not allow "# noqa": fix the finding instead of silencing Ruff.', 'no-noqa'));
    }
    if (bans.any) {
      const m = /\bAny\b/.exec(codeOnly(line));
      if (m) out.push(at(m.index, 'This exercise does not allow explicit Any: name the real type (a union, a TypeVar, object, or a Protocol).', 'no-any'));
    }
  });
  return out;
}
