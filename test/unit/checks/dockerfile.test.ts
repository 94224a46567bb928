// The Dockerfile rules: the parser (as Docker reads a Dockerfile) and each rule, on good and
// bad files, plus the structure check that reads the file and its build context.

import * as assert from 'assert';
import { checkStructure } from '../../../src/checks/structure';
import { DOCKERFILE_RULES, dockerfileProblems } from '../../../src/checks/dockerfile';
import { expand, imageRef, keyValues, parseDockerfile } from '../../../src/checks/dockerfileParse';
import { copiedFiles, dockerignore } from '../../../src/checks/dockerignore';
import { isSecretFile, isSecretName } from '../../../src/checks/dockerSecrets';
import type { DockerfileRules, StructureCheck } from '../../../src/core/model';
import { context, folder } from './helpers';

const ALL: DockerfileRules = { pinnedBase: true, nonRootUser: true, noSecrets: true, expose: [8000], healthcheck: true, execForm: true };

const GOOD = `# syntax=docker/dockerfile:1
FROM python:3.11-slim AS build
WORKDIR /src
COPY requirements.txt .
RUN pip wheel --wheel-dir /wheels -r requirements.txt

FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 \\
    PORT=8000
RUN useradd --create-home --uid 10001 app
COPY --from=build /wheels /wheels
COPY --chown=app:app app.py settings.py ./
USER app
EXPOSE 8000
HEALTHCHECK --interval=30s CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000/health')"]
CMD ["python", "app.py"]
`;

const messages = (text: string, rules: DockerfileRules = ALL, files: string[] = [], ignore?: string) =>
  dockerfileProblems(text, rules, { files, dockerignore: ignore }).map((p) => `${p.line}: ${p.message}`);

describe('checks: Dockerfile rules', () => {
  describe('the parser', () => {
    it('reads continuations, comment lines inside them, any case, and the stages', () => {
      const p = parseDockerfile(`# escape=\\
# a comment
from python:3.11-slim as Build
run apt-get update && \\
    # a comment inside the continuation is dropped
    apt-get install -y curl \\

    && rm -rf /var/lib/apt/lists/*
From build
CMD ["python"]
`);
      assert.deepStrictEqual(p.errors, []);
      assert.strictEqual(p.stages.length, 2);
      assert.strictEqual(p.stages[0].name, 'build');
      assert.strictEqual(p.stages[0].image, 'python:3.11-slim');
      const run = p.stages[0].instructions[0];
      assert.strictEqual(run.keyword, 'RUN');
      assert.strictEqual(run.line, 4);
      assert.match(run.args, /^apt-get update &&\s+apt-get install -y curl\s+&& rm -rf/);
      assert.ok(!run.args.includes('comment'));
      assert.strictEqual(p.stages[1].image, 'build');
      assert.strictEqual(p.stages[1].from.line, 9);
    });

    it('honours the escape directive (backtick) and keeps here-document bodies out of the instructions', () => {
      const p = parseDockerfile('# escape=`\nFROM python:3.11-slim\nRUN echo a `\n    b\nRUN <<EOF\nUSER root\nFROM python:latest\nEOF\nUSER app\n');
      assert.strictEqual(p.escape, '`');
      const ins = p.stages[0].instructions;
      assert.deepStrictEqual(
        ins.map((i) => i.keyword),
        ['RUN', 'RUN', 'USER'],
      );
      assert.match(ins[0].args, /^echo a\s+b$/);
      assert.strictEqual(ins[1].heredocs[0], 'USER root\nFROM python:latest');
      assert.strictEqual(p.stages.length, 1, 'a FROM inside a here-document is not a stage');
    });

    it('reports what Docker would refuse: no FROM, unknown instructions, instructions before FROM', () => {
      assert.match(messages('')[0], /no FROM instruction/);
      assert.match(messages('# FROM python:3.11-slim\n')[0], /no FROM instruction/);
      const m = messages('ENV A=1\nFROM python:3.11-slim\nRUNN pip install x\n', {});
      assert.ok(m.some((x) => /^1: .*ENV comes before the first FROM/.test(x)), m.join('\n'));
      assert.ok(m.some((x) => /^3: .*unknown instruction "RUNN"/.test(x)), m.join('\n'));
    });

    it('splits ENV and ARG pairs, quoted values and the old "ENV KEY value" form', () => {
      assert.deepStrictEqual(keyValues('A=1 B="two words" C', false), [
        ['A', '1'],
        ['B', 'two words'],
        ['C', undefined],
      ]);
      assert.deepStrictEqual(keyValues('API_KEY sk-abc def', true), [['API_KEY', 'sk-abc def']]);
    });

    it('expands variables with defaults and says which it could not', () => {
      const vars = new Map([['PY', '3.11']]);
      assert.deepStrictEqual(expand('python:${PY}-slim', vars), { value: 'python:3.11-slim', unresolved: [] });
      assert.deepStrictEqual(expand('python:${TAG:-3.12}', vars), { value: 'python:3.12', unresolved: [] });
      assert.deepStrictEqual(expand('python:$TAG', vars), { value: 'python:', unresolved: ['TAG'] });
    });

    it('reads image references: registry ports, tags and digests', () => {
      assert.deepStrictEqual(imageRef('python'), { name: 'python', digest: undefined });
      assert.deepStrictEqual(imageRef('localhost:5000/team/python:3.11'), { name: 'localhost:5000/team/python', tag: '3.11', digest: undefined });
      assert.deepStrictEqual(imageRef('python@sha256:abc'), { name: 'python', digest: 'sha256:abc' });
    });
  });

  describe('the rules', () => {
    it('a good multi-stage Dockerfile keeps every rule', () => {
      assert.deepStrictEqual(messages(GOOD, ALL, ['app.py', 'settings.py', 'requirements.txt', '.env'], '.env\n'), []);
    });

    it('pinned base: no tag, latest, a tag without a version, an ARG without default; digests, earlier stages and scratch are fine', () => {
      const pinned = { pinnedBase: true };
      assert.match(messages('FROM python\n', pinned)[0], /^1: FROM python has no tag, so Docker pulls python:latest/);
      assert.match(messages('FROM python:latest\n', pinned)[0], /uses the tag "latest"/);
      assert.match(messages('FROM python:slim\n', pinned)[0], /the tag "slim" names no version/);
      assert.match(messages('ARG TAG\nFROM python:$TAG\n', pinned)[0], /\$TAG, which has no default value/);
      assert.match(messages('ARG TAG=latest\nFROM python:${TAG}\n', pinned)[0], /python:\$\{TAG\} \(that is, python:latest\)/);
      assert.deepStrictEqual(messages('ARG PY=3.11\nFROM python:${PY}-slim\n', pinned), []);
      assert.deepStrictEqual(messages(`FROM python@sha256:${'a'.repeat(64)}\n`, pinned), []);
      assert.match(messages('FROM python@sha256:1234\n', pinned)[0], /not an image digest/);
      assert.deepStrictEqual(messages('FROM python:3.11-slim AS base\nFROM base\nFROM scratch\n', pinned), []);
      assert.match(messages('FROM python:3.11-slim AS base\nFROM python AS final\n', pinned)[0], /^2: FROM python has no tag/, 'every stage is checked');
    });

    it('non-root user: missing, root at the end, a user never created, a user from a variable', () => {
      const nonRoot = { nonRootUser: true };
      assert.match(messages('FROM python:3.11-slim\nCMD ["python"]\n', nonRoot)[0], /runs as root: it has no USER/);
      assert.match(messages('FROM python:3.11-slim\nRUN useradd app\nUSER app\nUSER root\n', nonRoot)[0], /^4: The last USER in the final stage is root/);
      assert.match(messages('FROM python:3.11-slim\nUSER 0:0\n', nonRoot)[0], /is 0, so the container runs as root/);
      assert.match(messages('FROM python:3.11-slim\nUSER app\n', nonRoot)[0], /no RUN in the final stage creates the user app/);
      assert.match(messages('FROM python:3.11-slim\nARG U=root\nUSER $U\n', nonRoot)[0], /is root/);
      assert.deepStrictEqual(messages('FROM python:3.11-slim\nUSER 10001\n', nonRoot), []);
      assert.deepStrictEqual(messages('FROM python:3.11-slim\nRUN adduser --disabled-password --gecos "" svc\nUSER svc:svc\n', nonRoot), []);
    });

    it('non-root user: only the final stage counts, with what it inherits from an earlier stage', () => {
      const nonRoot = { nonRootUser: true };
      assert.match(messages('FROM python:3.11-slim AS build\nRUN useradd app\nUSER app\nFROM python:3.11-slim\nCMD ["python"]\n', nonRoot)[0], /^4: The final stage runs as root/);
      assert.deepStrictEqual(messages('FROM python:3.11-slim AS base\nRUN useradd app\nUSER app\nFROM base\nCMD ["python"]\n', nonRoot), []);
    });

    it('no secrets: ENV and ARG names, token values, RUN assignments, secrets files copied from the context', () => {
      const secrets = { noSecrets: true };
      assert.match(messages('FROM python:3.11-slim\nENV API_KEY=abc\n', secrets)[0], /^2: ENV API_KEY bakes a secret into the image/);
      assert.match(messages('FROM python:3.11-slim\nenv DB_PASSWORD hunter2\n', secrets)[0], /ENV DB_PASSWORD bakes a secret/);
      assert.match(messages('ARG HF_TOKEN\nFROM python:3.11-slim\n', secrets)[0], /^1: ARG HF_TOKEN bakes a secret/);
      assert.match(messages('FROM python:3.11-slim\nENV MODEL_URL=https://x/ CLOUD=AKIAABCDEFGHIJKLMNOP\n', secrets)[0], /ENV CLOUD holds what looks like an AWS access key id/);
      assert.match(messages('FROM python:3.11-slim\nRUN echo "API_TOKEN=abc123" >> /etc/environment\n', secrets)[0], /RUN sets API_TOKEN to a value written in the Dockerfile/);
      assert.match(messages('FROM python:3.11-slim\nCOPY .env /app/.env\n', secrets)[0], /COPY \.env copies a secrets file/);
      assert.match(messages('FROM python:3.11-slim\nCOPY . /app\n', secrets, ['app.py', '.env'])[0], /COPY \. copies \.env into the image.*\.dockerignore/);
      assert.match(messages('FROM python:3.11-slim\nADD ["config/", "/app/config/"]\n', secrets, ['config/gcp-credentials.json', 'config/app.toml'])[0], /copies config\/gcp-credentials\.json/);
      assert.deepStrictEqual(messages('FROM python:3.11-slim\nCOPY . /app\n', secrets, ['app.py', '.env', '.env.example'], '# local secrets\n.env\n'), []);
      assert.deepStrictEqual(messages('FROM python:3.11-slim\nCOPY app.py /app/\nRUN --mount=type=secret,id=pip_token,env=PIP_TOKEN pip install x\nENV PORT=8000 MODEL_PATH=/models/m.json\n', secrets, ['app.py', '.env']), []);
      assert.deepStrictEqual(messages('FROM python:3.11-slim AS build\nFROM python:3.11-slim\nCOPY --from=build /root/.env /x\n', secrets), [], 'COPY --from takes nothing from the context');
    });

    it('expose, healthcheck and exec form, in the final stage', () => {
      const m = messages('FROM python:3.11-slim\nEXPOSE 8080\nHEALTHCHECK NONE\nCMD python app.py\n', { expose: [8000], healthcheck: true, execForm: true });
      assert.strictEqual(m.length, 3, m.join('\n'));
      assert.match(m[0], /does not EXPOSE 8000/);
      assert.match(m[1], /^3: HEALTHCHECK NONE turns the health check off/);
      assert.match(m[2], /^4: CMD python app.py is in shell form.*CMD \["python","app.py"\]/);
      assert.match(messages('FROM python:3.11-slim\n', { healthcheck: true, execForm: true })[1], /no CMD or ENTRYPOINT/);
      assert.deepStrictEqual(messages('FROM python:3.11-slim\nARG P=8000\nEXPOSE ${P}/tcp\nHEALTHCHECK CMD curl -f http://localhost:8000/health\nENTRYPOINT ["python", "app.py"]\n', { expose: [8000], healthcheck: true, execForm: true }), []);
      assert.match(messages('FROM python:3.11-slim AS a\nEXPOSE 8000\nFROM python:3.11-slim\n', { expose: [8000] })[0], /does not EXPOSE 8000/, 'an unrelated stage does not count');
    });

    it('healthcheck without running it: a command Docker can run; what it does is judged by running it (dockerHealth.test.ts)', () => {
      const rules = { healthcheck: '/health' };
      assert.match(messages('FROM python:3.11-slim\nHEALTHCHECK --start-period=5s CMD\n', rules)[0], /needs a command/);
      assert.match(messages('FROM python:3.11-slim\nHEALTHCHECK --interval=5s CMD ["CMD-SHELL", "curl -f http://localhost:8000/health"]\n', rules)[0], /^2: HEALTHCHECK CMD \["CMD-SHELL",.*a program called "CMD-SHELL"/);
      assert.deepStrictEqual(messages('FROM python:3.11-slim\nHEALTHCHECK CMD ["true"]\n', rules), [], 'a command that never asks the server fails when it runs, not here');
      assert.deepStrictEqual(messages('FROM python:3.11-slim\nHEALTHCHECK --interval=30s \\\n  CMD curl -f http://localhost:8000/health || exit 1\n', rules), []);
    });

    it('the rules are a table: one entry for each rule an exercise can ask for', () => {
      const ids = DOCKERFILE_RULES.map((r) => r.id);
      assert.deepStrictEqual([...ids].sort(), ['execForm', 'expose', 'healthcheck', 'noSecrets', 'nonRootUser', 'pinnedBase']);
      for (const r of DOCKERFILE_RULES) assert.ok(r.description.length > 20, r.id);
      assert.deepStrictEqual(messages('FROM python\n', {}), [], 'a rule not asked for finds nothing');
    });
  });

  describe('names and the build context', () => {
    it('secret names as Docker reads them', () => {
      for (const n of ['API_KEY', 'apiKey', 'AWS_SECRET_ACCESS_KEY', 'DB_PASSWORD', 'HF_TOKEN', 'AUTH']) assert.ok(isSecretName(n), n);
      for (const n of ['PORT', 'MODEL_PATH', 'LOG_LEVEL', 'PUBLIC_KEY', 'MONKEY', 'TOKENIZER_NAME']) assert.ok(!isSecretName(n), n);
    });

    it('secrets files, and examples that are not', () => {
      for (const f of ['.env', 'config/.env.production', 'prod.env', 'id_rsa', 'server.pem', 'gcp-credentials.json', 'gcp-service-account.json', '.netrc']) assert.ok(isSecretFile(f), f);
      for (const f of ['.env.example', 'app.py', 'id_rsa.pub', 'environment.yml', 'requirements.txt']) assert.ok(!isSecretFile(f), f);
    });

    it('.dockerignore: folders, **, negation (the last match wins)', () => {
      const ignored = dockerignore('# comment\n**/.env\nnotebooks/\n*.csv\n!keep.csv\n');
      assert.ok(ignored('.env'));
      assert.ok(ignored('config/.env'));
      assert.ok(ignored('notebooks/eda.ipynb'));
      assert.ok(ignored('train.csv'));
      assert.ok(!ignored('keep.csv'));
      assert.ok(!ignored('app.py'));
      assert.ok(!dockerignore(undefined)('.env'));
    });

    it('what a COPY source takes from the context', () => {
      const files = ['app.py', 'settings.py', 'models/model.json', '.env', 'tests/test_app.py'];
      assert.deepStrictEqual(copiedFiles('.', files, () => false), files);
      assert.deepStrictEqual(copiedFiles('./models/', files, () => false), ['models/model.json']);
      assert.deepStrictEqual(copiedFiles('*.py', files, () => false), ['app.py', 'settings.py']);
      assert.deepStrictEqual(copiedFiles('.', files, (f) => f === '.env'), ['app.py', 'settings.py', 'models/model.json', 'tests/test_app.py']);
    });
  });

  it('the structure check reads the Dockerfile and its build context, and puts each problem on its line', async () => {
    const spec: StructureCheck = { type: 'structure', assert: [{ dockerfile: { file: 'deploy/Dockerfile', ...ALL } }] };
    const bad = await folder({ 'deploy/Dockerfile': 'FROM python:latest\nCOPY . /app\nCMD python app.py\n', 'deploy/app.py': 'print(1)\n', 'deploy/.env': 'API_KEY=x\n' });
    const r = await checkStructure(spec, context(bad, [spec]));
    assert.strictEqual(r.status, 'failed');
    assert.match(r.summary, /^deploy\/Dockerfile:1: FROM python:latest uses the tag "latest".*\(and 5 more\)$/);
    assert.ok(r.details.some((d) => /deploy\/Dockerfile:2: COPY \. copies \.env/.test(d)), r.details.join('\n'));
    assert.deepStrictEqual(
      r.findings.map((f) => f.line),
      [1, 1, 2, 1, 1, 3],
    );
    const good = await folder({ 'deploy/Dockerfile': GOOD, 'deploy/app.py': 'print(1)\n', 'deploy/.env': 'API_KEY=x\n', 'deploy/.dockerignore': '.env\n' });
    assert.strictEqual((await checkStructure(spec, context(good, [spec]))).status, 'passed');
    const missing = await checkStructure(spec, context(await folder({}), [spec]));
    assert.match(missing.summary, /deploy\/Dockerfile does not exist yet/);
  });
});
