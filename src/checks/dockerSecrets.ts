// Secrets in a Dockerfile and in what it puts into the image.

import type { DockerBuild } from './dockerfile';
import { type DockerProblem, keyValues } from './dockerfileParse';
import { contextSources, copiedFiles, dockerignore } from './dockerignore';

/** Words in a variable name that mean a secret: the list of Docker's own build check, SecretsUsedInArgOrEnv. */
const SECRET_WORDS = /(?:^|_)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;

export function isSecretName(name: string): boolean {
  const parts = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/-/g, '_');
  return SECRET_WORDS.test(parts) && !/(?:^|_)public(?:_|$)/i.test(parts);
}

/** Values that are secrets whatever they are called: cloud keys, tokens, private keys. */
export const SECRET_VALUES: readonly [RegExp, string][] = [
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

const plainWords = (ins: { args: string; heredocs: readonly string[] }) => `${ins.args}\n${ins.heredocs.join('\n')}`;

export function secretProblems(b: DockerBuild): DockerProblem[] {
  const problems: DockerProblem[] = [];
  const { stages, parsed, context } = b;
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
  return problems;
}
