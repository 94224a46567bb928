// Shipped content is parsed, validated and linked when the extension is built (esbuild.js
// calls buildSnapshot and stops the build on any error), and ships as a JSON snapshot of its
// parsed files. Loading the snapshot skips the YAML parser, the schema and the file checks
// (that each exercise's files exist and stay in its folder), which the build has done.
// Workspace content and the content validator still read and check every file.

import { promises as fs } from 'fs';
import * as path from 'path';
import type { ContentError, ContentSource } from '../model';
import type { ParsedFile } from './parse';
import type { RawContentFile } from './raw';

export const SNAPSHOT_VERSION = 1;

/** Where the build writes the snapshot of the content under `<extension root>/resources/content`. */
export function snapshotFile(extensionRoot: string): string {
  return path.join(extensionRoot, 'dist', 'content-snapshot.json');
}

export interface SnapshotFile {
  /** Relative to the content root, with '/' separators. */
  readonly rel: string;
  readonly data: RawContentFile;
  /** Line and column of each track, skill and exercise (and its id), by path ('exercises/3/id'). */
  readonly at: Record<string, [number, number]>;
}

export interface ContentSnapshot {
  readonly v: number;
  readonly files: readonly SnapshotFile[];
}

const ITEM_KINDS = ['tracks', 'skills', 'exercises'] as const;

/** The snapshot of parsed files, or the errors that keep them from being shipped. */
export function makeSnapshot(root: string, parsed: readonly ParsedFile[], linkErrors: readonly ContentError[]): { snapshot?: ContentSnapshot; errors: ContentError[] } {
  const errors = [...parsed.flatMap((p) => p.errors), ...linkErrors];
  if (errors.length) return { errors };
  const files = parsed.map((p): SnapshotFile => {
    const data = p.data ?? {};
    const at: Record<string, [number, number]> = {};
    for (const kind of ITEM_KINDS) {
      data[kind]?.forEach((_, i) => {
        for (const where of [[kind, i], [kind, i, 'id']]) {
          const pos = p.locate(where);
          at[where.join('/')] = [pos.line, pos.column];
        }
      });
    }
    return { rel: path.relative(root, p.file).split(path.sep).join('/'), data, at };
  });
  return { snapshot: { v: SNAPSHOT_VERSION, files }, errors: [] };
}

/** The snapshot at `file`, or undefined when it is missing or of another version (the files are then read instead). */
export async function readSnapshot(file: string): Promise<ContentSnapshot | undefined> {
  let value: unknown;
  try {
    value = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
  const s = value as Partial<ContentSnapshot> | null;
  return s && s.v === SNAPSHOT_VERSION && Array.isArray(s.files) ? (s as ContentSnapshot) : undefined;
}

/** The snapshot's files as parsed files of `source`, marked as checked when built. */
export function snapshotFiles(snapshot: ContentSnapshot, source: ContentSource): ParsedFile[] {
  return snapshot.files.map((f) => ({
    file: path.join(source.root, ...f.rel.split('/')),
    source,
    data: f.data,
    errors: [],
    verified: true,
    locate: (where) => {
      for (let n = where.length; n > 0; n--) {
        const pos = f.at[where.slice(0, n).join('/')];
        if (pos) return { line: pos[0], column: pos[1] };
      }
      return { line: 1, column: 1 };
    },
  }));
}
