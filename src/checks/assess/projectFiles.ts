// The files of a learner's project that an assessment reads: the one folder walk
// (core/folderWalk.ts: environments, caches and .git left out), less what the project's
// .gitignore files and a .upskillignore name. Nothing here writes into the project; a scratch
// copy of its files is where its tests and workflows run.

import { promises as fs } from 'fs';
import * as path from 'path';
import { walkFolder } from '../../core/folderWalk';
import { globRegExp } from '../dockerignore';

interface IgnoreRule {
  /** The folder (slash path, '' for the root) whose ignore file holds the rule. */
  readonly base: string;
  readonly re: RegExp;
  readonly negated: boolean;
  readonly dirOnly: boolean;
}

/** One gitignore pattern as a regular expression over a slash path relative to `base`. */
export function ignorePattern(line: string, base = ''): IgnoreRule | undefined {
  let p = line.replace(/(?<!\\)\s+$/, '');
  if (!p || p.startsWith('#')) return undefined;
  const negated = p.startsWith('!');
  if (negated) p = p.slice(1);
  p = p.replace(/^\\([#!])/, '$1');
  const dirOnly = p.endsWith('/');
  if (dirOnly) p = p.replace(/\/+$/, '');
  // A pattern with a slash before its end is anchored to its file's folder; one without matches at any depth.
  const anchored = p.includes('/');
  p = p.replace(/^\//, '');
  // The same glob language as .dockerignore's (`**`, `*`, `?`, classes, escapes).
  const re = p ? globRegExp(p).source.slice(1, -1) : '';
  if (!re) return undefined;
  return { base, re: new RegExp(`^${anchored ? '' : '(?:.*/)?'}${re}$`), negated, dirOnly };
}

/** The rules of one ignore file's text. */
export function ignoreRules(text: string, base = ''): IgnoreRule[] {
  return text.split(/\r?\n/).flatMap((l) => ignorePattern(l, base) ?? []);
}

/** Whether `rel` (a slash path) is ignored: the last rule that matches wins, as in git. */
export function isIgnored(rules: readonly IgnoreRule[], rel: string, isDir: boolean): boolean {
  let ignored = false;
  for (const r of rules) {
    if (r.dirOnly && !isDir) continue;
    if (r.base && !rel.startsWith(`${r.base}/`)) continue;
    const sub = r.base ? rel.slice(r.base.length + 1) : rel;
    if (r.re.test(sub)) ignored = !r.negated;
  }
  return ignored;
}

export interface ProjectFiles {
  /** Slash paths relative to the root, sorted. */
  readonly files: readonly string[];
  /** Folders left out by name or as environments, and by the ignore files. */
  readonly skipped: readonly string[];
  /** Folders that could not be read. */
  readonly unreadable: readonly string[];
}

const slash = (p: string) => p.split(path.sep).join('/');

/** Files listed between two calls of `projectFiles`' `listed` callback. */
export const LISTED_EVERY = 500;

/**
 * The project's files. Ignore files are read as the walk reaches them, so a folder's
 * .gitignore applies beneath it; an ignored folder is not entered at all. Each folder is
 * read once; a cancel stops the walk at the next entry. `listed` is told the count every
 * LISTED_EVERY files, for a progress bar.
 */
export async function projectFiles(root: string, signal?: AbortSignal, listed?: (files: number) => void): Promise<ProjectFiles> {
  const rules: IgnoreRule[] = [];
  const readRules = async (dir: string) => {
    for (const name of ['.gitignore', '.upskillignore']) {
      const text = await fs.readFile(path.join(root, dir, name), 'utf8').catch(() => undefined);
      if (text !== undefined) rules.push(...ignoreRules(text, slash(dir)));
    }
  };
  await readRules('');
  const files: string[] = [];
  const skipped: string[] = [];
  const unreadable: string[] = [];
  await walkFolder(
    root,
    async (e) => {
      if (signal?.aborted) return 'prune';
      const rel = slash(e.rel);
      if (e.kind === 'skipped') {
        if (e.name !== '.git') skipped.push(rel);
        return undefined;
      }
      if (isIgnored(rules, rel, e.kind === 'dir')) {
        if (e.kind === 'dir') skipped.push(rel);
        return 'prune';
      }
      if (e.kind === 'dir') await readRules(e.rel);
      else if (e.kind === 'file') {
        files.push(rel);
        if (files.length % LISTED_EVERY === 0) listed?.(files.length);
      }
      return undefined;
    },
    { unreadable: 'skip', onUnreadable: (rel) => unreadable.push(slash(rel)) },
  );
  return { files: files.sort(), skipped, unreadable };
}

/** Copies `files` (slash paths relative to `abs`) into `dest`; a file that cannot be read since the listing is left out. */
export async function scratchCopy(abs: string, files: readonly string[], dest: string): Promise<void> {
  for (const f of files) {
    const to = path.join(dest, ...f.split('/'));
    await fs.mkdir(path.dirname(to), { recursive: true });
    await fs.copyFile(path.join(abs, ...f.split('/')), to).catch(() => undefined);
  }
}
