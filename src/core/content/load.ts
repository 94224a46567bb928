// Loading a catalog from its sources. Shipped content may come from the snapshot the build
// made (snapshot.ts); everything else is read and parsed here. The parser (the YAML library,
// the JSON Schema and its validator) is passed in as a function that loads it, so a catalog
// that needs no parsing, the shipped content alone, never loads it; nor does content whose
// files are all in the parse cache, unchanged since they were parsed.

import type { Catalog, ContentSource } from '../model';
import type { ContentFs, KnownTree } from './fs';
import { type KnownKind, link } from './link';
import type { ParsedFile } from './parse';
import type { ParseCache } from './parseCache';
import type { RawContentFile } from './raw';
import { type ContentSnapshot, snapshotCatalog, snapshotFiles } from './snapshot';

export { nodeContentFs } from './fs';
export { fileParseCache, type FileParseCache, type ParseCache } from './parseCache';
export { readSnapshot, snapshotFile } from './snapshot';

export type ContentParser = (file: string, text: string, source: ContentSource) => ParsedFile;

export interface LoadOptions {
  /** Loads the parser the first time a file needs parsing. */
  readonly parser: () => ContentParser | Promise<ContentParser>;
  /** Shipped content, already parsed and checked: used for the builtin source in place of its files. */
  readonly snapshot?: ContentSnapshot;
  /** Files parsed before and unchanged since (by the content fs's stamp) are taken from here, not parsed again. */
  readonly cache?: ParseCache;
}

/** A file taken from the parse cache: its data, and no positions until asked. */
interface CachedFile extends ParsedFile {
  readonly cached: { located: boolean };
}

export async function loadCatalogWith(sources: readonly ContentSource[], fs: ContentFs, opts: LoadOptions): Promise<Catalog> {
  const { files: parsed, known } = await readAll(sources, fs, opts);
  // Shipped content alone (no other source has a file): the build linked it already.
  const builtin = sources.find((s) => s.kind === 'builtin');
  if (opts.snapshot && builtin && parsed.every((p) => p.source === builtin)) return snapshotCatalog(opts.snapshot, builtin);
  let linked = await link(parsed, fs, known);
  // A problem found in linking is placed by line and column, which a cached file does not
  // keep: those files are parsed again and the catalog linked again, so that the messages
  // are the ones a load without the cache gives.
  const located = parsed.filter((p) => (p as CachedFile).cached?.located);
  if (located.length) {
    const parse = await opts.parser();
    const again = await Promise.all(parsed.map(async (p) => (located.includes(p) ? readAndParse(p.file, p.source, fs, parse) : p)));
    linked = await link(again, fs, known);
    return { ...linked, errors: [...again.flatMap((p) => p.errors), ...linked.errors] };
  }
  return { ...linked, errors: [...parsed.flatMap((p) => p.errors), ...linked.errors] };
}

/** Every content file of every source, parsed, in source order. */
export async function readSources(sources: readonly ContentSource[], fs: ContentFs, opts: LoadOptions): Promise<ParsedFile[]> {
  return (await readAll(sources, fs, opts)).files;
}

async function readAll(sources: readonly ContentSource[], fs: ContentFs, opts: LoadOptions): Promise<{ files: ParsedFile[]; known: KnownKind }> {
  const read = await Promise.all(sources.map((source) => readSource(source, fs, opts)));
  const trees = read.flatMap((r) => (r.tree ? [r.tree] : []));
  const known: KnownKind = (dir, rel) => {
    for (const tree of trees) {
      const kind = tree.kindOf(dir, rel);
      if (kind) return kind;
    }
    return undefined;
  };
  return { files: read.flatMap((r) => r.files), known };
}

async function readSource(source: ContentSource, fs: ContentFs, opts: LoadOptions): Promise<{ files: ParsedFile[]; tree?: KnownTree }> {
  if (source.kind === 'builtin' && opts.snapshot) return { files: snapshotFiles(opts.snapshot, source) };
  const { files, tree } = fs.listContentTree ? await fs.listContentTree(source.root) : { files: await fs.listContentFiles(source.root), tree: undefined };
  if (!files.length) return { files: [], tree };
  const { cache } = opts;
  // Each stamp is taken before its file is read: a file written in between is parsed again next time.
  const stamps = cache && fs.stamp ? await Promise.all(files.map((file) => fs.stamp!(file))) : [];
  const hits = files.map((file, i) => (stamps[i] !== undefined ? cache!.get(file, stamps[i]) : undefined));
  // Read in parallel, then parse in order: the first definition of an id is the one that counts.
  const texts = await Promise.all(files.map((file, i) => (hits[i] ? undefined : readText(file, fs))));
  const parse = hits.every(Boolean) ? undefined : await opts.parser();
  const parsed = files.map((file, i): ParsedFile => {
    const hit = hits[i];
    if (hit) return cachedFile(file, source, hit);
    const p = parseText(parse!, file, texts[i]!, source);
    if (p.data && !p.errors.length && stamps[i] !== undefined) cache!.set(file, stamps[i], p.data);
    return p;
  });
  return { files: parsed, tree };
}

type Read = { text: string } | { error: string };

function readText(file: string, fs: ContentFs): Promise<Read> {
  return fs.readFile(file).then(
    (text) => ({ text }),
    (e: Error) => ({ error: e.message }),
  );
}

async function readAndParse(file: string, source: ContentSource, fs: ContentFs, parse: ContentParser): Promise<ParsedFile> {
  return parseText(parse, file, await readText(file, fs), source);
}

function parseText(parse: ContentParser, file: string, read: Read, source: ContentSource): ParsedFile {
  if ('text' in read) return parseContentFile(parse, file, read.text, source);
  return { file, source, errors: [{ file, line: 1, column: 1, source, message: `could not read the file: ${read.error}` }], locate: () => ({ line: 1, column: 1 }) };
}

function cachedFile(file: string, source: ContentSource, data: RawContentFile): CachedFile {
  const cached = { located: false };
  return {
    file,
    source,
    data,
    errors: [],
    cached,
    locate: () => {
      cached.located = true;
      return { line: 1, column: 1 };
    },
  };
}

/** The parser reports problems as errors; one that throws is a bug, and it still becomes an error at the file. */
function parseContentFile(parse: ContentParser, file: string, text: string, source: ContentSource): ParsedFile {
  try {
    return parse(file, text, source);
  } catch (e) {
    return { file, source, errors: [{ file, line: 1, column: 1, source, message: `the file could not be read as content: ${(e as Error).message}` }], locate: () => ({ line: 1, column: 1 }) };
  }
}
