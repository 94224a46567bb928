// The HEALTHCHECK judged by what it does: its command is run three times, beside a stand-in
// for the server that answers 200 on every path ("up"), beside nothing at all ("down"), and
// beside one that answers 500 ("broken"). A health check must succeed when the server is up
// and fail in both other cases; `CMD true`, `… || exit 0` and `curl` without --fail cannot.
//
// The stand-in and the command run together in a private network namespace (unshare -r -n,
// loopback brought up inside), so the port is free whatever runs on this machine and no
// request leaves it. Where the machine allows no namespace, the ports are rewritten to free
// ones in the command and the image's environment, and the check says so. Each run is
// time-boxed; the command runs with the image's ENV, in the build context folder, with
// `python`/`python3` meaning the learner's interpreter.

import { randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import * as net from 'net';
import * as path from 'path';
import { type DockerBuild, exposedPorts, finalHealthcheck, healthcheck, healthCommand } from './dockerfile';
import { type DockerInstruction, type DockerProblem, expand, keyValues } from './dockerfileParse';
import { runProcess, timeLeft } from './process';
import { type CheckContext, type CommandRun, MissingToolError } from './types';
// The stand-in server and the runner of the command, in one Python process (so both are in
// the same namespace). It answers with `status` on every port and path (or opens no port),
// logs each request's method and path, runs the command and exits with its exit code.
import STANDIN from '../../resources/python/upskill_health.py';

/** How long one run of the health-check command may take. */
export const HEALTH_RUN_MS = 5_000;

type Scenario = 'up' | 'down' | 'broken';
const STATUS: Record<Scenario, number> = { up: 200, down: 0, broken: 500 };

let namespaceProbe: Promise<boolean> | undefined;
/** Whether a private network namespace with a working loopback can be had here (asked once). */
async function canIsolate(python: string): Promise<boolean> {
  if (process.platform !== 'linux') return false;
  namespaceProbe ??= runProcess(['unshare', '-r', '-n', '--', python, '-I', '-c', STANDIN, JSON.stringify({ loopback: true, probe: true }), '--'], { cwd: '/', timeoutMs: 10_000 }).then((r) => r.exitCode === 0);
  return namespaceProbe;
}

/** Whether the health check runs in a private network namespace on this machine (or as forced by a test). */
export async function healthIsolated(python: string): Promise<boolean> {
  return forced ? forced === 'namespace' : canIsolate(python);
}

let forced: 'namespace' | 'ports' | undefined;
/** Tests only: judge as if the machine had (or lacked) network namespaces; undefined to ask it. */
export function forceHealthIsolation(mode: 'namespace' | 'ports' | undefined): void {
  forced = mode;
}

/** A port on this machine that is free now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The environment the image gives the command: its ENV (ARG values do not reach a running container). */
function imageEnv(b: DockerBuild, hc: DockerInstruction): Record<string, string> {
  const env: Record<string, string> = {};
  for (const ins of b.finalInstructions) {
    if (ins === hc) break;
    if (ins.keyword !== 'ENV') continue;
    const vars = b.varsAt(ins);
    for (const [k, v] of keyValues(ins.args, true)) env[k] = expand(v ?? '', vars, b.escape).value;
  }
  return env;
}

const LOCAL_URL = /\b(https?:\/\/)?(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?::(\d{1,5}))?(?=[/\s'"?)\]}]|$)/g;

/** The ports the command may ask: those in local URLs (after $VAR expansion), those the image EXPOSEs, those the rules name. */
function targetPorts(text: string, b: DockerBuild, rules: readonly number[]): number[] {
  const ports = new Set<number>();
  for (const m of text.matchAll(LOCAL_URL)) ports.add(m[3] ? Number(m[3]) : m[1] === 'https://' ? 443 : 80);
  for (const p of exposedPorts(b)) ports.add(p);
  for (const p of rules) ports.add(p);
  if (!ports.size) ports.add(80).add(8000).add(8080);
  return [...ports].filter((p) => p > 0 && p < 65536);
}

export interface HealthVerdict {
  readonly problems: DockerProblem[];
  /** How it ran, for the log and the details: the namespace or the rewritten ports. */
  readonly notes: string[];
}

/**
 * Runs the final stage's HEALTHCHECK against the stand-ins and says what is wrong with how
 * it behaves. `path`: the path it must request when the server is up. Throws a
 * MissingToolError when the command needs a program this machine does not have.
 */
export async function judgeHealthcheck(b: DockerBuild, hc: DockerInstruction, opts: { path?: string; expose?: readonly number[]; contextDir: string; runMs?: number }, ctx: CheckContext, runs: CommandRun[]): Promise<HealthVerdict> {
  const runMs = opts.runMs ?? HEALTH_RUN_MS;
  const command = healthCommand(b, hc);
  if ('problem' in command) return { problems: [{ line: hc.line, message: command.problem }], notes: [] };
  // The image's own Python (/usr/local/bin/python in the python images) is the learner's here.
  const imagePython = /(^|[\s;&|(`])\/usr(?:\/local)?\/bin\/(python3?(?:\.\d+)?)(?=[\s;&|)`]|$)/g;
  command.argv = command.argv.map((a, i) => (i === 0 && /^\/usr(?:\/local)?\/bin\/python3?(?:\.\d+)?$/.test(a) ? 'python' : a.replace(imagePython, '$1$2')));
  const env = imageEnv(b, hc);
  const vars = new Map(Object.entries(env));
  const text = command.argv.map((a) => expand(a, vars, b.escape).value).join(' ');
  const written = targetPorts(text, b, opts.expose ?? []);
  let ports = written;
  let argv = command.argv;
  const notes: string[] = [];
  const isolate = await healthIsolated(ctx.python.path);
  if (isolate) {
    notes.push(`The HEALTHCHECK ran in a private network namespace (unshare -r -n), beside a stand-in server on port ${ports.join(', ')}.`);
  } else {
    // No namespace: the ports it asks are taken by free ones, in the command and in the image's environment alike.
    const map = new Map<number, number>();
    for (const p of ports) map.set(p, await freePort());
    const swap = (s: string) =>
      s.replace(LOCAL_URL, (all, scheme: string | undefined, host: string, port: string | undefined) => {
        const to = map.get(port ? Number(port) : scheme === 'https://' ? 443 : 80);
        return to === undefined ? all : `${scheme ?? ''}${host}:${to}`;
      });
    argv = argv.map(swap);
    for (const [k, v] of Object.entries(env)) if (/^\d+$/.test(v) && map.has(Number(v))) env[k] = String(map.get(Number(v)));
    notes.push(`This machine allows no private network namespace, so the HEALTHCHECK ran with its port${map.size === 1 ? '' : 's'} rewritten to ${map.size === 1 ? 'a free one' : 'free ones'} (${[...map].map(([a, c]) => `${a} → ${c}`).join(', ')}), in the command and in the image's ENV; a port it computes some other way is not rewritten.`);
    ports = [...map.values()];
  }
  const work = path.join(path.dirname(ctx.workDir), `health-${randomBytes(6).toString('hex')}`);
  await fs.mkdir(path.join(work, 'bin'), { recursive: true });
  try {
    // `python` and `python3` in the command are the learner's interpreter, as the image's would be.
    for (const name of ['python', 'python3']) {
      await fs.writeFile(path.join(work, 'bin', name), `#!/bin/sh\nexec '${ctx.python.path.replace(/'/g, `'\\''`)}' "$@"\n`, { mode: 0o755 });
    }
    const run = async (scenario: Scenario): Promise<{ run: CommandRun; requests: string[] }> => {
      const log = path.join(work, `${scenario}.log`);
      await fs.writeFile(log, '');
      const spec = { loopback: isolate, status: STATUS[scenario], ports, log, cwd: opts.contextDir, seconds: runMs / 1000, env: { ...env, PATH: `${path.join(work, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`, HOME: work } };
      const argvAll = [...(isolate ? ['unshare', '-r', '-n', '--'] : []), ctx.python.path, '-I', '-c', STANDIN, JSON.stringify(spec), '--', ...argv];
      const r = await runProcess(argvAll, { cwd: opts.contextDir, timeoutMs: Math.min(runMs + 3_000, timeLeft(ctx)), signal: ctx.signal, log: ctx.log, capBytes: 64 * 1024 });
      runs.push(r);
      const requests = (await fs.readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean);
      return { run: r, requests };
    };
    const up = await run('up');
    if (up.run.cancelled) throw new Error('the check was cancelled');
    const standin = /upskill-standin: (cannot .*)/.exec(up.run.stderr);
    if (up.run.exitCode === 125 && standin) throw new Error(`the stand-in server for the HEALTHCHECK could not start: ${standin[1]}`);
    const module = /ModuleNotFoundError: No module named '([\w.]+)'/.exec(up.run.stderr)?.[1];
    if (module) {
      const top = module.split('.')[0];
      throw new MissingToolError(`The HEALTHCHECK imports ${top}, which ${ctx.python.path} cannot import, so Upskill cannot try the health check: install it in that interpreter (${ctx.python.path} -m pip install ${top}), or ask the server with the standard library (urllib.request), which every image with Python has.`, [ctx.python.path], ctx.python.path, top);
    }
    const missing = missingProgram(up.run);
    if (missing) {
      throw new MissingToolError(`The HEALTHCHECK runs ${missing}, which is not installed on this machine, so Upskill cannot try the health check: install ${missing} (or write the check with Python: HEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:<port>/health', timeout=2)"]) and check again.`, [missing]);
    }
    const problems: DockerProblem[] = [];
    const flat = hc.args.replace(/\s+/g, ' ');
    const shown = `HEALTHCHECK ${flat.length > 120 ? `${flat.slice(0, 119)}…` : flat}`;
    const portsText = `port${ports.length === 1 ? '' : 's'} ${written.join(', ')}${isolate ? '' : `, run on ${ports.join(', ')}`}`;
    if (up.run.exitCode !== 0) {
      const why = up.run.timedOut || /upskill-standin: timed out/.test(up.run.stderr) ? `did not finish within ${runMs / 1000} s` : `exited with ${exitText(up.run)}${lastErrorLine(up.run)}`;
      problems.push({ line: hc.line, message: `With a stand-in server answering 200 on every path (${portsText}), ${shown} ${why}: a health check must succeed while the server answers. Does it ask the port the server listens on (EXPOSE it) on localhost?` });
      return { problems, notes };
    }
    const down = await run('down');
    if (down.run.exitCode === 0) {
      problems.push({ line: hc.line, message: `With nothing listening (${portsText}), ${shown} still exited 0, so it reports "healthy" when the server is down and can never fail. Let the failure through: no "|| exit 0" or "|| true", and a command that fails when the request fails (curl -f, or urlopen, which raises).` });
    }
    // One that cannot fail needs no second verdict; one that can must also fail on an error status.
    const broken = down.run.exitCode === 0 ? undefined : await run('broken');
    if (broken?.run.exitCode === 0) {
      problems.push({ line: hc.line, message: `With a server answering 500 Internal Server Error (${portsText}), ${shown} exited 0, so a server that answers only errors counts as healthy. Fail on an error status: curl --fail (-f), wget (fails by itself), or Python's urlopen (raises on 500).` });
    }
    // Which path it asked comes after whether it can fail at all.
    if (opts.path !== undefined) {
      const asked = up.requests.map((r) => r.split(' ')[1] ?? '').map((p) => p.split('?')[0]);
      if (!asked.includes(opts.path)) {
        problems.push({ line: hc.line, message: `${shown} ${asked.length ? `asked the stand-in server for ${[...new Set(asked)].join(', ')}` : 'made no request to the stand-in server at all'}, not for ${opts.path}: the health check must ask the server's ${opts.path} endpoint, so that "healthy" means the server answers.` });
      }
    }
    return { problems, notes };
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

function exitText(r: CommandRun): string {
  return r.exitCode === null ? `signal ${r.signal ?? 'unknown'}` : `code ${r.exitCode}`;
}

/** The last line of what the command printed to stderr: curl's one line, Python's exception. */
function lastErrorLine(r: CommandRun): string {
  const line = r.stderr.trim().split('\n').filter((l) => l.trim() && !l.startsWith('upskill-standin:')).pop() ?? '';
  return line ? ` ("${line.trim().slice(0, 160)}")` : '';
}

/** The program the command could not find (exit 127 from the shell or the stand-in), if that is how it ended. */
function missingProgram(r: CommandRun): string | undefined {
  if (r.exitCode !== 127) return undefined;
  const m = /upskill-standin: not found: (\S+)/.exec(r.stderr) ?? /(?:^|\s)(?:\S+: (?:line )?\d+: )?(\S+): (?:command )?not found/m.exec(r.stderr);
  return m?.[1];
}

/**
 * The health check, judged by running it when the rules ask for one and the static rule
 * found nothing wrong with it (that rule's problems are reported already).
 */
export async function healthcheckProblems(b: DockerBuild, rules: { readonly healthcheck?: boolean | string; readonly expose?: readonly number[] }, contextDir: string, ctx: CheckContext, runs: CommandRun[]): Promise<HealthVerdict> {
  const hc = finalHealthcheck(b);
  if (!rules.healthcheck || !hc || healthcheck(b).length) return { problems: [], notes: [] };
  return judgeHealthcheck(b, hc, { path: typeof rules.healthcheck === 'string' ? rules.healthcheck : undefined, expose: rules.expose, contextDir }, ctx, runs);
}
