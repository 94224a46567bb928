// Defence in depth: content paths were checked at load time, and are checked again here
// before any file is read, copied or run.

import * as path from 'path';

export function inside(base: string, rel: string, what: string): string {
  if (path.isAbsolute(rel) || rel.split(/[\\/]/).includes('..')) throw new Error(`${what} "${rel}" must be a relative path inside ${base}.`);
  return path.join(base, rel);
}
