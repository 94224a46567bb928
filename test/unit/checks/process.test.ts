import * as assert from 'assert';
import { readFileSync } from 'fs';
import { runProcess } from '../../../src/checks/process';
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

describe('checks: running tools', () => {
  it('a timeout kills the whole process tree', async () => {
    // The child starts a grandchild that would sleep for a minute, prints its pid, then waits.
    const script = 'import subprocess,sys,time; p=subprocess.Popen([sys.executable,"-c","import time; time.sleep(60)"]); print(p.pid, flush=True); time.sleep(60)';
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
