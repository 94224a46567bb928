// Dockerfile rules, checked without Docker, as a table: one entry per rule (its id in
// the exercise's `dockerfile:` assertion, what it asks, the function that finds where a
// Dockerfile breaks it). The parser is in dockerfileParse.ts, the build context in
// dockerignore.ts, secrets in dockerSecrets.ts; the structure check reads the files and
// runs the health check (dockerHealth.ts).

import type { DockerfileRules } from '../core/model';
import { type DockerInstruction, type DockerProblem, type DockerStage, type ParsedDockerfile, execForm, expand, imageRef, instructionFlags, keyValues, parseDockerfile, stageChain } from './dockerfileParse';
import { secretProblems } from './dockerSecrets';

export interface DockerContext {
  /** Text of the .dockerignore beside the Dockerfile, if there is one. */
  readonly dockerignore?: string;
  /** Every file in the build context (the Dockerfile's folder), slash paths relative to it. */
  readonly files?: readonly string[];
  /** A context file's text (bytes as latin1, so any file reads), or undefined when it cannot be read. */
  readonly read?: (file: string) => string | undefined;
}

/** A parsed Dockerfile with what every rule asks of it: the final stage and the variables it sees. */
export interface DockerBuild {
  readonly parsed: ParsedDockerfile;
  readonly stages: readonly DockerStage[];
  readonly escape: string;
  /** ARG defaults before the first FROM. */
  readonly globals: ReadonlyMap<string, string>;
  /** The stage that is the image. */
  readonly last: DockerStage;
  /** Its instructions, with those of the stages it is built FROM, in order. */
  readonly finalInstructions: readonly DockerInstruction[];
  /** Variables as the final stage sees them at an instruction: its ARG and ENV so far (global ARGs only if redeclared). */
  varsAt(target: DockerInstruction): Map<string, string>;
  readonly context: DockerContext;
}

export interface DockerRule<K extends keyof DockerfileRules = keyof DockerfileRules> {
  readonly id: K;
  readonly description: string;
  readonly problems: (build: DockerBuild, setting: NonNullable<DockerfileRules[K]>) => DockerProblem[];
}

const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const plainWords = (ins: DockerInstruction) => `${ins.args}\n${ins.heredocs.join('\n')}`;

function pinnedBase(b: DockerBuild): DockerProblem[] {
  const problems: DockerProblem[] = [];
  b.stages.forEach((stage, s) => {
    const written = stage.image;
    if (b.stages.slice(0, s).some((e) => e.name === written.toLowerCase())) return;
    const { value, unresolved } = expand(written, b.globals, b.escape);
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
  return problems;
}

function nonRootUser(b: DockerBuild): DockerProblem[] {
  const users = b.finalInstructions.filter((i) => i.keyword === 'USER');
  const lastUser = users[users.length - 1];
  if (!lastUser) {
    return [{ line: b.last.from.line, message: 'The final stage runs as root: it has no USER instruction. Create an unprivileged user (RUN useradd --create-home app) and switch to it with USER app before CMD, so that a bug in your code cannot rewrite the container\'s system files.' }];
  }
  const { value, unresolved } = expand(lastUser.args.trim(), b.varsAt(lastUser), b.escape);
  const user = value.split(':')[0].trim();
  if (unresolved.length) return [{ line: lastUser.line, message: `USER ${lastUser.args.trim()}: $${unresolved[0]} has no value here, so the user cannot be told; write the user name out or give the ARG a default.` }];
  if (!user || user === 'root' || /^0+$/.test(user)) return [{ line: lastUser.line, message: `The last USER in the final stage is ${user || 'empty'}, so the container runs as root: switch to an unprivileged user (USER app) after the steps that need root.` }];
  if (/^\d+$/.test(user) || user === 'nobody') return [];
  const creates = b.finalInstructions.some((i) => i.keyword === 'RUN' && new RegExp(`\\b(useradd|adduser)\\b[^;&|\\n]*\\b${escapeRe(user)}\\b`).test(plainWords(i)));
  return creates ? [] : [{ line: lastUser.line, message: `USER ${user}: no RUN in the final stage creates the user ${user} (useradd or adduser), so the container would not start ("unable to find user ${user}"). Create it, or use a numeric id (USER 10001).` }];
}

function exposes(b: DockerBuild, ports: readonly number[]): DockerProblem[] {
  const exposed = exposedPorts(b);
  return ports.filter((port) => !exposed.has(port)).map((port) => ({ line: b.last.from.line, message: `The final stage does not EXPOSE ${port}: add "EXPOSE ${port}" so that people and platforms can see which port the server listens on.` }));
}

/** The ports the final stage EXPOSEs, variables expanded. */
export function exposedPorts(b: DockerBuild): Set<number> {
  const exposed = new Set<number>();
  for (const ins of b.finalInstructions.filter((i) => i.keyword === 'EXPOSE')) {
    for (const w of expand(ins.args, b.varsAt(ins), b.escape).value.split(/\s+/)) {
      const port = /^(\d+)(?:\/(tcp|udp))?$/i.exec(w);
      if (port) exposed.add(Number(port[1]));
    }
  }
  return exposed;
}

/** The final stage's HEALTHCHECK that is in force (the last one), if any. */
export function finalHealthcheck(b: DockerBuild): DockerInstruction | undefined {
  const checks = b.finalInstructions.filter((i) => i.keyword === 'HEALTHCHECK');
  return checks[checks.length - 1];
}

/**
 * What can be told about the HEALTHCHECK without running it: there is one, it is not NONE,
 * it has a command Docker can run. What it does (and which path it asks) is judged by
 * running it (dockerHealth.ts).
 */
export function healthcheck(b: DockerBuild): DockerProblem[] {
  const hc = finalHealthcheck(b);
  if (!hc) return [{ line: b.last.from.line, message: 'The final stage has no HEALTHCHECK: add one (HEALTHCHECK CMD …) that asks the server\'s health endpoint, so the platform can restart a container that stopped answering.' }];
  if (/^none$/i.test(hc.args.trim())) return [{ line: hc.line, message: 'HEALTHCHECK NONE turns the health check off: write one (HEALTHCHECK CMD …) that asks the server\'s health endpoint.' }];
  if (!/^CMD(\s+\S|\s*\[)/i.test(instructionFlags(hc.args).rest)) return [{ line: hc.line, message: 'HEALTHCHECK needs a command: HEALTHCHECK [options] CMD <command>.' }];
  const command = healthCommand(b, hc);
  return 'problem' in command ? [{ line: hc.line, message: command.problem }] : [];
}

/** The health check's command as Docker runs it: exec form as written, shell form under the image's SHELL. */
export function healthCommand(b: DockerBuild, hc: DockerInstruction): { argv: string[] } | { problem: string } {
  const body = instructionFlags(hc.args).rest.replace(/^CMD\b\s*/i, '');
  const exec = execForm(body);
  if (exec) {
    // Docker makes the array the command itself (Test: ["CMD", …]); CMD-SHELL is compose's and the API's spelling, not a Dockerfile's.
    if (/^CMD(-SHELL)?$/.test(exec[0])) {
      return { problem: `HEALTHCHECK CMD ${JSON.stringify(exec)}: in a Dockerfile the JSON array is the command itself, so Docker would run a program called "${exec[0]}", which does not exist, and the container would never be healthy ("${exec[0]}" is docker-compose's spelling). Write HEALTHCHECK CMD ${exec[0] === 'CMD-SHELL' ? exec.slice(1).join(' ') : JSON.stringify(exec.slice(1))}.` };
    }
    return { argv: exec };
  }
  const at = b.finalInstructions.indexOf(hc);
  const shells = b.finalInstructions.filter((i, k) => i.keyword === 'SHELL' && k < at);
  const shell = shells.length ? execForm(shells[shells.length - 1].args) : undefined;
  return { argv: [...(shell ?? ['/bin/sh', '-c']), body] };
}

function execFormRule(b: DockerBuild): DockerProblem[] {
  const starts = b.finalInstructions.filter((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
  const entry = [...starts].reverse().find((i) => i.keyword === 'ENTRYPOINT');
  const cmd = [...starts].reverse().find((i) => i.keyword === 'CMD');
  if (!entry && !cmd) return [{ line: b.last.from.line, message: 'The final stage has no CMD or ENTRYPOINT, so the container does not know what to run: add CMD ["python", "…"].' }];
  return [entry, cmd]
    .filter((x): x is DockerInstruction => x !== undefined && !execForm(x.args))
    .map((ins) => ({ line: ins.line, message: `${ins.keyword} ${ins.args} is in shell form, so the program runs under /bin/sh, which does not pass on SIGTERM: docker stop waits 10 seconds, then kills it mid-request. Write it in exec form, a JSON array, for example ${ins.keyword} ${JSON.stringify(ins.args.trim().split(/\s+/))}.` }));
}

/** The rules, in the order their problems are reported. */
export const DOCKERFILE_RULES: readonly DockerRule[] = [
  { id: 'pinnedBase', description: 'Every FROM names a tag with a version number (not latest) or a digest.', problems: pinnedBase },
  { id: 'nonRootUser', description: 'The final stage ends as an unprivileged user that exists.', problems: nonRootUser },
  { id: 'noSecrets', description: 'No secret in the Dockerfile or in any file that reaches the image.', problems: (b) => secretProblems(b) },
  { id: 'expose', description: 'The final stage EXPOSEs the server\'s ports.', problems: (b, ports) => exposes(b, ports as readonly number[]) },
  { id: 'healthcheck', description: 'The final stage has a HEALTHCHECK with a command Docker can run (what it does is judged by running it).', problems: healthcheck },
  { id: 'execForm', description: 'The final stage\'s CMD/ENTRYPOINT is in exec form.', problems: execFormRule },
];

/** The Dockerfile parsed, with its final stage and the variables it sees; undefined when it has no stage. */
export function dockerBuild(parsed: ParsedDockerfile, context: DockerContext = {}): DockerBuild | undefined {
  const { stages, escape } = parsed;
  if (!stages.length) return undefined;
  const globals = new Map<string, string>();
  for (const a of parsed.globalArgs) for (const [k, v] of keyValues(a.args, false)) if (v !== undefined) globals.set(k, v);
  const finalInstructions = stageChain(stages, stages.length - 1).flatMap((s) => s.instructions);
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
  return { parsed, stages, escape, globals, last: stages[stages.length - 1], finalInstructions, varsAt, context };
}

/** Every way the Dockerfile breaks the rules, each with its line. */
export function dockerfileProblems(text: string, rules: DockerfileRules, context: DockerContext = {}): DockerProblem[] {
  const parsed = parseDockerfile(text);
  const problems: DockerProblem[] = parsed.errors.map((e) => ({ line: e.line, message: `Docker cannot build this: ${e.message}.` }));
  const build = dockerBuild(parsed, context);
  if (!build) return problems;
  for (const rule of DOCKERFILE_RULES) {
    const setting = rules[rule.id];
    if (setting === undefined || setting === false || (Array.isArray(setting) && !setting.length)) continue;
    problems.push(...rule.problems(build, setting as never));
  }
  return problems;
}
