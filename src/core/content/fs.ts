// File access for the loader, behind a small interface so tests can fake it. Node's fs is
// fine in core; VS Code's API is not.

import { promises as fs } from 'fs';
import * as path from 'path';
import { walkFolder } from '../folderWalk';

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
  await walkFolder(
    root,
    (e) => {
      const depth = e.rel.split(path.sep).length - 1;
      // Hidden folders hold an exercise's own files (a starter's .github), never content.
      if (e.kind === 'dir') return e.name.startsWith('.') || depth >= 8 ? 'prune' : undefined;
      if (e.kind === 'file' && YAML.test(e.name) && (depth === 0 || EXERCISE_FILE.test(e.name))) out.push(path.join(root, e.rel));
      return undefined;
    },
    { unreadable: 'skip' },
  );
  return out.sort();
}

export const nodeContentFs: ContentFs = {
  readFile: (file) => fs.readFile(file, 'utf8'),
  listContentFiles,
  isFile: async (file) => (await fs.stat(file).catch(() => undefined))?.isFile() ?? false,
  isDirectory: async (dir) => (await fs.stat(dir).catch(() => undefined))?.isDirectory() ?? false,
  realpath: (file) => fs.realpath(file),
};
