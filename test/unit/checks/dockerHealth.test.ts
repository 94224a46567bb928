// The HEALTHCHECK judged by behaviour: its command runs beside a stand-in server that is up
// (200 on every path), down (nothing listening) and broken (500). Honest checks in exec and
// shell form pass (Python's urllib, curl -f, a script file, a port from ENV); checks that
// cannot fail (true, || exit 0, || true, curl without -f) fail; a missing program is told as
// setup. Run in a private network namespace where the machine has one, and with the ports
// rewritten where it has none.

import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { dockerBuild, finalHealthcheck, healthcheck } from '../../../src/checks/dockerfile';
import { forceHealthIsolation, healthIsolated, judgeHealthcheck } from '../../../src/checks/dockerHealth';
import { parseDockerfile } from '../../../src/checks/dockerfileParse';
import { checkStructure } from '../../../src/checks/structure';
import { type CommandRun, MissingToolError } from '../../../src/checks/types';
import type { StructureCheck } from '../../../src/core/model';
import { context, folder, PYTHON } from './helpers';

const PY_OK = `HEALTHCHECK --interval=30s --timeout=3s CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000/health', timeout=2)"]`;

async function judge(dockerfile: string, opts: { path?: string; files?: Record<string, string>; runMs?: number } = {}): Promise<{ problems: string[]; notes: string[]; runs: CommandRun[] }> {
  const dir = await folder({ Dockerfile: dockerfile, ...(opts.files ?? {}) });
  const build = dockerBuild(parseDockerfile(dockerfile))!;
  const hc = finalHealthcheck(build)!;
  assert.deepStrictEqual(healthcheck(build), [], 'the static rule has nothing against it');
  const runs: CommandRun[] = [];
  const verdict = await judgeHealthcheck(build, hc, { path: opts.path, contextDir: dir, runMs: opts.runMs }, context(dir, []), runs);
  return { problems: verdict.problems.map((p) => `${p.line}: ${p.message}`), notes: verdict.notes, runs };
}

const image = (hc: string, extra = '') => `FROM python:3.11-slim\nENV PORT=8000\n${extra}EXPOSE 8000\n${hc}\nCMD ["python", "app.py"]\n`;

for (const mode of [undefined, 'ports'] as const) {
  describe(`checks: the HEALTHCHECK by behaviour (${mode === 'ports' ? 'ports rewritten, as on a machine without namespaces' : 'as this machine allows'})`, () => {
    before(() => forceHealthIsolation(mode));
    after(() => forceHealthIsolation(undefined));

    it('an exec-form check with Python urllib passes, asks /health, and says how it ran', async () => {
      const r = await judge(image(PY_OK), { path: '/health' });
      assert.deepStrictEqual(r.problems, []);
      assert.strictEqual(r.runs.length, 3, 'up, down and broken');
      assert.ok(r.runs.every((run) => run.argv.includes('-I')), 'every run is the stand-in with the command');
      const isolated = await healthIsolated(PYTHON.path);
      assert.strictEqual(isolated, mode === undefined ? isolated : false);
      assert.match(r.notes.join('\n'), isolated ? /^The HEALTHCHECK ran in a private network namespace \(unshare -r -n\), beside a stand-in server on port 8000\.$/ : /^This machine allows no private network namespace, so the HEALTHCHECK ran with its port rewritten to a free one \(8000 → \d+\)/);
    });

    it('a server already on the port (this machine\'s) answers for no stand-in: "down" is really down', async () => {
      const busy = http.createServer((_req, res) => res.end('ok'));
      await new Promise<void>((resolve) => busy.listen(0, resolve));
      const port = (busy.address() as AddressInfo).port;
      try {
        const { problems } = await judge(`FROM python:3.11-slim\nEXPOSE ${port}\nHEALTHCHECK CMD curl -f http://localhost:${port}/health\n`, { path: '/health' });
        assert.deepStrictEqual(problems, []);
      } finally {
        busy.close();
      }
    });

    it('shell-form curl -f, a port from ENV, and a script file in the build context pass', async () => {
      assert.deepStrictEqual((await judge(image('HEALTHCHECK CMD curl -fsS "http://127.0.0.1:${PORT}/health" > /dev/null || exit 1'), { path: '/health' })).problems, []);
      const script = 'import os, sys, urllib.request\ntry:\n    urllib.request.urlopen(f"http://localhost:{os.environ[\'PORT\']}/health", timeout=2)\nexcept Exception:\n    sys.exit(1)\n';
      assert.deepStrictEqual((await judge(image('HEALTHCHECK CMD ["python3", "healthcheck.py"]'), { path: '/health', files: { 'healthcheck.py': script } })).problems, []);
    });

    it('checks that can never fail, fail: true, || exit 0, || true', async () => {
      for (const hc of ['HEALTHCHECK CMD true', 'HEALTHCHECK CMD curl -f http://localhost:8000/health || exit 0', 'HEALTHCHECK CMD ["sh", "-c", "curl -f http://localhost:8000/health || true"]']) {
        const { problems } = await judge(image(hc));
        assert.ok(
          problems.some((p) => /^4: With nothing listening \(port 8000(, run on \d+)?\), HEALTHCHECK .* still exited 0, so it reports "healthy" when the server is down and can never fail/.test(p)),
          `${hc}:\n${problems.join('\n')}`,
        );
      }
    });

    it('curl without --fail says "healthy" to a server that answers 500', async () => {
      const { problems } = await judge(image('HEALTHCHECK CMD curl -s http://localhost:8000/health'));
      assert.strictEqual(problems.length, 1, problems.join('\n'));
      assert.match(problems[0], /^4: With a server answering 500 Internal Server Error \(port 8000(, run on \d+)?\), .* exited 0.*curl --fail/);
    });

    it('a check of another path, or of another port, is told what it asked', async () => {
      const other = await judge(image('HEALTHCHECK CMD curl -f http://localhost:8000/healthz'), { path: '/health' });
      assert.deepStrictEqual(other.problems.length, 1, other.problems.join('\n'));
      assert.match(other.problems[0], /asked the stand-in server for \/healthz, not for \/health/);
      const port = await judge(image('HEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen(\'http://localhost:\' + str(9 * 1000 + 9) + \'/health\', timeout=2)"]'));
      assert.match(port.problems[0], /^4: With a stand-in server answering 200 on every path \(port 8000(, run on \d+)?\), .* exited with code 1 \(".*(Connection refused|urlopen error).*"\): a health check must succeed/);
    });

    it('a command that hangs is stopped and reported', async () => {
      const { problems } = await judge(image('HEALTHCHECK CMD sleep 30'), { runMs: 1000 });
      assert.match(problems[0], /HEALTHCHECK CMD sleep 30 did not finish within 1 s/);
    });
  });
}

describe('checks: the HEALTHCHECK that cannot be tried, or is not Docker\'s', () => {
  it('a program this machine does not have is a setup problem, named', async () => {
    for (const hc of ['HEALTHCHECK CMD upskill-no-such-probe http://localhost:8000/health', 'HEALTHCHECK CMD ["upskill-no-such-probe", "http://localhost:8000/health"]']) {
      await assert.rejects(
        judge(image(hc)),
        (e: unknown) => e instanceof MissingToolError && /^The HEALTHCHECK runs upskill-no-such-probe, which is not installed on this machine/.test(e.message),
      );
    }
  });

  it('CMD-SHELL inside the JSON array is a program name to Docker: refused, with the spelling that works', () => {
    const build = dockerBuild(parseDockerfile(image('HEALTHCHECK CMD ["CMD-SHELL", "curl -f http://localhost:8000/health || exit 1"]')))!;
    const [p] = healthcheck(build);
    assert.strictEqual(p.line, 4);
    assert.match(p.message, /Docker would run a program called "CMD-SHELL".*Write HEALTHCHECK CMD curl -f http:\/\/localhost:8000\/health \|\| exit 1\.$/);
  });

  it('the structure check runs it and puts the verdict on the HEALTHCHECK line', async () => {
    const spec: StructureCheck = { type: 'structure', assert: [{ dockerfile: { file: 'Dockerfile', healthcheck: '/health', expose: [8000] } }] };
    const good = await folder({ Dockerfile: image(PY_OK) });
    const passed = await checkStructure(spec, context(good, [spec]));
    assert.strictEqual(passed.status, 'passed', passed.details.join('\n'));
    assert.ok(passed.runs.some((r) => r.argv.includes('-I') && r.argv[r.argv.length - 1].includes('urlopen')), 'the runs name what ran');
    await fs.writeFile(path.join(good, 'Dockerfile'), image('HEALTHCHECK CMD curl -f http://localhost:8000/health || exit 0'));
    const failed = await checkStructure(spec, context(good, [spec]));
    assert.strictEqual(failed.status, 'failed');
    assert.match(failed.summary, /^Dockerfile:4: With nothing listening/);
    assert.deepStrictEqual(
      failed.findings.map((f) => f.line),
      [4],
    );
  });
});
