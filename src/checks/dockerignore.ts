// The build context as Docker sends it: the .dockerignore rules (Go globs, `**`, `!`
// exceptions, the last match wins) and the context files a COPY/ADD source takes.

import { type DockerInstruction, copyParts } from './dockerfileParse';

/** A Docker/Go glob as a regular expression over slash paths (`**` crosses folders). */
export function globRegExp(pattern: string): RegExp {
  let re = '';
  for (let k = 0; k < pattern.length; k++) {
    const c = pattern[k];
    if (c === '*') {
      if (pattern[k + 1] === '*') {
        k++;
        if (pattern[k + 1] === '/') {
          k++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', k + 1);
      if (end < 0) re += '\\[';
      else {
        re += `[${pattern.slice(k + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        k = end;
      }
    } else if (c === '\\' && k + 1 < pattern.length) re += pattern[++k].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else re += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export function cleanPath(p: string): string {
  const parts: string[] = [];
  for (const s of p.replace(/\\/g, '/').split('/')) {
    if (!s || s === '.') continue;
    if (s === '..') parts.pop();
    else parts.push(s);
  }
  return parts.join('/');
}

/** The .dockerignore rules: the last pattern that matches a path, or a folder above it, decides. */
export function dockerignore(text: string | undefined): (file: string) => boolean {
  const rules = (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pattern = cleanPath(negate ? l.slice(1).trim() : l);
      return { negate, re: pattern ? globRegExp(pattern) : /^$/ };
    });
  return (file: string) => {
    const parts = cleanPath(file).split('/');
    let ignored = false;
    for (const r of rules) {
      for (let n = 1; n <= parts.length; n++) {
        if (r.re.test(parts.slice(0, n).join('/'))) {
          ignored = !r.negate;
          break;
        }
      }
    }
    return ignored;
  };
}

/** The sources of a COPY/ADD that come from the build context (not `--from`, not URLs, not here-docs). */
export function contextSources(ins: DockerInstruction): string[] {
  const { flags, sources } = copyParts(ins);
  if (flags.has('from')) return [];
  return sources.filter((w) => !/^[a-z]+:\/\//i.test(w) && !w.startsWith('<<') && !/^git@/.test(w));
}

/** The context files (slash paths) a COPY/ADD source takes, after .dockerignore. */
export function copiedFiles(source: string, files: readonly string[], ignored: (f: string) => boolean): string[] {
  const src = cleanPath(source);
  const re = src ? globRegExp(src) : undefined;
  return files.filter((f) => {
    if (ignored(f)) return false;
    if (!re) return true;
    const parts = f.split('/');
    for (let n = 1; n <= parts.length; n++) if (re.test(parts.slice(0, n).join('/'))) return true;
    return false;
  });
}
