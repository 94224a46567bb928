// Loading a catalog from its sources. Shipped content may come from the snapshot the build
// made (snapshot.ts); everything else is read and parsed here. The parser (the YAML library,
// the JSON Schema and its validator) is passed in as a function that loads it, so a catalog
// that needs no parsing, the shipped content alone, never loads it.

import type { Catalog, ContentSource } from '../model';
import type { ContentFs } from './fs';
import { link } from './link';
import type { ParsedFile } from './parse';
import { type ContentSnapshot, snapshotCatalog, snapshotFiles } from './snapshot';

export { nodeContentFs } from './fs';
export { readSnapshot, snapshotFile } from './snapshot';

export type ContentParser = (file: string, text: string, source: ContentSource) => ParsedFile;

export interface LoadOptions {
  /** Loads the parser the first time a file needs parsing. */
  readonly parser: () => ContentParser | Promise<ContentParser>;
  /** Shipped content, already parsed and checked: used for the builtin source in place of its files. */
  readonly snapshot?: ContentSnapshot;
}

export async function loadCatalogWith(sources: readonly ContentSource[], fs: ContentFs, opts: LoadOptions): Promise<Catalog> {
  const parsed = await readSources(sources, fs, opts);
  // Shipped content alone (no other source has a file): the build linked it already.
  const builtin = sources.find((s) => s.kind === 'builtin');
  if (opts.snapshot && builtin && parsed.every((p) => p.source === builtin)) return snapshotCatalog(opts.snapshot, builtin);
  const linked = await link(parsed, fs);
  return { ...linked, errors: [...parsed.flatMap((p) => p.errors), ...linked.errors] };
}

/** Every content file of every source, parsed, in source order. */
export async function readSources(sources: readonly ContentSource[], fs: ContentFs, opts: LoadOptions): Promise<ParsedFile[]> {
  return (await Promise.all(sources.map((source) => readSource(source, fs, opts)))).flat();
}

async function readSource(source: ContentSource, fs: ContentFs, opts: LoadOptions): Promise<ParsedFile[]> {
  if (source.kind === 'builtin' && opts.snapshot) return snapshotFiles(opts.snapshot, source);
  const files = await fs.listContentFiles(source.root);
  if (!files.length) return [];
  // Read in parallel, then parse in order: the first definition of an id is the one that counts.
  const texts = await Promise.all(files.map((file) => fs.readFile(file).then((text) => ({ text }), (e: Error) => ({ error: e.message }))));
  const parse = await opts.parser();
  return files.map((file, i) => {
    const read = texts[i];
    if ('text' in read) return parseContentFile(parse, file, read.text, source);
    return { file, source, errors: [{ file, line: 1, column: 1, source, message: `could not read the file: ${read.error}` }], locate: () => ({ line: 1, column: 1 }) };
  });
}

/** The parser reports problems as errors; one that throws is a bug, and it still becomes an error at the file. */
function parseContentFile(parse: ContentParser, file: string, text: string, source: ContentSource): ParsedFile {
  try {
    return parse(file, text, source);
  } catch (e) {
    return { file, source, errors: [{ file, line: 1, column: 1, source, message: `the file could not be read as content: ${(e as Error).message}` }], locate: () => ({ line: 1, column: 1 }) };
  }
}
