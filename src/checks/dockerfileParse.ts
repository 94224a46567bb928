// A Dockerfile read the way Docker reads it: parser directives, the escape character, line
// continuations with comment lines inside them, instructions in any case, here-documents,
// stages; and the small languages inside instructions: KEY=value pairs, $VAR expansion,
// exec (JSON) form against shell form, --flags, image references. Pure functions over text.

export const INSTRUCTIONS: ReadonlySet<string> = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

export interface DockerInstruction {
  /** Upper case, e.g. "RUN". */
  readonly keyword: string;
  /** Everything after the keyword, continuation lines joined, comment lines removed. */
  readonly args: string;
  /** 1-based line where it starts. */
  readonly line: number;
  /** Bodies of its here-documents (RUN <<EOF … EOF), if any. */
  readonly heredocs: readonly string[];
}

export interface DockerStage {
  readonly from: DockerInstruction;
  /** The image it starts from, as written (variables not expanded). */
  readonly image: string;
  /** `AS name`, lower-cased. */
  readonly name?: string;
  /** The instructions after its FROM. */
  readonly instructions: readonly DockerInstruction[];
}

export interface ParsedDockerfile {
  readonly escape: string;
  /** ARG instructions before the first FROM (usable in FROM lines). */
  readonly globalArgs: readonly DockerInstruction[];
  readonly stages: readonly DockerStage[];
  /** Lines Docker itself would refuse. */
  readonly errors: readonly DockerProblem[];
}

export interface DockerProblem {
  /** 1-based; 0 for the file as a whole. */
  readonly line: number;
  readonly message: string;
}

const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;

/** Reads a Dockerfile into stages and instructions, as Docker's parser does. */
export function parseDockerfile(text: string): ParsedDockerfile {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const errors: DockerProblem[] = [];
  let escape = '\\';
  let i = 0;
  // Parser directives: `# name=value` lines at the very top, before any comment, blank line or instruction.
  const seen = new Set<string>();
  for (; i < lines.length; i++) {
    const m = DIRECTIVE.exec(lines[i].trim());
    if (!m || seen.has(m[1].toLowerCase())) break;
    seen.add(m[1].toLowerCase());
    if (m[1].toLowerCase() === 'escape') {
      if (m[2] !== '\\' && m[2] !== '`') errors.push({ line: i + 1, message: `the escape directive must be \\ or \`, not ${m[2]}` });
      else escape = m[2];
    }
  }
  const instructions: DockerInstruction[] = [];
  const continues = (l: string) => {
    const t = l.replace(/\s+$/, '');
    return t.endsWith(escape) ? t.slice(0, -1) : undefined;
  };
  while (i < lines.length) {
    const raw = lines[i];
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#')) {
      i++;
      continue;
    }
    const start = i + 1;
    let logical = '';
    let part: string | undefined = raw;
    // Joins continuation lines; comment lines and empty lines inside them are dropped, as Docker does.
    for (;;) {
      const cont = continues(part);
      if (cont === undefined) {
        logical += part;
        i++;
        break;
      }
      logical += cont;
      i++;
      while (i < lines.length && (!lines[i].trim() || lines[i].trim().startsWith('#'))) i++;
      if (i >= lines.length) break;
      part = lines[i];
    }
    const m = /^\s*(\S+)\s*([\s\S]*)$/.exec(logical)!;
    const keyword = m[1].toUpperCase();
    const args = m[2].trim();
    // Here-documents (RUN, COPY, ADD): the lines up to each delimiter are the body, not instructions.
    const heredocs: string[] = [];
    if (['RUN', 'COPY', 'ADD'].includes(keyword)) {
      for (const h of args.matchAll(/<<(-?)(["']?)([A-Za-z_][\w.-]*)\2/g)) {
        const body: string[] = [];
        while (i < lines.length) {
          const l = h[1] ? lines[i].replace(/^\t+/, '') : lines[i];
          i++;
          if (l === h[3] || l.trim() === h[3]) break;
          body.push(l);
        }
        heredocs.push(body.join('\n'));
      }
    }
    if (!INSTRUCTIONS.has(keyword)) errors.push({ line: start, message: `unknown instruction "${m[1]}"` });
    instructions.push({ keyword, args, line: start, heredocs });
  }

  const globalArgs: DockerInstruction[] = [];
  const stages: { from: DockerInstruction; image: string; name?: string; instructions: DockerInstruction[] }[] = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const words = ins.args.split(/\s+/).filter((w) => w && !w.startsWith('--'));
      const image = words[0] ?? '';
      if (!image) errors.push({ line: ins.line, message: 'FROM names no image' });
      const name = words.length >= 3 && words[1].toLowerCase() === 'as' ? words[2].toLowerCase() : undefined;
      stages.push({ from: ins, image, name, instructions: [] });
    } else if (!stages.length) {
      if (ins.keyword === 'ARG') globalArgs.push(ins);
      else if (INSTRUCTIONS.has(ins.keyword)) errors.push({ line: ins.line, message: `${ins.keyword} comes before the first FROM; only ARG may` });
    } else {
      stages[stages.length - 1].instructions.push(ins);
    }
  }
  if (!stages.length) errors.push({ line: 0, message: 'there is no FROM instruction, so there is no image' });
  return { escape, globalArgs, stages, errors };
}

/** Splits `KEY=VALUE KEY2="a b"` (or the old `KEY value` form) into pairs; quotes removed. */
export function keyValues(args: string, legacy: boolean): [string, string | undefined][] {
  const words: string[] = [];
  let cur = '';
  let quote = '';
  let inWord = false;
  for (let k = 0; k < args.length; k++) {
    const c = args[k];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"' && k + 1 < args.length) cur += args[++k];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && k + 1 < args.length) {
      cur += args[++k];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  if (legacy && words.length && !words[0].includes('=')) {
    // `ENV KEY some value`: one pair, the value is the rest of the line.
    return [[words[0], args.trim().slice(args.trim().indexOf(words[0]) + words[0].length).trim()]];
  }
  return words.map((w) => {
    const eq = w.indexOf('=');
    return eq < 0 ? [w, undefined] : [w.slice(0, eq), w.slice(eq + 1)];
  });
}

/** Expands $VAR, ${VAR}, ${VAR:-default} and ${VAR:+alt}; names it could not expand are listed. */
export function expand(text: string, vars: ReadonlyMap<string, string>, escape = '\\'): { value: string; unresolved: string[] } {
  const unresolved: string[] = [];
  let out = '';
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (c === escape && text[k + 1] === '$') {
      out += '$';
      k++;
      continue;
    }
    if (c !== '$') {
      out += c;
      continue;
    }
    const braced = /^\$\{([A-Za-z_]\w*)(?::?([-+])([^}]*))?\}/.exec(text.slice(k));
    const bare = /^\$([A-Za-z_]\w*)/.exec(text.slice(k));
    const m = braced ?? bare;
    if (!m) {
      out += c;
      continue;
    }
    const name = m[1];
    const value = vars.get(name);
    if (braced && braced[2] === '-') out += value !== undefined && value !== '' ? value : braced[3];
    else if (braced && braced[2] === '+') out += value !== undefined && value !== '' ? braced[3] : '';
    else if (value !== undefined) out += value;
    else unresolved.push(name);
    k += m[0].length - 1;
  }
  return { value: out, unresolved };
}

/** An image reference: `[registry/]name[:tag][@digest]`. */
export function imageRef(ref: string): { name: string; tag?: string; digest?: string } {
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { name: rest, digest };
}

/** The stages a stage builds on, first the one it starts from (FROM <earlier stage>), then itself. */
export function stageChain(stages: readonly DockerStage[], index: number): DockerStage[] {
  const out: DockerStage[] = [];
  const seen = new Set<number>();
  for (let s = index; s >= 0 && !seen.has(s); ) {
    seen.add(s);
    out.unshift(stages[s]);
    const base = stages[s].image.toLowerCase();
    s = stages.slice(0, s).findIndex((e) => e.name === base);
  }
  return out;
}

/** The argument list of an exec-form instruction (a JSON array of strings), or undefined for shell form. */
export function execForm(args: string): string[] | undefined {
  try {
    const parsed = JSON.parse(args) as unknown;
    return Array.isArray(parsed) && parsed.length > 0 && parsed.every((a) => typeof a === 'string') ? (parsed as string[]) : undefined;
  } catch {
    return undefined;
  }
}

/** Leading `--name=value` flags of an instruction (RUN --mount=…, COPY --from=…) and the rest. */
export function instructionFlags(args: string): { flags: { name: string; value: string }[]; rest: string } {
  const flags: { name: string; value: string }[] = [];
  let rest = args.trim();
  for (;;) {
    const m = /^--([a-zA-Z-]+)(?:=("[^"]*"|'[^']*'|\S*))?(?:\s+|$)/.exec(rest);
    if (!m) break;
    flags.push({ name: m[1].toLowerCase(), value: (m[2] ?? '').replace(/^(["'])(.*)\1$/, '$2') });
    rest = rest.slice(m[0].length);
  }
  return { flags, rest };
}

/** `a=b,c=d` (a --mount flag's value) as a map; a bare key maps to "true". */
export function csvOptions(value: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (part.trim()) out.set((eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase(), eq < 0 ? 'true' : part.slice(eq + 1).trim());
  }
  return out;
}

/** A COPY/ADD split into its flags, sources and destination (exec or shell form). */
export function copyParts(ins: DockerInstruction): { flags: Map<string, string>; sources: string[]; dest: string } {
  const { flags, rest } = instructionFlags(ins.args);
  const words = execForm(rest) ?? keyValues(rest, false).map(([k, v]) => (v === undefined ? k : `${k}=${v}`));
  return { flags: new Map(flags.map((f) => [f.name, f.value])), sources: words.slice(0, -1), dest: words[words.length - 1] ?? '' };
}
