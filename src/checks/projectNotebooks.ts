// "Your project" notebook exercises: which of the learner's notebooks import a module of
// their own project, and whether a test of theirs calls what the notebook imports from it.
// The learner's notebooks have names of their own, so the checks find them: every notebook
// of the folder (environments, checkpoints and caches left out, as everywhere) whose code
// cells import a module that is a file or a package of the project.

import { promises as fs } from 'fs';
import * as path from 'path';
import { walkFolder } from '../core/folderWalk';
import { joinCells, NotebookFormatError, parseNotebook } from '../core/notebookCells';
import { patternRegExp } from './workflowFiles';

/** A module of the project, as a notebook imports it. */
export interface ProjectModule {
  /** The dotted name the notebook imports. */
  readonly name: string;
  /** Its file (a .py file, or a package's __init__.py). */
  readonly file: string;
  /** The names the notebook uses from it: `from m import a, b as c` gives a and b; `import m as x` gives every x.attr. */
  readonly used: readonly string[];
}

export interface ProjectNotebook {
  /** Absolute path. */
  readonly notebook: string;
  /** Relative to the project folder, with forward slashes. */
  readonly rel: string;
  readonly modules: readonly ProjectModule[];
}

const isFile = async (p: string) => (await fs.stat(p).catch(() => undefined))?.isFile() ?? false;

/** Where an import of `name` from a notebook in `nbDir` can be a file of the project: beside the notebook, at the root, under src/. */
async function moduleFile(root: string, nbDir: string, name: string): Promise<string | undefined> {
  const rel = name.split('.').join(path.sep);
  for (const base of [...new Set([nbDir, root, path.join(root, 'src')])]) {
    for (const candidate of [path.join(base, `${rel}.py`), path.join(base, rel, '__init__.py')]) {
      if (path.resolve(candidate).startsWith(path.resolve(root) + path.sep) && (await isFile(candidate))) return candidate;
    }
  }
  return undefined;
}

/** The imports of a notebook's code (cells joined, IPython lines made comments), with the names each gives the notebook. */
export function importsOf(source: string): { module: string; names: string[]; alias?: string }[] {
  const out: { module: string; names: string[]; alias?: string }[] = [];
  // One logical line each: a parenthesised `from m import (a,\n b)` joined first.
  const text = source.replace(/\(([^()]*)\)/g, (_m, inner: string) => `(${inner.replace(/\n/g, ' ')})`);
  for (const m of text.matchAll(/^[ \t]*from\s+([\w.]+)\s+import\s+\(?([^)#\n]+)\)?/gm)) {
    const names = m[2].split(',').map((p) => p.trim().split(/\s+as\s+/)[0].trim()).filter((n) => /^\w+$/.test(n));
    out.push({ module: m[1], names });
  }
  for (const m of text.matchAll(/^[ \t]*import\s+([^#\n]+)/gm)) {
    for (const part of m[1].split(',')) {
      const [module, alias] = part.trim().split(/\s+as\s+/).map((s) => s.trim());
      if (/^[\w.]+$/.test(module)) out.push({ module, names: [], alias: alias ?? module });
    }
  }
  return out;
}

/** The attributes a notebook reads from a name it imported a module as (`cl.clip_outliers(...)` gives clip_outliers). */
function attributesOf(source: string, alias: string): string[] {
  const esc = alias.replace(/\./g, '\\.');
  return [...new Set([...source.matchAll(new RegExp(`(?<![\\w.])${esc}\\.(\\w+)`, 'g'))].map((m) => m[1]))];
}

/** The project's notebooks (file names matching `namePattern`) that import a module of the project, sorted by path. */
export async function projectNotebooks(root: string, namePattern = '*.ipynb'): Promise<ProjectNotebook[]> {
  const re = patternRegExp(namePattern);
  const found: string[] = [];
  await walkFolder(root, (e) => void (e.kind === 'file' && e.name.endsWith('.ipynb') && re.test(e.name) && found.push(e.rel)), { unreadable: 'skip' });
  const out: ProjectNotebook[] = [];
  for (const rel of found.sort()) {
    const notebook = path.join(root, rel);
    let source: string;
    try {
      source = joinCells(parseNotebook(await fs.readFile(notebook, 'utf8'), rel)).source;
    } catch (e) {
      if (e instanceof NotebookFormatError) continue;
      throw e;
    }
    const modules: ProjectModule[] = [];
    for (const imp of importsOf(source)) {
      const file = await moduleFile(root, path.dirname(notebook), imp.module);
      if (!file || modules.some((m) => m.name === imp.module)) continue;
      modules.push({ name: imp.module, file, used: imp.alias ? attributesOf(source, imp.alias) : imp.names });
    }
    if (modules.length) out.push({ notebook, rel: rel.split(path.sep).join('/'), modules });
  }
  return out;
}

/** The project's test files (test_*.py, *_test.py), relative, sorted. */
export async function projectTestFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  await walkFolder(root, (e) => void (e.kind === 'file' && /^(test_.*|.*_test)\.py$/.test(e.name) && out.push(e.rel)), { unreadable: 'skip' });
  return out.sort();
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether a test file's text imports `module`, by its dotted name or its last part (`from pkg import module`). */
export function testImports(text: string, module: string): boolean {
  const last = module.split('.').pop() ?? module;
  const imports = new RegExp(`^[ \\t]*(from\\s+[\\w.]*\\b${esc(last)}\\b[\\w.]*\\s+import\\b|import\\s+[\\w.]*\\b${esc(last)}\\b|from\\s+[\\w.]+\\s+import\\s+.*\\b${esc(last)}\\b)`, 'm');
  return imports.test(text.replace(/^[ \t]*#.*$/gm, ''));
}

/** Whether a test file's text imports `module` and calls `fn`. */
export function testCalls(text: string, module: string, fn: string): boolean {
  const code = text.replace(/^[ \t]*#.*$/gm, '');
  // A test that defines its own function of that name tests its copy, not the module's.
  if (new RegExp(`^[ \\t]*(async\\s+)?def\\s+${esc(fn)}\\s*\\(`, 'm').test(code)) return false;
  return testImports(code, module) && new RegExp(`(?<![\\w])${esc(fn)}\\s*\\(`).test(code.replace(/^[ \t]*(from|import)\s.*$/gm, ''));
}
