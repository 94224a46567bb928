import * as assert from 'assert';
import { existsSync, readFileSync } from 'fs';
import { currentSupervision, runProcess, stopSupervisorServer, useSupervision } from '../../../src/checks/process';
import { resolvePython, requireModule } from '../../../src/checks/python';
import { MissingToolError } from '../../../src/checks/types';
import { PYTHON } from './helpers';

/** Running, as opposed to gone or a zombie waiting for a reaper (containers often have none). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
}

/** Gone from the process table: not even a zombie left for a reaper. */
function gone(pid: number): boolean {
  return !existsSync(`/proc/${pid}`);
}

function kill(pids: readonly number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/**
 * A tool that leaves three processes behind, each out of reach of a process-group kill or
 * an environment marker, and prints their PIDs as /proc numbers them once all three run:
 * `setsid sleep 300 &`, a double-forked daemon that closed its output, and one started
 * under `setsid env -i` (no environment at all, so no marker either).
 */
const ESCAPES = `
d=$(mktemp -d)
setsid sh -c 'read -r p _ < /proc/self/stat; echo $p > "$0/setsid"; exec sleep 300' "$d" &
setsid env -i ${PYTHON.path} -c 'import os, sys, time; open(sys.argv[1] + "/envi", "w").write(os.readlink("/proc/self")); time.sleep(300)' "$d" &
${PYTHON.path} -c '
import os, sys, time
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2): os.dup2(devnull, fd)
        open(sys.argv[1] + "/daemon", "w").write(os.readlink("/proc/self"))
        time.sleep(300)
    os._exit(0)
' "$d"
while [ ! -s "$d/setsid" ] || [ ! -s "$d/envi" ] || [ ! -s "$d/daemon" ]; do sleep 0.05; done
echo "$(cat "$d/setsid") $(cat "$d/envi") $(cat "$d/daemon")"
rm -r "$d"
`;

async function leftBehind(timeoutMs = 30_000): Promise<{ pids: number[]; exitCode: number | null }> {
  const run = await runProcess(['bash', '-c', ESCAPES], { cwd: process.cwd(), timeoutMs });
  const pids = run.stdout.trim().split(/\s+/).map(Number);
  assert.strictEqual(pids.length, 3, `three PIDs expected: ${run.stdout}${run.stderr}`);
  assert.ok(pids.every((p) => p > 0), run.stdout);
  return { pids, exitCode: run.exitCode };
}

describe('checks: no process a check started outlives it', () => {
  afterEach(() => useSupervision(undefined));

  for (const [mode, title] of [
    ['subreaper', 'under the supervisor as a child subreaper'],
    ['namespace', 'under a supervisor of its own, first in a new PID namespace'],
    [undefined, "under the machine's own choice (the supervisor server, a PID namespace per run where allowed)"],
  ] as const) {
    it(`setsid, a double-forked daemon and env -i: none of their PIDs exists after the run, ${title}`, async () => {
      useSupervision(mode);
      assert.ok(await currentSupervision(), 'Linux with a Python: runs are supervised');
      const { pids, exitCode } = await leftBehind();
      try {
        assert.strictEqual(exitCode, 0);
        for (const pid of pids) if (!gone(pid)) assert.fail(`process ${pid} outlived the run: ${readFileSync(`/proc/${pid}/cmdline`, 'utf8')}`);
      } finally {
        kill(pids);
      }
    });
  }

  it('a PID namespace is used where the machine allows one, and the tool sees it', async () => {
    const sup = await currentSupervision();
    const run = await runProcess([PYTHON.path, '-c', 'import os; print(os.getpid(), os.readlink("/proc/self"))'], { cwd: process.cwd(), timeoutMs: 30_000 });
    const [inside, outside] = run.stdout.trim().split(' ').map(Number);
    // In a namespace the tool's own number differs from the one /proc shows; without, they agree.
    assert.strictEqual(inside !== outside, sup?.namespace !== undefined, run.stdout + run.stderr);
  });

  it('runs are served by one supervisor server, and a run survives the server going away', async () => {
    const sup = await currentSupervision();
    assert.ok(sup?.served, 'Linux with a Python: a supervisor server');
    const first = await runProcess([PYTHON.path, '-c', 'import os; print(os.getppid())'], { cwd: process.cwd(), timeoutMs: 30_000 });
    const second = await runProcess([PYTHON.path, '-c', 'import os; print(os.getppid())'], { cwd: process.cwd(), timeoutMs: 30_000 });
    assert.strictEqual(first.exitCode, 0, first.stderr);
    assert.strictEqual(second.exitCode, 0, second.stderr);
    // Each run has a supervisor of its own, first in its namespace (or the tool's parent).
    if (sup.namespace) assert.deepStrictEqual([first.stdout.trim(), second.stdout.trim()], ['1', '1']);
    stopSupervisorServer();
    const after = await runProcess([PYTHON.path, '-c', 'print("still runs")'], { cwd: process.cwd(), timeoutMs: 30_000 });
    assert.strictEqual(after.stdout.trim(), 'still runs', after.stderr);
  });

  it('a server killed in the middle of a run ends the run, not as a pass, and kills its tree', async () => {
    const pending = runProcess([PYTHON.path, '-c', 'import os, time; print(os.readlink("/proc/self"), flush=True); time.sleep(300)'], { cwd: process.cwd(), timeoutMs: 60_000 });
    await new Promise((r) => setTimeout(r, 1500));
    stopSupervisorServer();
    const run = await pending;
    assert.notStrictEqual(run.exitCode, 0);
    const tool = Number(run.stdout.trim());
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(tool > 0 && !alive(tool), `tool ${tool} outlived its server: ${run.stdout}${run.stderr}`);
  });

  it('without a supervisor, setsid env -i escapes: the reason the supervisor exists', async () => {
    useSupervision('none');
    const { pids } = await leftBehind();
    try {
      assert.ok(!gone(pids[1]) && alive(pids[1]), 'the env -i process carried no marker and was not found');
    } finally {
      kill(pids);
    }
  });

  it('a tool that hangs is stopped at its deadline, and reported as timed out', async () => {
    const run = await runProcess([PYTHON.path, '-c', 'import os, time; print(os.readlink("/proc/self"), flush=True); time.sleep(300)'], { cwd: process.cwd(), timeoutMs: 1500 });
    assert.strictEqual(run.timedOut, true);
    assert.strictEqual(run.exitCode, null);
    assert.strictEqual(run.signal, 'SIGKILL');
    assert.ok(gone(Number(run.stdout.trim())), run.stdout);
  });

  it('a tool that floods its output is capped, reported as truncated, and stopped at its deadline', async () => {
    const run = await runProcess([PYTHON.path, '-c', 'import sys\nwhile True: sys.stdout.write("x" * 65536)'], { cwd: process.cwd(), timeoutMs: 1500, capBytes: 100_000 });
    assert.strictEqual(run.timedOut, true);
    assert.strictEqual(run.truncated, true);
    assert.ok(run.stdout.length <= 100_000 + 100, `${run.stdout.length} characters kept`);
    assert.match(run.stdout, /\[output truncated by Upskill\]$/);
  });

  it('a tool that exits early is reported with its exit code, and what it left behind is gone', async () => {
    const script = 'import os, subprocess, sys; r, w = os.pipe(); subprocess.Popen([sys.executable, "-c", "import os, sys, time; os.write(int(sys.argv[1]), os.readlink(\'/proc/self\').encode()); time.sleep(300)", str(w)], pass_fds=[w]); os.close(w); print(os.read(r, 32).decode(), flush=True); sys.exit(3)';
    const run = await runProcess([PYTHON.path, '-c', script], { cwd: process.cwd(), timeoutMs: 30_000 });
    assert.strictEqual(run.exitCode, 3);
    assert.strictEqual(run.timedOut, false);
    const child = Number(run.stdout.trim());
    assert.ok(child > 0 && gone(child), `child ${child} outlived the run`);
  });

  it('measures CPU time and peak memory from outside, the tool cannot reach the report channel', async () => {
    // 200 MB written in a child (so it is resident), then 0.3 s of CPU in the tool itself.
    const script = [
      'import os, subprocess, sys, time',
      'subprocess.run([sys.executable, "-c", "x = b\'x\' * (200 << 20)"], check=True)',
      'while time.process_time() < 0.3: pass',
      'try:',
      '    os.fstat(3); print("fd 3 open")',
      'except OSError:',
      '    print("fd 3 closed")',
      'print(\'{"exitCode": 0, "cpuMs": 1, "maxRssKb": 1}\')',
    ].join('\n');
    const run = await runProcess([PYTHON.path, '-c', script], { cwd: process.cwd(), timeoutMs: 60_000 });
    assert.strictEqual(run.exitCode, 0, run.stderr);
    assert.match(run.stdout, /fd 3 closed/);
    assert.ok(run.usage, 'a supervised run reports its usage');
    assert.ok(run.usage.cpuMs >= 300, `cpu ${run.usage.cpuMs} ms`);
    assert.ok(run.usage.maxRssKb >= 200 * 1024, `peak ${run.usage.maxRssKb} kB`);
  });

  it('cancellation stops a supervised run and its children', async () => {
    const controller = new AbortController();
    const script = 'import os, subprocess, sys, time; subprocess.Popen([sys.executable, "-c", "import os, time; print(os.readlink(\'/proc/self\'), flush=True); time.sleep(300)"], start_new_session=True); time.sleep(300)';
    const pending = runProcess([PYTHON.path, '-c', script], { cwd: process.cwd(), timeoutMs: 60_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 1000);
    const run = await pending;
    assert.strictEqual(run.cancelled, true);
    const child = Number(run.stdout.trim());
    assert.ok(child > 0 && gone(child), `child ${child}: ${run.stdout}${run.stderr}`);
  });
});

describe('checks: running tools', () => {
  it('a timeout kills the whole process tree', async () => {
    // The child starts a grandchild that would sleep for a minute, prints its pid, then waits.
    // The grandchild prints its own PID as /proc numbers it (the run may have a PID namespace of its own).
    const script = 'import subprocess,sys,time; p=subprocess.Popen([sys.executable,"-c","import os,time; print(os.readlink(\'/proc/self\'), flush=True); time.sleep(60)"]); time.sleep(60)';
    const run = await runProcess([PYTHON.path, '-c', script], { cwd: process.cwd(), timeoutMs: 1500 });
    assert.strictEqual(run.timedOut, true);
    const grandchild = Number(run.stdout.trim());
    assert.ok(grandchild > 0);
    await new Promise((r) => setTimeout(r, 300));
    assert.strictEqual(alive(grandchild), false, 'the grandchild was killed too');
    assert.ok(run.durationMs < 10_000);
  });

  it('cancellation stops a run', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const run = await runProcess([PYTHON.path, '-c', 'import time; time.sleep(30)'], { cwd: process.cwd(), timeoutMs: 60_000, signal: controller.signal });
    assert.strictEqual(run.cancelled, true);
    assert.ok(run.durationMs < 10_000);
  });

  it('caps captured output and copes with bytes that are not UTF-8', async () => {
    const run = await runProcess([PYTHON.path, '-c', 'import sys; sys.stdout.buffer.write(b"caf\\xe9 " * 100000)'], { cwd: process.cwd(), timeoutMs: 30_000, capBytes: 1000 });
    assert.strictEqual(run.truncated, true);
    assert.ok(run.stdout.startsWith('caf\uFFFD '), 'invalid bytes become U+FFFD instead of throwing');
    assert.ok(run.stdout.length < 1200);
  });

  it('a command that does not exist ends with a message, not an exception', async () => {
    const run = await runProcess(['/nonexistent/tool'], { cwd: process.cwd(), timeoutMs: 5000 });
    assert.strictEqual(run.exitCode, null);
    assert.match(run.stderr, /ENOENT/);
  });

  it('a missing interpreter names every interpreter searched', async () => {
    await assert.rejects(
      resolvePython([{ path: '/no/python3', origin: 'setting upskill.pythonPath' }, { path: 'no-such-python', origin: 'PATH (python)' }]),
      (e: unknown) => e instanceof MissingToolError && /\/no\/python3 \(setting upskill\.pythonPath\), no-such-python \(PATH \(python\)\)/.test(e.message),
    );
    const found = await resolvePython([{ path: '/no/python3', origin: 'a' }, { path: PYTHON.path, origin: 'b' }]);
    assert.strictEqual(found.origin, 'b');
    assert.match(found.version, /^3\./);
  });

  it('a missing module offers the pip command for that interpreter', async () => {
    await assert.rejects(requireModule(PYTHON, 'upskill_no_such_module'), (e: unknown) => {
      assert.ok(e instanceof MissingToolError);
      assert.strictEqual(e.python, PYTHON.path);
      assert.strictEqual(e.module, 'upskill_no_such_module');
      assert.match(e.message, /-m pip install upskill_no_such_module/);
      return true;
    });
  });
});
