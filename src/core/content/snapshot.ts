// Shipped content is parsed, validated and linked when the extension is built (esbuild.js
// calls buildSnapshot and stops the build on any error), and ships as a JSON snapshot of its
// parsed files and of the catalog linked from them. Loading the snapshot skips the YAML
// parser, the schema and the file checks (that each exercise's files exist and stay in its
// folder), which the build has done; and when no other content is found, linking too: the
// catalog is the build's, its paths made absolute. Workspace content and the content
// validator still read and check every file.

import { readFileSync } from 'fs';
import * as path from 'path';
import type { Catalog, ContentError, ContentSource, Exercise, Skill, Track } from '../model';
import type { ParsedFile } from './parse';
import type { RawContentFile } from './raw';

export const SNAPSHOT_VERSION = 2;

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

/** Where an item came from, relative to the content root with '/' separators, in place of `source` and absolute paths. */
type Rooted<T, Paths extends keyof T> = Omit<T, 'source' | Paths> & { readonly [K in Paths]: string };

/** An exercise's fields that link copies from its file as they are: the snapshot keeps them once, in `files`. */
type FromFile = 'why' | 'checks' | 'hints' | 'cheats' | 'honest';

/** A linked exercise without the fields it took from its file, and where that file's item is: [file, index]. */
type SnapshotExercise = Omit<Rooted<Exercise, 'file' | 'dir'>, FromFile> & { readonly raw: readonly [number, number] };

/** The catalog the build linked from the files, with paths relative to the content root. */
export interface SnapshotCatalog {
  readonly tracks: readonly Rooted<Track, 'file'>[];
  readonly skills: readonly Rooted<Skill, 'file'>[];
  readonly exercises: readonly SnapshotExercise[];
}

export interface ContentSnapshot {
  readonly v: number;
  readonly files: readonly SnapshotFile[];
  readonly catalog: SnapshotCatalog;
}

const ITEM_KINDS = ['tracks', 'skills', 'exercises'] as const;

/** The snapshot of parsed files and the catalog linked from them, or the errors that keep them from being shipped. */
export function makeSnapshot(root: string, parsed: readonly ParsedFile[], linked: Catalog): { snapshot?: ContentSnapshot; errors: ContentError[] } {
  const errors = [...parsed.flatMap((p) => p.errors), ...linked.errors];
  if (errors.length) return { errors };
  // Where each exercise id is first defined (the definition link kept).
  const rawAt = new Map<string, [number, number]>();
  parsed.forEach((p, f) => p.data?.exercises?.forEach((e, i) => void (rawAt.has(e.id) || rawAt.set(e.id, [f, i]))));
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
    return { rel: rel(root, p.file), data, at };
  });
  const catalog: SnapshotCatalog = {
    tracks: linked.tracks.map(({ source: _, ...t }) => ({ ...t, file: rel(root, t.file) })),
    skills: [...linked.skills.values()].map(({ source: _, ...s }) => ({ ...s, file: rel(root, s.file) })),
    exercises: [...linked.exercises.values()].map(({ source: _, why: _w, checks: _c, hints: _h, cheats: _ch, honest: _ho, ...e }): SnapshotExercise => {
      const raw = rawAt.get(e.id);
      if (!raw) throw new Error(`exercise "${e.id}" was linked from no file`);
      return { ...e, file: rel(root, e.file), dir: rel(root, e.dir), raw };
    }),
  };
  return { snapshot: { v: SNAPSHOT_VERSION, files, catalog }, errors: [] };
}

function rel(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/**
 * `rel` (relative, '/'-separated and normalized, as makeSnapshot wrote it) under `root`. Put
 * together by hand: on a cold start path.join's normalizing took most of the time of
 * taking the snapshot's catalog (some 7 ms for its 200 paths).
 */
function under(root: string, rel: string): string {
  if (!rel) return root;
  const native = path.sep === '/' ? rel : rel.split('/').join(path.sep);
  return root.endsWith(path.sep) ? root + native : root + path.sep + native;
}

/** The build's catalog as the catalog of `source`: what linking the snapshot's files alone gives. */
export function snapshotCatalog(snapshot: ContentSnapshot, source: ContentSource): Catalog {
  const abs = (r: string) => under(source.root, r);
  const { tracks, skills, exercises } = snapshot.catalog;
  return {
    tracks: tracks.map((t) => ({ ...t, source, file: abs(t.file) })),
    skills: new Map(skills.map((s) => [s.id, { ...s, source, file: abs(s.file) }])),
    exercises: new Map(
      exercises.map(({ raw: [f, i], ...e }) => {
        // As link's exerciseFields takes them from the raw exercise.
        const r = snapshot.files[f].data.exercises![i];
        const fromFile = { why: r.why, checks: r.checks, hints: r.hints ?? [], cheats: r.cheats ?? [], honest: r.honest ?? [] };
        return [e.id, { ...e, ...fromFile, source, file: abs(e.file), dir: abs(e.dir) }];
      }),
    ),
    errors: [],
  };
}

/** The snapshot at `file`, or undefined when it is missing or of another version (the files are then read instead). */
export async function readSnapshot(file: string): Promise<ContentSnapshot | undefined> {
  let value: unknown;
  try {
    // One synchronous read (well under a millisecond, once per extension host): it costs a
    // cold start less than the promise API's file handle and chunked reads.
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  const s = value as Partial<ContentSnapshot> | null;
  return s && s.v === SNAPSHOT_VERSION && Array.isArray(s.files) && Array.isArray(s.catalog?.exercises) ? (s as ContentSnapshot) : undefined;
}

/** The snapshot's files as parsed files of `source`, marked as checked when built. */
export function snapshotFiles(snapshot: ContentSnapshot, source: ContentSource): ParsedFile[] {
  return snapshot.files.map((f) => ({
    file: under(source.root, f.rel),
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
