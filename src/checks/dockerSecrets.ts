// Secrets in an image, found by what they are rather than by what a file is called:
// private keys, service-account JSON, token shapes, URLs with a password, and the values
// of the build context's .env files wherever they turn up. Two routes are followed:
//
// - the Dockerfile's own text (ENV, ARG, LABEL, RUN, CMD, ENTRYPOINT, HEALTHCHECK and
//   here-documents), in every stage, since it stays in the build history and in git;
// - the files that reach the final image: COPY/ADD from the build context after
//   .dockerignore, what the final stage inherits (FROM an earlier stage) or takes from one
//   (COPY --from), and sources of `RUN --mount=type=bind` that a RUN copies into the image.
//
// A secret used through `RUN --mount=type=secret` never lands in a layer, so it is fine.
// Messages name the file or instruction, its line and the kind of secret, never the secret.

import * as path from 'path';
import type { DockerBuild } from './dockerfile';
import { type DockerInstruction, type DockerProblem, type DockerStage, copyParts, csvOptions, execForm, instructionFlags, keyValues } from './dockerfileParse';
import { cleanPath, contextSources, copiedFiles, dockerignore, globRegExp } from './dockerignore';

/** Words in a variable name that mean a secret: the list of Docker's own build check, SecretsUsedInArgOrEnv. */
const SECRET_WORDS = /(?:^|_)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;

export function isSecretName(name: string): boolean {
  const parts = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/-/g, '_');
  return SECRET_WORDS.test(parts) && !/(?:^|_)public(?:_|$)/i.test(parts);
}

/** Text that is a secret whatever it is called: keys, tokens, credentials files. */
export const SECRET_VALUES: readonly [RegExp, string][] = [
  [/-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/, 'a private key'],
  [/PuTTY-User-Key-File-\d+:/, 'a private key (PuTTY)'],
  [/\\?"type\\?"\s*:\s*\\?"service_account\\?"[\s\S]*\\?"(?:private_key|client_email)\\?"\s*:|\\?"(?:private_key|client_email)\\?"\s*:[\s\S]*\\?"type\\?"\s*:\s*\\?"service_account\\?"/, 'a cloud service-account key (JSON with "type": "service_account")'],
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/\bgh[pousr]_[A-Za-z0-9]{30,}\b|\bgithub_pat_[A-Za-z0-9_]{40,}/, 'a GitHub token'],
  [/\bglpat-[A-Za-z0-9_-]{20,}/, 'a GitLab token'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, 'a Google API key'],
  [/\bsk[-_](?:live|test|proj)?[-_]?[A-Za-z0-9]{16,}\b/, 'an API secret key (sk-…)'],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}\b/, 'a Slack token'],
  [/\bhf_[A-Za-z0-9]{30,}\b/, 'a Hugging Face token'],
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@'"$]+:[^\s/@'"$]+@[^\s/'"]/i, 'a URL with a password in it'],
];

/** File names that hold secrets: dotenv files, keys, credentials. Examples and templates are fine. */
export function isSecretFile(file: string): boolean {
  const base = file.replace(/\/+$/, '').split('/').pop() ?? '';
  if (isDotenv(base)) return !isTemplate(base);
  return /^(id_(rsa|dsa|ecdsa|ed25519)(?!\.pub$).*|.*\.(pem|key|p12|pfx)|\.netrc|\.pypirc|\.npmrc|\.git-credentials|credentials(\.json)?|.*-credentials\.json|.*service[-_]?account.*\.json|secrets?(\.(json|ya?ml|toml|txt))?)$/i.test(base);
}

const isDotenv = (base: string) => /^\.env(\..+)?$|\.env$/.test(base);
const isTemplate = (base: string) => /\.(example|sample|template|dist)$/.test(base);

/** A value that stands in for a secret rather than being one. */
function isPlaceholder(v: string): boolean {
  return v.length < 6 || /^\d+$/.test(v) || /^(?:change-?me.*|your[-_ ].*|x{3,}|\.{3}|<.*>|\$.*|todo|none|null|true|false|example.*|dummy.*|placeholder.*)$/i.test(v);
}

/** A secret the build context's .env files define: the value, and where it is defined (never shown). */
export interface KnownSecret {
  readonly value: string;
  readonly name: string;
  readonly file: string;
}

/** The secret-named values of the context's .env files (templates left out): what must appear nowhere in the image. */
export function dotenvSecrets(files: readonly string[], read: (file: string) => string | undefined): KnownSecret[] {
  const out: KnownSecret[] = [];
  for (const file of files) {
    const base = path.posix.basename(file);
    if (!isDotenv(base) || isTemplate(base)) continue;
    for (const line of (read(file) ?? '').split(/\r?\n/)) {
      const m = /^\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*=\s*(.*?)\s*$/.exec(line);
      if (!m || !isSecretName(m[1])) continue;
      const value = m[2].replace(/^(["'])(.*)\1$/, '$2').replace(/\s+#.*$/, '');
      if (!isPlaceholder(value)) out.push({ value, name: m[1], file });
    }
  }
  return out;
}

/** The kinds of secret in a text, each once. */
export function secretKinds(text: string, known: readonly KnownSecret[] = []): string[] {
  const kinds = SECRET_VALUES.filter(([re]) => re.test(text)).map(([, kind]) => kind);
  for (const k of known) if (text.includes(k.value)) kinds.push(`the value of ${k.name} from ${k.file}`);
  return [...new Set(kinds)];
}

/** `NAME=value` written out (not `$VAR`) where NAME means a secret. */
const assignments = (text: string) => [...text.matchAll(/(?:^|[\s;&|"'(])([A-Za-z_][\w-]*)=("[^"$]+"|'[^']+'|[^\s"'$;&|)]+)/gm)].filter((m) => isSecretName(m[1])).map((m) => m[1]);

/** `--api-key value` or `--password=value` with the value written out. */
function secretFlags(words: readonly string[]): string[] {
  const out: string[] = [];
  words.forEach((w, i) => {
    const m = /^--?([A-Za-z][\w-]*)(?:=(.*))?$/.exec(w);
    if (!m || !isSecretName(m[1].replace(/-/g, '_'))) return;
    const value = m[2] ?? words[i + 1];
    if (value !== undefined && value !== '' && !/^[-$<|&;]/.test(value) && !/^\$/.test(value)) out.push(`--${m[1]}`);
  });
  return out;
}

const shellWords = (text: string) => keyValues(text, false).map(([k, v]) => (v === undefined ? k : `${k}=${v}`));

/** Secrets written in the Dockerfile itself, in every stage: its text stays in the build history and in git. */
function writtenSecrets(b: DockerBuild, known: readonly KnownSecret[]): DockerProblem[] {
  const problems: DockerProblem[] = [];
  const instructions = [...b.parsed.globalArgs, ...b.stages.flatMap((s) => s.instructions)];
  for (const ins of instructions) {
    const where = `${ins.keyword}`;
    if (ins.keyword === 'ENV' || ins.keyword === 'ARG') {
      for (const [k, v] of keyValues(ins.args, ins.keyword === 'ENV')) {
        if (isSecretName(k)) {
          const how = ins.keyword === 'ENV' ? `pass it when the container starts (docker run -e ${k}, or your platform's secret store) and read it from the environment in the code` : 'use a build secret (RUN --mount=type=secret,id=…) if the build needs it, or pass it when the container starts';
          problems.push({ line: ins.line, message: `${ins.keyword} ${k} bakes a secret into the image, where anyone who can pull it reads it (docker history, docker inspect): ${how}. (Docker's own build check SecretsUsedInArgOrEnv flags it too.)` });
          continue;
        }
        const kinds = v === undefined ? [] : secretKinds(v, known);
        if (kinds.length) problems.push({ line: ins.line, message: `${ins.keyword} ${k} holds what looks like ${kinds.join(' and ')}: secrets never go in a Dockerfile; pass it when the container starts.` });
      }
      continue;
    }
    // What the instruction writes out: a build secret mount (--mount=type=secret) names a secret without holding it.
    const { flags, rest } = instructionFlags(ins.args);
    const text = [rest, ...flags.filter((f) => f.name !== 'mount').map((f) => f.value), ...ins.heredocs].join('\n');
    const kinds = secretKinds(text, known);
    if (kinds.length) {
      problems.push({ line: ins.line, message: `${where} holds what looks like ${kinds.join(' and ')}: it stays in the image's layers and history, and in the Dockerfile; pass secrets when the container starts${ins.keyword === 'RUN' ? ' (or, for the build, as a build secret: RUN --mount=type=secret)' : ''}.` });
      continue;
    }
    if (!['RUN', 'LABEL', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'COPY', 'ADD', 'ONBUILD', 'SHELL'].includes(ins.keyword)) continue;
    const named = [...new Set([...assignments(text), ...secretFlags(execForm(rest) ?? shellWords(rest))])];
    if (named.length) {
      const what = ins.keyword === 'COPY' || ins.keyword === 'ADD' ? `writes ${named.join(', ')} with a value into a file in the image` : `sets ${named.join(', ')} to a value written in the Dockerfile`;
      problems.push({ line: ins.line, message: `${where} ${what}: it stays in the image's layers and history; pass secrets when the container starts.` });
    }
  }
  return problems;
}

/** A context file in a stage: where it came from and where it is (undefined when a RUN may have put it anywhere). */
interface Landed {
  readonly file: string;
  readonly at: string | undefined;
  /** The instruction that brought it into the final image, for the message. */
  readonly ins: DockerInstruction;
  readonly how: string;
}

/** Anything that copies or writes files: a RUN with one of these may put a mounted file into the image. */
const COPIES = /\b(?:cp|mv|install|rsync|tar|dd|ln|tee|unzip|zip|gzip|base64|xxd|shutil|copy(?:file|tree)?|write_(?:text|bytes))\b|>/;

/** Where a COPY puts `file`, taken by `source` (cleaned), given the destination and how many sources it has. */
function destinationOf(file: string, source: string, dest: string, single: boolean): string {
  const toDir = dest.endsWith('/') || !single || /[*?[]/.test(source);
  if (file === source || (source && globRegExp(source).test(file))) return toDir ? path.posix.join(dest, path.posix.basename(file)) : dest;
  const rel = source ? path.posix.relative(source.replace(/\/[^/]*[*?[].*$/, ''), file) : file;
  return path.posix.join(dest, rel);
}

/** Files of the build context (or of an earlier stage) that end up in each stage; the last is the image. */
function landedFiles(b: DockerBuild): Landed[] {
  const files = b.context.files ?? [];
  const ignored = dockerignore(b.context.dockerignore);
  const byStage: Landed[][] = [];
  const stageNamed = (ref: string, before: number): number => {
    const lower = ref.toLowerCase();
    const i = /^\d+$/.test(lower) ? Number(lower) : b.stages.findIndex((s) => s.name === lower);
    return i >= 0 && i < before ? i : -1;
  };
  b.stages.forEach((stage: DockerStage, s) => {
    const base = stageNamed(stage.image, s);
    const landed: Landed[] = base >= 0 ? [...byStage[base]] : [];
    let cwd = '/';
    for (const ins of stage.instructions) {
      if (ins.keyword === 'WORKDIR') cwd = path.posix.resolve(cwd, ins.args.trim() || '/');
      if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
        const { flags, sources, dest } = copyParts(ins);
        const target = path.posix.resolve(cwd, dest || '.') + (dest.endsWith('/') ? '/' : '');
        const from = flags.get('from');
        if (from === undefined) {
          for (const src of contextSources(ins)) {
            const clean = cleanPath(src);
            for (const f of copiedFiles(src, files, ignored)) landed.push({ file: f, at: destinationOf(f, clean, target, sources.length === 1), ins, how: `${ins.keyword} ${src}` });
          }
        } else {
          const other = stageNamed(from, s);
          if (other < 0) continue;
          for (const src of sources) {
            const abs = path.posix.resolve('/', src);
            const re = globRegExp(abs.slice(1));
            for (const l of byStage[other]) {
              const under = l.at === undefined || l.at === abs || l.at.startsWith(abs === '/' ? '/' : `${abs}/`) || re.test(l.at.slice(1));
              if (under) landed.push({ file: l.file, at: l.at === undefined ? undefined : destinationOf(l.at.slice(1), abs.slice(1), target, sources.length === 1), ins, how: `${ins.keyword} --from=${from} ${src} (${l.file} got there through ${l.how}, line ${l.ins.line})` });
            }
          }
        }
      }
      if (ins.keyword === 'RUN') {
        const { flags, rest } = instructionFlags(ins.args);
        const script = [rest, ...ins.heredocs].join('\n');
        if (!COPIES.test(script)) continue;
        for (const mount of flags.filter((f) => f.name === 'mount').map((f) => csvOptions(f.value))) {
          if ((mount.get('type') ?? 'bind') !== 'bind') continue;
          const mountTarget = path.posix.resolve(cwd, mount.get('target') ?? mount.get('dst') ?? mount.get('destination') ?? '.');
          if (!script.includes(mountTarget) && !script.includes(mount.get('target') ?? '\0')) continue;
          const source = cleanPath(mount.get('source') ?? mount.get('src') ?? '.');
          const fromStage = mount.has('from') ? stageNamed(mount.get('from')!, s) : undefined;
          const pool: { file: string; rel: string }[] =
            fromStage === undefined
              ? copiedFiles(source, files, ignored).map((f) => ({ file: f, rel: f }))
              : fromStage < 0
                ? []
                : byStage[fromStage].filter((l) => l.at !== undefined).map((l) => ({ file: l.file, rel: l.at!.slice(1) }));
          for (const p of pool) {
            if (source && p.rel !== source && !p.rel.startsWith(`${source}/`)) continue;
            landed.push({ file: p.file, at: undefined, ins, how: `RUN --mount=type=bind,${fromStage === undefined ? '' : `from=${mount.get('from')},`}source=${source || '.'} (a bind mount the RUN copies from)` });
          }
        }
        // A RUN that copies files about may have moved any file it names: it could be anywhere now.
        for (let k = 0; k < landed.length; k++) {
          const at = landed[k].at;
          if (at !== undefined && script.includes(path.posix.basename(at))) landed[k] = { ...landed[k], at: undefined };
        }
      }
    }
    byStage.push(landed);
  });
  return byStage[byStage.length - 1] ?? [];
}

/** Every secret the image would hold or its Dockerfile writes out, each with its line. */
export function secretProblems(b: DockerBuild): DockerProblem[] {
  const read = b.context.read ?? (() => undefined);
  const known = dotenvSecrets(b.context.files ?? [], read);
  const problems = writtenSecrets(b, known);
  // A source that names a secrets file that is not in the context listing (the listing may be partial).
  const listed = new Set(b.context.files ?? []);
  const final = new Set(b.finalInstructions);
  for (const ins of b.finalInstructions.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD')) {
    for (const src of contextSources(ins)) {
      if (isSecretFile(src) && !listed.has(cleanPath(src))) problems.push({ line: ins.line, message: `${ins.keyword} ${src} copies a secrets file into the image: leave it out and pass its values as environment variables when the container starts.` });
    }
  }
  // Group by the instruction that brings the files in, so each line gets one message.
  const byIns = new Map<DockerInstruction, { how: string; named: string[]; content: string[] }>();
  for (const l of landedFiles(b)) {
    if (!final.has(l.ins)) continue;
    const entry = byIns.get(l.ins) ?? { how: l.how, named: [], content: [] };
    byIns.set(l.ins, entry);
    if (isSecretFile(l.file)) {
      if (!entry.named.includes(l.file)) entry.named.push(l.file);
      continue;
    }
    const text = read(l.file);
    const kinds = text === undefined ? [] : secretKinds(text, known.filter((k) => k.file !== l.file));
    const line = `${l.file} holds ${kinds.join(' and ')}`;
    if (kinds.length && !entry.content.includes(line)) {
      entry.content.push(line);
      if (l.how !== entry.how && !entry.how.includes(l.how)) entry.how = l.how;
    }
  }
  for (const [ins, { how, named, content }] of byIns) {
    if (named.length) {
      const only = /^(COPY|ADD) /.test(how) && contextSources(ins).some((s) => isSecretFile(s) && named.includes(cleanPath(s)));
      problems.push({
        line: ins.line,
        message: only
          ? `${ins.keyword} ${named[0]} copies a secrets file into the image: leave it out and pass its values as environment variables when the container starts.`
          : `${how} copies ${named.join(', ')} into the image, with the secrets in it: add ${named.length === 1 ? 'it' : 'them'} to a .dockerignore beside the Dockerfile (a line "${named[0].split('/').pop()}"), or copy only the files the image needs.`,
      });
    }
    if (content.length) {
      problems.push({ line: ins.line, message: `${how} puts a secret into the image: ${content.join('; ')}. Anyone who can pull the image reads it: leave the file out (.dockerignore, or copy only what the image needs) and pass secrets when the container starts, or to the build as a build secret (RUN --mount=type=secret).` });
    }
  }
  return problems;
}
