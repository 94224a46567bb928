// Files Upskill ships under resources/ (the run supervisor, Python helpers), found at run
// time without VS Code: the checks run from dist/checks.js in the extension, from
// out/curriculum/validate.js in the content validator and from out/unit/** in unit tests,
// so the folder is looked up from the running bundle's own folder, a few levels at most.

import { existsSync } from 'fs';
import * as path from 'path';

const found = new Map<string, string | undefined>();

/** The absolute path of `resources/<parts…>`, or undefined when this install has no such file. */
export function resourceFile(...parts: string[]): string | undefined {
  const key = parts.join('/');
  if (found.has(key)) return found.get(key);
  let hit: string | undefined;
  let dir = __dirname;
  for (let level = 0; level < 5 && !hit; level++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'resources', ...parts);
    if (existsSync(candidate)) hit = candidate;
  }
  found.set(key, hit);
  return hit;
}
