// Parsed content files kept between loads, in one JSON file (the extension's global
// storage): a file whose stamp (modification and change times, size, inode) is the one it
// was parsed at is not read or parsed again, which is most of the time a large catalog
// takes to load. Only files that parsed without a problem are kept; the cache holds nothing
// that is not in the files, so a cache that cannot be read is simply empty.

import { promises as fs, readFileSync } from 'fs';
import * as path from 'path';
import type { RawContentFile } from './raw';

/** Parsed content files by path, each with the stamp of the file it was parsed from. */
export interface ParseCache {
  get(file: string, stamp: string): RawContentFile | undefined;
  set(file: string, stamp: string, data: RawContentFile): void;
}

export interface FileParseCache extends ParseCache {
  /** Writes what this load used and parsed (files no longer read are dropped); nothing when unchanged. */
  save(): Promise<void>;
}

const VERSION = 1;
type Entries = Record<string, [stamp: string, data: RawContentFile]>;

/**
 * The cache in `file`, for parses made by the parser `key` names (a new parser or schema
 * must not trust what an old one accepted: the cache of another key is empty).
 */
export function fileParseCache(file: string, key: string): FileParseCache {
  let stored: Entries = {};
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as { v?: unknown; key?: unknown; files?: unknown } | null;
    if (value?.v === VERSION && value.key === key && value.files && typeof value.files === 'object') stored = value.files as Entries;
  } catch {
    // Missing or unreadable: start empty.
  }
  const used: Entries = {};
  let changed = false;
  return {
    get(f, stamp) {
      const entry = Object.prototype.hasOwnProperty.call(stored, f) ? stored[f] : undefined;
      if (!Array.isArray(entry) || entry[0] !== stamp) return undefined;
      used[f] = entry;
      return entry[1];
    },
    set(f, stamp, data) {
      used[f] = [stamp, data];
      changed = true;
    },
    async save() {
      if (!changed && Object.keys(used).length === Object.keys(stored).length) return;
      await fs.mkdir(path.dirname(file), { recursive: true });
      // Written aside and renamed over: a crash mid-write leaves the old cache or the new one.
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, JSON.stringify({ v: VERSION, key, files: used }));
      await fs.rename(tmp, file);
      stored = used;
      changed = false;
    },
  };
}
