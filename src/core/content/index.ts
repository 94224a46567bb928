// Content loading: every content file of every source, parsed with positions, validated
// against the JSON Schema, and linked into one catalog. Errors never throw: they come back
// in `catalog.errors`, each with its file, line and column.

import type { Catalog, ContentSource } from '../model';
import type { ContentFs } from './fs';
import { link } from './link';
import { type ParsedFile, parseContentFile } from './parse';

export { type ContentFs, listContentFiles, nodeContentFs } from './fs';

export async function loadCatalog(sources: readonly ContentSource[], fs: ContentFs): Promise<Catalog> {
  const parsed: ParsedFile[] = [];
  for (const source of sources) {
    for (const file of await fs.listContentFiles(source.root)) {
      let text: string;
      try {
        text = await fs.readFile(file);
      } catch (e) {
        parsed.push({
          file,
          source,
          errors: [{ file, line: 1, column: 1, source, message: `could not read the file: ${(e as Error).message}` }],
          locate: () => ({ line: 1, column: 1 }),
        });
        continue;
      }
      parsed.push(parseContentFile(file, text, source));
    }
  }
  const linked = await link(parsed, fs);
  return { ...linked, errors: [...parsed.flatMap((p) => p.errors), ...linked.errors] };
}
