// File access for the loader, behind a small interface so tests can fake it. Node's fs is
// fine in core; VS Code's API is not.

import { type Dirent, promises as fs } from 'fs';
import * as path from 'path';

export interface ContentFs {
  readFile(file: string): Promise<string>;
  /** Absolute paths of the content files under `root`, sorted; [] if `root` does not exist. */
  listContentFiles(root: string): Promise<string[]>;
  isFile(file: string): Promise<boolean>;
  isDirectory(dir: string): Promise<boolean>;
  /** The path with every symbolic link followed; rejects when it does not exist. */
  realpath(file: string): Promise<string>;
}

const YAML = /\.ya?ml$/i;
const EXERCISE_FILE = /^exercise\.ya?ml$/i;

/**
 * Content files are the YAML files at the top of a content folder and every
 * `exercise.yaml` below it. Other YAML below (a starter's CI workflow, say) belongs to an
 * exercise and is not read as content.
 */
export async function listContentFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && !e.name.startsWith('.') && depth < 8) await walk(p, depth + 1);
      } else if (e.isFile() && YAML.test(e.name) && (depth === 0 || EXERCISE_FILE.test(e.name))) {
        out.push(p);
      }
    }
  };
  await walk(root, 0);
  return out.sort();
}

export const nodeContentFs: ContentFs = {
  readFile: (file) => fs.readFile(file, 'utf8'),
  listContentFiles,
  isFile: async (file) => (await fs.stat(file).catch(() => undefined))?.isFile() ?? false,
  isDirectory: async (dir) => (await fs.stat(dir).catch(() => undefined))?.isDirectory() ?? false,
  realpath: (file) => fs.realpath(file),
};
