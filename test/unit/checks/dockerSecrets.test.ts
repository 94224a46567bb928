// Secrets found by what they are, wherever they land: each kind (private keys, service-account
// JSON, token shapes, the build context's .env values) by each route into the image (a COPY
// under another file name, a bind mount a RUN copies from, a stage the final one takes from,
// CMD, ENV/ARG/LABEL, here-documents); and what is fine: a build secret mount, a .env file
// left out by .dockerignore, a builder stage that holds a secret the final stage never takes.

import * as assert from 'assert';
import { dockerfileProblems } from '../../../src/checks/dockerfile';
import { dotenvSecrets, secretKinds } from '../../../src/checks/dockerSecrets';

// Made at run time, so that no secret-shaped string sits in the repository.
const PEM = ['-----BEGIN RSA', 'PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\n-----END RSA', 'PRIVATE KEY-----\n'].join(' ');
const OPENSSH = ['-----BEGIN OPENSSH', 'PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE\n-----END OPENSSH', 'PRIVATE KEY-----\n'].join(' ');
const SERVICE_ACCOUNT = JSON.stringify({ type: 'service_account', project_id: 'churn-prod', private_key_id: 'abc', client_email: 'trainer@churn-prod.iam.gserviceaccount.com' }, null, 2);
const AWS = ['AKIA', 'QWERTYUIOPASDFGH'].join('');
const GITHUB = ['ghp', '_', 'a1B2'.repeat(9)].join('');
const DOTENV_VALUE = 'dev-only-4f9a2c7e1b8d';
const DOTENV = `# local only\nPORT=8000\nAPI_KEY=${DOTENV_VALUE}\nDB_PASSWORD=changeme\n`;
const ALL_SECRETS = [PEM, OPENSSH, SERVICE_ACCOUNT, AWS, GITHUB, DOTENV_VALUE, 'MIIEpAIBAAKCAQEA7', 'b3BlbnNzaC1rZXktdjE'];

const BASE = 'FROM python:3.11-slim\nWORKDIR /app\n';

function problems(dockerfile: string, files: Record<string, string> = {}, ignore?: string): string[] {
  const found = dockerfileProblems(dockerfile, { noSecrets: true }, { files: Object.keys(files).sort(), read: (f) => files[f], dockerignore: ignore }).map((p) => `${p.line}: ${p.message}`);
  // Whatever is found, no message ever shows the secret itself.
  for (const m of found) for (const s of ALL_SECRETS) assert.ok(!m.includes(s.trim()), `the message shows a secret: ${m}`);
  return found;
}

function refused(dockerfile: string, files: Record<string, string>, pattern: RegExp, ignore?: string): void {
  const found = problems(dockerfile, files, ignore);
  assert.ok(
    found.some((m) => pattern.test(m)),
    `expected ${pattern} among:\n${found.join('\n') || '(nothing found)'}`,
  );
}

const APP = { 'app.py': 'import os\nKEY = os.environ["API_KEY"]\n', 'requirements.txt': 'numpy==1.26.4\n' };

describe('checks: Dockerfile secrets by content', () => {
  describe('the kinds', () => {
    it('tells each kind by its content, and the .env values that are secrets', () => {
      assert.deepStrictEqual(secretKinds(PEM), ['a private key']);
      assert.deepStrictEqual(secretKinds(OPENSSH), ['a private key']);
      assert.deepStrictEqual(secretKinds(SERVICE_ACCOUNT), ['a cloud service-account key (JSON with "type": "service_account")']);
      assert.deepStrictEqual(secretKinds(`key = "${AWS}"`), ['an AWS access key id']);
      assert.deepStrictEqual(secretKinds(GITHUB), ['a GitHub token']);
      assert.deepStrictEqual(secretKinds('pip install --index-url https://build:s3cret@pypi.example.invalid/simple x'), ['a URL with a password in it']);
      assert.deepStrictEqual(secretKinds('{"type": "service_account", "project_id": "x"}'), [], 'the type alone is not a key');
      assert.deepStrictEqual(secretKinds('https://$USER:$TOKEN@host/ and import os'), []);
      const known = dotenvSecrets(['.env', '.env.example', 'app.py'], (f) => (f === '.env' ? DOTENV : f === '.env.example' ? 'API_KEY=real-looking-123\n' : ''));
      assert.deepStrictEqual(
        known.map((k) => [k.name, k.file]),
        [['API_KEY', '.env']],
        'PORT is no secret, "changeme" is a placeholder, and a template defines none',
      );
      assert.deepStrictEqual(secretKinds(`api_key = ${DOTENV_VALUE}`, known), ['the value of API_KEY from .env']);
    });
  });

  describe('the routes into the image', () => {
    it('a key or credentials under another file name, taken by COPY', () => {
      refused(`${BASE}COPY deploy.txt /app/\n`, { ...APP, 'deploy.txt': PEM }, /^3: COPY deploy\.txt puts a secret into the image: deploy\.txt holds a private key/);
      refused(`${BASE}COPY . .\n`, { ...APP, 'config/app.json': SERVICE_ACCOUNT }, /^3: COPY \. puts a secret into the image: config\/app\.json holds a cloud service-account key/);
      refused(`${BASE}COPY *.py ./\n`, { ...APP, 'settings.py': `AWS = "${AWS}"\n` }, /COPY \*\.py puts a secret into the image: settings\.py holds an AWS access key id/);
      refused(`${BASE}COPY ["keys", "/home/app/.ssh"]\n`, { ...APP, 'keys/deploy': OPENSSH }, /keys\/deploy holds a private key/);
    });

    it('a .env value copied under another name, even with .env itself left out by .dockerignore', () => {
      refused(`${BASE}COPY . .\n`, { ...APP, '.env': DOTENV, 'conf/settings.ini': `[api]\nkey = ${DOTENV_VALUE}\n` }, /COPY \. puts a secret into the image: conf\/settings\.ini holds the value of API_KEY from \.env/, '.env\n');
    });

    it('a file a RUN copies from a bind mount', () => {
      refused(`${BASE}RUN --mount=type=bind,source=deploy.txt,target=/tmp/k cp /tmp/k /app/key\n`, { ...APP, 'deploy.txt': PEM }, /^3: RUN --mount=type=bind,source=deploy\.txt .* puts a secret into the image: deploy\.txt holds a private key/);
      refused(`${BASE}RUN --mount=target=/src cat /src/conf/creds.json > /app/creds.json\n`, { ...APP, 'conf/creds.json': SERVICE_ACCOUNT }, /conf\/creds\.json holds a cloud service-account key/);
      assert.deepStrictEqual(problems(`${BASE}RUN --mount=type=bind,source=requirements.txt,target=/tmp/r.txt pip install -r /tmp/r.txt\n`, { ...APP, 'deploy.txt': PEM }), [], 'a mount that is only read puts nothing in the image');
    });

    it('written into CMD or ENTRYPOINT: a token, a .env value, a secret flag', () => {
      refused(`${BASE}CMD ["python", "app.py", "--token", "${GITHUB}"]\n`, APP, /^3: CMD holds what looks like a GitHub token/);
      refused(`${BASE}ENTRYPOINT python app.py --key ${DOTENV_VALUE}\n`, { ...APP, '.env': DOTENV }, /^3: ENTRYPOINT holds what looks like the value of API_KEY from \.env/, '.env\n');
      refused(`${BASE}CMD ["python", "app.py", "--api-key", "s3cr3t-value"]\n`, APP, /^3: CMD sets --api-key to a value written in the Dockerfile/);
      refused(`${BASE}CMD API_TOKEN=abc123 python app.py\n`, APP, /^3: CMD sets API_TOKEN to a value/);
      assert.deepStrictEqual(problems(`${BASE}CMD ["python", "app.py", "--api-key", "$API_KEY"]\n`, APP), []);
    });

    it('values in ENV, ARG and LABEL, by what they hold', () => {
      refused(`${BASE}ENV GOOGLE_APPLICATION_CONFIG='${SERVICE_ACCOUNT.replace(/\n\s*/g, ' ')}'\n`, APP, /^3: ENV GOOGLE_APPLICATION_CONFIG holds what looks like a cloud service-account key/);
      refused(`ARG BOOTSTRAP=${AWS}\n${BASE}`, APP, /^1: ARG BOOTSTRAP holds what looks like an AWS access key id/);
      refused(`${BASE}LABEL org.example.deploy="${GITHUB}"\n`, APP, /^3: LABEL holds what looks like a GitHub token/);
      refused(`${BASE}ENV SETTINGS=${DOTENV_VALUE}\n`, { ...APP, '.env': DOTENV }, /ENV SETTINGS holds what looks like the value of API_KEY from \.env/, '.env\n');
    });

    it('here-documents: a RUN script and a file a COPY writes', () => {
      refused(`${BASE}RUN <<EOF\necho "${GITHUB}" > /root/.token\nEOF\n`, APP, /^3: RUN holds what looks like a GitHub token/);
      refused(`${BASE}COPY <<EOF /app/config.env\nAPI_KEY=abcdef123456\nEOF\n`, APP, /^3: COPY writes API_KEY with a value into a file in the image/);
      refused(`${BASE}COPY <<EOF /home/app/.ssh/id_ed25519\n${OPENSSH}EOF\n`, APP, /^3: COPY holds what looks like a private key/);
    });

    it('multi-stage: only what reaches the final stage counts', () => {
      const builder = `FROM python:3.11-slim AS build\nWORKDIR /build\nCOPY deploy.txt requirements.txt ./\nRUN pip wheel --wheel-dir /build/wheels -r requirements.txt\n`;
      const files = { ...APP, 'deploy.txt': PEM };
      assert.deepStrictEqual(problems(`${builder}FROM python:3.11-slim\nCOPY --from=build /build/wheels /wheels\nCOPY app.py /app/\n`, files), [], 'the builder holds the key, the image does not');
      refused(`${builder}FROM python:3.11-slim\nCOPY --from=build /build /app\n`, files, /^6: COPY --from=build \/build \(deploy\.txt got there through COPY deploy\.txt, line 3\) puts a secret into the image: deploy\.txt holds a private key/);
      refused(`${builder}FROM build\nCMD ["python", "app.py"]\n`, files, /^3: COPY deploy\.txt puts a secret into the image/);
      refused(`${builder.replace('RUN pip', 'RUN cp deploy.txt /build/wheels/ && pip')}FROM python:3.11-slim\nCOPY --from=0 /build/wheels /wheels\n`, files, /COPY --from=0 \/build\/wheels .* deploy\.txt holds a private key/);
    });
  });

  describe('what is fine', () => {
    it('a build secret mount, a .env left out by .dockerignore, keys in the context that no COPY takes', () => {
      const files = { ...APP, '.env': DOTENV, '.env.example': 'API_KEY=\n', 'deploy.txt': PEM };
      const dockerfile = `${BASE}COPY requirements.txt .\nRUN --mount=type=secret,id=pip_token,env=PIP_TOKEN pip install -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n`;
      assert.deepStrictEqual(problems(dockerfile, files, '.env\n*.txt\n!requirements.txt\n'), []);
      assert.deepStrictEqual(problems(`${BASE}COPY app.py requirements.txt ./\nRUN --mount=type=secret,id=gh,target=/run/secrets/gh GH_TOKEN=$(cat /run/secrets/gh) pip install -r requirements.txt\n`, files), []);
    });

    it('app code that reads its secrets from the environment, and examples with placeholders', () => {
      const files = { ...APP, '.env': DOTENV, '.env.example': 'API_KEY=your-key-here\nDB_PASSWORD=\n', 'README.md': 'Set API_KEY=<your key> before running.\n' };
      assert.deepStrictEqual(problems(`${BASE}COPY . .\n`, files, '.env\n'), []);
    });
  });
});
