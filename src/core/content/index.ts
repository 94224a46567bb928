// Content loading: every content file of every source, parsed with positions, validated
// against the JSON Schema, and linked into one catalog. Errors never throw: they come back
// in `catalog.errors`, each with its file, line and column. This module carries the parser;
// the extension loads shipped content through load.ts and brings this in only when a file
// needs parsing.

import type { Catalog, ContentError, ContentSource } from '../model';
import type { ContentFs } from './fs';
import { link } from './link';
import { loadCatalogWith, readSources } from './load';
import { parseContentFile } from './parse';
import type { ParseCache } from './parseCache';
import { type ContentSnapshot, makeSnapshot } from './snapshot';

export { type ContentFs, listContentFiles, nodeContentFs } from './fs';
export { parseContentFile } from './parse';
export { fileParseCache } from './parseCache';

export function loadCatalog(sources: readonly ContentSource[], fs: ContentFs, opts: { cache?: ParseCache } = {}): Promise<Catalog> {
  return loadCatalogWith(sources, fs, { parser: () => parseContentFile, cache: opts.cache });
}

/** Parses and links the shipped content under `root` for the build: a snapshot, or the errors that stop the build. */
export async function buildSnapshot(root: string, fs: ContentFs): Promise<{ snapshot?: ContentSnapshot; errors: ContentError[] }> {
  const source: ContentSource = { kind: 'builtin', root, label: 'Upskill', trusted: true };
  const parsed = await readSources([source], fs, { parser: () => parseContentFile });
  const linked = await link(parsed, fs);
  return makeSnapshot(root, parsed, linked);
}
