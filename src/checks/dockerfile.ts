// Dockerfile rules, checked without Docker: a parser that reads a Dockerfile the way Docker
// does (parser directives, the escape character, line continuations, comment lines inside
// them, instructions in any case, here-documents, multi-stage builds) and rules about the
// image it would build: a pinned base image, a non-root user, no secrets baked in, the
// port exposed, a health check, CMD in exec form. Pure functions over text; the structure
// check reads the files (see structure.ts).

import type { DockerfileRules } from '../core/model';

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

const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;

/** Words in a variable name that mean a secret: the list of Docker's own build check, SecretsUsedInArgOrEnv. */
const SECRET_WORDS = /(?:^|_)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;

export function isSecretName(name: string): boolean {
  const parts = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/-/g, '_');
  return SECRET_WORDS.test(parts) && !/(?:^|_)public(?:_|$)/i.test(parts);
}

/** Values that are secrets whatever they are called: cloud keys, tokens, private keys. */
const SECRET_VALUES: readonly [RegExp, string][] = [
  [/\bAKIA[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [/\bgh[pousr]_[A-Za-z0-9]{30,}\b/, 'a GitHub token'],
  [/\bsk[-_](?:live|test|proj)?[-_]?[A-Za-z0-9]{16,}\b/, 'an API secret key (sk-…)'],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}\b/, 'a Slack token'],
  [/\bhf_[A-Za-z0-9]{30,}\b/, 'a Hugging Face token'],
];

/** File names that hold secrets: dotenv files, keys, credentials. Examples and templates are fine. */
export function isSecretFile(file: string): boolean {
  const base = file.replace(/\/+$/, '').split('/').pop() ?? '';
  if (/^\.env(\..+)?$|\.env$/.test(base)) return !/\.(example|sample|template|dist)$/.test(base);
  return /^(id_(rsa|dsa|ecdsa|ed25519)(?!\.pub$).*|.*\.(pem|key|p12|pfx)|\.netrc|\.pypirc|\.npmrc|\.git-credentials|credentials(\.json)?|.*-credentials\.json|.*service[-_]?account.*\.json|secrets?(\.(json|ya?ml|toml|txt))?)$/i.test(base);
}

// ---- .dockerignore and what COPY takes from the build context ----------------------------

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
    } else if (c === '\\' && k + 1 < pattern.length) re += `\\${pattern[++k]}`;
    else re += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function cleanPath(p: string): string {
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
  const args = ins.args.trim();
  if (/(^|\s)--from=/.test(args)) return [];
  let words: string[];
  if (args.startsWith('[')) {
    try {
      words = JSON.parse(args) as string[];
    } catch {
      return [];
    }
  } else {
    words = keyValues(args, false).map(([k, v]) => (v === undefined ? k : `${k}=${v}`));
  }
  words = words.filter((w) => !w.startsWith('--'));
  return words.slice(0, -1).filter((w) => !/^[a-z]+:\/\//i.test(w) && !w.startsWith('<<'));
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

// ---- The rules ---------------------------------------------------------------------------

export interface DockerContext {
  /** Text of the .dockerignore beside the Dockerfile, if there is one. */
  readonly dockerignore?: string;
  /** Every file in the build context (the Dockerfile's folder), slash paths relative to it. */
  readonly files?: readonly string[];
}

/** The stages a stage builds on, first the one it starts from (FROM <earlier stage>), then itself. */
function chain(stages: readonly DockerStage[], index: number): DockerStage[] {
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

const plainWords = (ins: DockerInstruction) => `${ins.args}\n${ins.heredocs.join('\n')}`;

/** Every way the Dockerfile breaks the rules, each with its line. */
export function dockerfileProblems(text: string, rules: DockerfileRules, context: DockerContext = {}): DockerProblem[] {
  const parsed = parseDockerfile(text);
  const problems: DockerProblem[] = [...parsed.errors.map((e) => ({ line: e.line, message: `Docker cannot build this: ${e.message}.` }))];
  if (!parsed.stages.length) return problems;
  const { stages, escape } = parsed;
  const globals = new Map<string, string>();
  for (const a of parsed.globalArgs) for (const [k, v] of keyValues(a.args, false)) if (v !== undefined) globals.set(k, v);

  if (rules.pinnedBase) {
    stages.forEach((stage, s) => {
      const written = stage.image;
      if (stages.slice(0, s).some((e) => e.name === written.toLowerCase())) return;
      const { value, unresolved } = expand(written, globals, escape);
      if (unresolved.length) {
        problems.push({ line: stage.from.line, message: `FROM ${written} uses ${unresolved.map((u) => `$${u}`).join(', ')}, which has no default value in an ARG before the first FROM, so the base image is not pinned: give the ARG a default (ARG ${unresolved[0]}=…) or write the tag out.` });
        return;
      }
      if (value.toLowerCase() === 'scratch') return;
      const ref = imageRef(value);
      const shown = value === written ? written : `${written} (that is, ${value})`;
      if (ref.digest !== undefined) {
        if (!DIGEST.test(ref.digest)) problems.push({ line: stage.from.line, message: `FROM ${shown}: "${ref.digest}" is not an image digest (sha256: and 64 hex digits).` });
        return;
      }
      if (ref.tag === undefined) problems.push({ line: stage.from.line, message: `FROM ${shown} has no tag, so Docker pulls ${ref.name}:latest, which changes under you: pin a tag with a version number (python:3.11-slim, ubuntu:22.04) or a digest (${ref.name}@sha256:…).` });
      else if (ref.tag.toLowerCase() === 'latest') problems.push({ line: stage.from.line, message: `FROM ${shown} uses the tag "latest", which moves whenever a new version is published: pin a tag with a version number (python:3.11-slim, ubuntu:22.04) or a digest.` });
      else if (!/\d/.test(ref.tag)) problems.push({ line: stage.from.line, message: `FROM ${shown}: the tag "${ref.tag}" names no version, so it moves like "latest" does: use a tag with a version number in it (python:3.11-slim, ubuntu:22.04) or a digest.` });
    });
  }

  const final = chain(stages, stages.length - 1);
  const last = stages[stages.length - 1];
  const finalInstructions = final.flatMap((s) => s.instructions);
  /** Variables as a stage sees them at an instruction: its ARG and ENV so far (global ARGs only if redeclared). */
  const varsAt = (target: DockerInstruction): Map<string, string> => {
    const vars = new Map<string, string>();
    for (const ins of finalInstructions) {
      if (ins === target) break;
      if (ins.keyword === 'ENV') for (const [k, v] of keyValues(ins.args, true)) vars.set(k, expand(v ?? '', vars, escape).value);
      if (ins.keyword !== 'ARG') continue;
      for (const [k, v] of keyValues(ins.args, false)) {
        const value = v ?? globals.get(k);
        if (!vars.has(k) && value !== undefined) vars.set(k, expand(value, vars, escape).value);
      }
    }
    return vars;
  };

  if (rules.nonRootUser) {
    const users = finalInstructions.filter((i) => i.keyword === 'USER');
    const lastUser = users[users.length - 1];
    if (!lastUser) {
      problems.push({ line: last.from.line, message: 'The final stage runs as root: it has no USER instruction. Create an unprivileged user (RUN useradd --create-home app) and switch to it with USER app before CMD, so that a bug in your code cannot rewrite the container\'s system files.' });
    } else {
      const { value, unresolved } = expand(lastUser.args.trim(), varsAt(lastUser), escape);
      const user = value.split(':')[0].trim();
      if (unresolved.length) problems.push({ line: lastUser.line, message: `USER ${lastUser.args.trim()}: $${unresolved[0]} has no value here, so the user cannot be told; write the user name out or give the ARG a default.` });
      else if (!user || user === 'root' || /^0+$/.test(user)) problems.push({ line: lastUser.line, message: `The last USER in the final stage is ${user || 'empty'}, so the container runs as root: switch to an unprivileged user (USER app) after the steps that need root.` });
      else if (!/^\d+$/.test(user) && user !== 'nobody') {
        const creates = finalInstructions.some((i) => i.keyword === 'RUN' && new RegExp(`\\b(useradd|adduser)\\b[^;&|\\n]*\\b${user.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(plainWords(i)));
        if (!creates) problems.push({ line: lastUser.line, message: `USER ${user}: no RUN in the final stage creates the user ${user} (useradd or adduser), so the container would not start ("unable to find user ${user}"). Create it, or use a numeric id (USER 10001).` });
      }
    }
  }

  if (rules.noSecrets) {
    // In every stage: a secret in any stage's ENV or ARG is in that stage's layers and history.
    for (const stage of stages) {
      for (const ins of [...(stage === stages[0] ? parsed.globalArgs : []), ...stage.instructions]) {
        if (ins.keyword === 'ENV' || ins.keyword === 'ARG') {
          for (const [k, v] of keyValues(ins.args, ins.keyword === 'ENV')) {
            if (isSecretName(k)) {
              const how = ins.keyword === 'ENV' ? `pass it when the container starts (docker run -e ${k}, or your platform's secret store) and read it from the environment in the code` : 'use a build secret (RUN --mount=type=secret,id=…) if the build needs it, or pass it when the container starts';
              problems.push({ line: ins.line, message: `${ins.keyword} ${k} bakes a secret into the image, where anyone who can pull it reads it (docker history, docker inspect): ${how}. (Docker's own build check SecretsUsedInArgOrEnv flags it too.)` });
            } else if (v !== undefined) {
              const hit = SECRET_VALUES.find(([re]) => re.test(v));
              if (hit) problems.push({ line: ins.line, message: `${ins.keyword} ${k} holds what looks like ${hit[1]}: secrets never go in a Dockerfile; pass it when the container starts.` });
            }
          }
        }
        if (ins.keyword === 'RUN' || ins.keyword === 'LABEL') {
          const body = plainWords(ins).replace(/--mount=\S+/g, '');
          const hit = SECRET_VALUES.find(([re]) => re.test(body));
          const assigned = [...body.matchAll(/(?:^|[\s;&|"'(])([A-Za-z_][\w-]*)=("[^"$]+"|'[^']+'|[^\s"'$;&|)]+)/g)].find((m) => isSecretName(m[1]));
          if (hit) problems.push({ line: ins.line, message: `${ins.keyword} holds what looks like ${hit[1]}: it stays in the image's layers and history; pass secrets when the container starts.` });
          else if (assigned) problems.push({ line: ins.line, message: `${ins.keyword} sets ${assigned[1]} to a value written in the Dockerfile: it stays in the image's layers and history; pass secrets when the container starts.` });
        }
        if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
          const ignored = dockerignore(context.dockerignore);
          for (const src of contextSources(ins)) {
            if (isSecretFile(src)) {
              problems.push({ line: ins.line, message: `${ins.keyword} ${src} copies a secrets file into the image: leave it out and pass its values as environment variables when the container starts.` });
              continue;
            }
            const secrets = copiedFiles(src, context.files ?? [], ignored).filter(isSecretFile);
            if (secrets.length) {
              problems.push({ line: ins.line, message: `${ins.keyword} ${src} copies ${secrets.join(', ')} into the image, with the secrets in it: add ${secrets.length === 1 ? 'it' : 'them'} to a .dockerignore beside the Dockerfile (a line "${secrets[0].split('/').pop()}"), or copy only the files the image needs.` });
            }
          }
        }
      }
    }
  }

  if (rules.expose?.length) {
    const exposed = new Set<number>();
    for (const ins of finalInstructions.filter((i) => i.keyword === 'EXPOSE')) {
      for (const w of expand(ins.args, varsAt(ins), escape).value.split(/\s+/)) {
        const port = /^(\d+)(?:\/(tcp|udp))?$/i.exec(w);
        if (port) exposed.add(Number(port[1]));
      }
    }
    for (const port of rules.expose) {
      if (!exposed.has(port)) problems.push({ line: last.from.line, message: `The final stage does not EXPOSE ${port}: add "EXPOSE ${port}" so that people and platforms can see which port the server listens on.` });
    }
  }

  if (rules.healthcheck) {
    const checks = finalInstructions.filter((i) => i.keyword === 'HEALTHCHECK');
    const hc = checks[checks.length - 1];
    if (!hc) problems.push({ line: last.from.line, message: 'The final stage has no HEALTHCHECK: add one (HEALTHCHECK CMD …) that asks the server\'s health endpoint, so the platform can restart a container that stopped answering.' });
    else if (/^none$/i.test(hc.args.trim())) problems.push({ line: hc.line, message: 'HEALTHCHECK NONE turns the health check off: write one (HEALTHCHECK CMD …) that asks the server\'s health endpoint.' });
    else if (!/(^|\s)CMD(\s+\S|\s*\[)/i.test(hc.args)) problems.push({ line: hc.line, message: 'HEALTHCHECK needs a command: HEALTHCHECK [options] CMD <command>.' });
    else if (typeof rules.healthcheck === 'string') {
      const command = hc.args.slice(hc.args.search(/(^|\s)CMD(\s|\[|$)/i));
      const asks = new RegExp(`${rules.healthcheck.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w/-])`).test(command);
      if (!asks) problems.push({ line: hc.line, message: `The HEALTHCHECK command does not ask the server's ${rules.healthcheck} endpoint: a check that does not call the server says "healthy" even when it hangs. Request http://localhost:<port>${rules.healthcheck} and fail when it does not answer.` });
    }
  }

  if (rules.execForm) {
    const starts = finalInstructions.filter((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
    const entry = [...starts].reverse().find((i) => i.keyword === 'ENTRYPOINT');
    const cmd = [...starts].reverse().find((i) => i.keyword === 'CMD');
    const runs = entry ?? cmd;
    if (!runs) problems.push({ line: last.from.line, message: 'The final stage has no CMD or ENTRYPOINT, so the container does not know what to run: add CMD ["python", "…"].' });
    else {
      for (const ins of [entry, cmd].filter((x): x is DockerInstruction => x !== undefined)) {
        let exec = false;
        try {
          const parsedJson = JSON.parse(ins.args) as unknown;
          exec = Array.isArray(parsedJson) && parsedJson.length > 0 && parsedJson.every((a) => typeof a === 'string');
        } catch {
          exec = false;
        }
        if (!exec) {
          problems.push({ line: ins.line, message: `${ins.keyword} ${ins.args} is in shell form, so the program runs under /bin/sh, which does not pass on SIGTERM: docker stop waits 10 seconds, then kills it mid-request. Write it in exec form, a JSON array, for example ${ins.keyword} ${JSON.stringify(ins.args.trim().split(/\s+/))}.` });
        }
      }
    }
  }
  return problems;
}
