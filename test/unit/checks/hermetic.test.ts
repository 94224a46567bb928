// Hermetic runs and hard time budgets: checks run in a scratch copy in Upskill's storage,
// never write through a link, and leave no process behind.

import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { existsSync, promises as fs, readFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runChecks } from '../../../src/checks/engine';
import { processesOfRun, runProcess } from '../../../src/checks/process';
import { COPY_LIMITS, makeScratch, writeFresh } from '../../../src/checks/scratch';
import { context, folder, PYTHON } from './helpers';

/** Running, as opposed to gone or a zombie waiting for a reaper (containers often have none). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of (await fs.readdir(dir, { recursive: true })).map(String).sort()) {
    const st = await fs.lstat(path.join(dir, f));
    out[f] = st.isSymbolicLink() ? `link:${await fs.readlink(path.join(dir, f))}` : st.isFile() ? await fs.readFile(path.join(dir, f), 'utf8') : 'dir';
  }
  return out;
}

describe('checks: hermetic runs', () => {
  it('tests-catch-bugs never writes through a link: a module linked outside is refused and the outside file is untouched', async () => {
    const outside = await folder({ 'normalise.py': 'def f(x):\n    return x\n' });
    const work = await folder({ 'test_n.py': 'from normalise import f\n\ndef test_f():\n    assert f(1) == 1\n' });
    await fs.symlink(path.join(outside, 'normalise.py'), path.join(work, 'normalise.py'));
    const exDir = await folder({ 'ref.py': 'def f(x):\n    return x\n', 'bug.py': 'def f(x):\n    return x + 1\n' });
    const ctx = context(work, [{ type: 'tests-catch-bugs', module: 'normalise.py', reference: 'ref.py', bugs: [{ file: 'bug.py', description: 'off by one' }] }], {}, exDir);
    const report = await runChecks(ctx);
    assert.strictEqual(report.results[0].status, 'failed');
    assert.match(report.results[0].summary, /symbolic link pointing outside it \(normalise\.py → .*\)\. Checks never follow links/);
    assert.strictEqual(readFileSync(path.join(outside, 'normalise.py'), 'utf8'), 'def f(x):\n    return x\n');
  });

  it('runs in a copy: the learner folder is byte-for-byte unchanged after every kind of pytest check', async () => {
    const files = { 'calc.py': 'def add(a, b):\n    return a + b\n', 'test_calc.py': 'from calc import add\n\ndef test_add():\n    assert add(1, 2) == 3\n', 'data/inner.txt': 'x' };
    const work = await folder(files);
    await fs.symlink('data/inner.txt', path.join(work, 'link.txt'));
    const exDir = await folder({ 'ref.py': files['calc.py'], 'bug.py': 'def add(a, b):\n    return a * b\n' });
    const before = await snapshot(work);
    const ctx = context(work, [{ type: 'pytest' }, { type: 'no-network' }, { type: 'tests-catch-bugs', module: 'calc.py', reference: 'ref.py', bugs: [{ file: 'bug.py', description: 'multiplies' }] }], {}, exDir);
    const report = await runChecks(ctx);
    assert.deepStrictEqual(
      report.results.map((r) => r.status),
      ['passed', 'passed', 'passed'],
      report.results.map((r) => r.summary).join(' | '),
    );
    assert.deepStrictEqual(await snapshot(work), before);
    // Results name the learner's files, not the copy.
    assert.ok(report.results[0].tests.every((t) => t.file?.startsWith(work)), JSON.stringify(report.results[0].tests));
    assert.ok(ctx.lines.some((l) => l.startsWith('Checking a copy of ')));
  });

  it('no check of any kind writes into the learner folder', async () => {
    const work = await folder({
      'm.py': 'def f(x: int) -> int:\n    return x\n',
      'test_m.py': 'from m import f\n\n\ndef test_f() -> None:\n    assert f(1) == 1\n',
      '.github/workflows/ci.yml': 'on: [push]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n',
      'pyproject.toml': '[tool.ruff]\nline-length = 88\n\n[tool.mypy]\nstrict = true\n',
      'run.sh': 'echo hi\n',
    });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.invalid', ...args], { cwd: work });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-qm', 'feat: first');
    const before = await snapshot(work);
    const report = await runChecks(
      context(work, [
        { type: 'mypy', args: ['--strict'], forbidAny: true },
        { type: 'ruff-lint', select: ['E', 'F'] },
        { type: 'ruff-format' },
        { type: 'workflow', file: '.github/workflows/ci.yml', rules: { runs: ['pytest'] } },
        { type: 'git', assert: [{ cleanWorkingTree: true }, { neverCommitted: ['data/raw.csv'] }] },
        { type: 'structure', assert: [{ toolConfig: { file: 'pyproject.toml', tools: ['ruff', 'mypy'] } }] },
        { type: 'command', run: ['bash', 'run.sh'], generate: { file: 'data/in.csv' }, expectStdout: 'hi\n' },
      ]),
    );
    assert.deepStrictEqual(
      report.results.map((r) => [r.type, r.status]),
      [
        ['mypy', 'passed'],
        ['ruff-lint', 'passed'],
        ['ruff-format', 'passed'],
        ['workflow', 'passed'],
        ['git', 'passed'],
        ['structure', 'passed'],
        ['command', 'passed'],
      ],
      report.results.map((r) => `${r.type}: ${r.summary}`).join('\n'),
    );
    assert.deepStrictEqual(await snapshot(work), before);
  });

  it('a folder over the size limit is refused with a reason, and a history in .git that makes most of it is named', async () => {
    const storage = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-storage-'));
    const saved = COPY_LIMITS.bytes;
    COPY_LIMITS.bytes = 3 * 1024 * 1024;
    try {
      const data = await folder({ 'a.py': 'x = 1\n', 'data/raw.csv': 'x'.repeat(4 * 1024 * 1024) });
      await assert.rejects(makeScratch(data, { storage, exerciseId: 'p', includeGit: true, project: false }), (e: Error) => /more than .* 3 MB/.test(e.message) && !/\.git/.test(e.message));
      const history = await folder({ 'a.py': 'x = 1\n', '.git/objects/pack/pack-1.pack': 'x'.repeat(4 * 1024 * 1024) });
      await assert.rejects(makeScratch(history, { storage, exerciseId: 'p', includeGit: true, project: false }), (e: Error) => /Most of it \(4 MB\) is the git history in \.git: a shallow clone/.test(e.message));
    } finally {
      COPY_LIMITS.bytes = saved;
    }
  });

  it('leaves environments and .git out of the copy, recreates links that stay inside, and keeps the copy in Upskill storage', async () => {
    const work = await folder({ 'a.py': 'x = 1\n', '.venv/lib/big.py': 'y = 2\n', 'venv/m.py': '', 'node_modules/p/i.js': '', '.git/HEAD': 'ref: refs/heads/main\n', 'sub/b.py': '' });
    await fs.symlink(path.join(work, 'sub'), path.join(work, 'sublink'));
    const storage = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-storage-'));
    const scratch = await makeScratch(work, { storage, exerciseId: 'ex/1', includeGit: false, project: false });
    try {
      assert.ok(scratch.dir.startsWith(storage), scratch.dir);
      assert.ok(existsSync(path.join(scratch.dir, 'a.py')));
      for (const gone of ['.venv', 'venv', 'node_modules', '.git']) assert.ok(!existsSync(path.join(scratch.dir, gone)), `${gone} is left out`);
      assert.strictEqual(await fs.readlink(path.join(scratch.dir, 'sublink')), 'sub', 'an inside link points into the copy');
      assert.match(scratch.notes.join(' '), /Left out \.git, \.venv, node_modules, venv/);
    } finally {
      await scratch.release();
    }
    assert.ok(!existsSync(scratch.dir), 'released copies are removed');
    const withGit = await makeScratch(work, { storage, exerciseId: 'ex/1', includeGit: true, project: false });
    assert.ok(existsSync(path.join(withGit.dir, '.git', 'HEAD')), 'the git check gets .git');
    await withGit.release();
  });

  it('writeFresh replaces a link, and a linked folder on the way, instead of writing through them', async () => {
    const outside = await folder({ 'target.py': 'keep\n', 'dir/inner.py': 'keep\n' });
    const root = await folder({});
    await fs.symlink(path.join(outside, 'target.py'), path.join(root, 'target.py'));
    await fs.symlink(path.join(outside, 'dir'), path.join(root, 'dir'));
    await writeFresh(root, 'target.py', 'new\n');
    await writeFresh(root, 'dir/inner.py', 'new\n');
    assert.strictEqual(readFileSync(path.join(outside, 'target.py'), 'utf8'), 'keep\n');
    assert.strictEqual(readFileSync(path.join(outside, 'dir/inner.py'), 'utf8'), 'keep\n');
    assert.strictEqual(readFileSync(path.join(root, 'dir/inner.py'), 'utf8'), 'new\n');
    assert.ok(!(await fs.lstat(path.join(root, 'dir'))).isSymbolicLink());
  });

  it('writeFresh refuses paths that leave the copy in any platform\'s spelling', async () => {
    const root = await folder({});
    for (const rel of ['../x.py', '/etc/x.py', 'C:\\x.py', 'C:x.py', '\\\\server\\share\\x.py', '\\x.py', 'a\\..\\..\\x.py']) {
      await assert.rejects(writeFresh(root, rel, 'x'), /must be a relative path inside/, rel);
    }
  });

  it('code moved into venv/ is not importable in the copy', async () => {
    const work = await folder({ 'venv/helper.py': 'def f():\n    return 1\n', 'test_h.py': 'import sys, os\nsys.path.insert(0, os.path.join(os.path.dirname(__file__), "venv"))\nfrom helper import f\n\ndef test_f():\n    assert f() == 1\n' });
    const report = await runChecks(context(work, [{ type: 'pytest' }]));
    assert.strictEqual(report.results[0].status, 'failed');
  });
});

describe('checks: one time budget, and no process survives', () => {
  it('the verdict comes when the timer fires even if a background child holds the pipes', async () => {
    // The tool exits at once, leaving a child in a new session that keeps stdout open.
    const script =
      // The child reports its PID as /proc numbers it (the run may be in a PID namespace of its own).
      'import os,subprocess,sys; r,w=os.pipe(); p=subprocess.Popen([sys.executable,"-c","import os,sys,time; os.write(int(sys.argv[1]), os.readlink(\'/proc/self\').encode()); time.sleep(60)",str(w)], pass_fds=[w], start_new_session=True); os.close(w); print(os.read(r,32).decode(), flush=True)';
    const t0 = Date.now();
    const run = await runProcess([PYTHON.path, '-c', script], { cwd: process.cwd(), timeoutMs: 20_000 });
    assert.ok(Date.now() - t0 < 5_000, `returned after ${Date.now() - t0} ms, not when the pipes closed`);
    const pid = Number(run.stdout.trim());
    assert.ok(pid > 0, run.stdout + run.stderr);
    await new Promise((r) => setTimeout(r, 200));
    assert.strictEqual(alive(pid), false, `process ${pid} (new session) survived`);
  });

  it('a timeout kills a double-forked daemon in a new session, found by PID', async () => {
    // Double fork + setsid: the daemon is re-parented away from the tool and holds no pipe.
    const script = [
      'import os, sys, time',
      'r, w = os.pipe()',
      'if os.fork() == 0:',
      '    os.setsid()',
      '    if os.fork() == 0:',
      '        os.write(w, os.readlink("/proc/self").encode()); os.close(w)',
      '        devnull = os.open(os.devnull, os.O_RDWR)',
      '        for fd in (0, 1, 2): os.dup2(devnull, fd)',
      '        time.sleep(60)',
      '    os._exit(0)',
      'os.close(w)',
      'print(os.read(r, 32).decode(), flush=True)',
      'time.sleep(60)',
    ].join('\n');
    const run = await runProcess([PYTHON.path, '-c', script], { cwd: process.cwd(), timeoutMs: 1500 });
    assert.strictEqual(run.timedOut, true);
    const daemon = Number(run.stdout.trim());
    assert.ok(daemon > 0, run.stdout + run.stderr);
    await new Promise((r) => setTimeout(r, 200));
    assert.strictEqual(alive(daemon), false, `daemon ${daemon} survived the check`);
    assert.deepStrictEqual(processesOfRun(undefined, 'no-such-token'), [], 'no process carries an unknown token');
  });

  it('one budget covers the whole check run, not each command', async () => {
    const slow = { type: 'command' as const, run: ['{python}', '-c', 'import time; time.sleep(30)'] };
    const work = await folder({});
    const t0 = Date.now();
    const report = await runChecks(context(work, [slow, slow, slow], { timeoutMs: 2_000 }));
    const took = Date.now() - t0;
    assert.ok(took < 6_000, `three commands took ${took} ms under a 2 s budget`);
    assert.ok(report.results.every((r) => r.status === 'error'), report.results.map((r) => r.summary).join(' | '));
    assert.match(report.results[0].summary, /budget/);
  });
});

describe('checks: "apply to your project" copies', () => {
  it('leave out links that point outside and large data files, and say so, instead of refusing the project', async () => {
    const outside = await folder({ 'shared.py': 'x = 1\n' });
    const work = await folder({ 'pyproject.toml': '[tool.ruff]\nline-length = 88\n' });
    await fs.writeFile(path.join(work, 'big.parquet'), Buffer.alloc(11 * 1024 * 1024));
    await fs.symlink(path.join(outside, 'shared.py'), path.join(work, 'shared.py'));
    const storage = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-storage-'));
    const scratch = await makeScratch(work, { storage, exerciseId: 'project', includeGit: false, project: true });
    try {
      assert.ok(existsSync(path.join(scratch.dir, 'pyproject.toml')));
      assert.ok(!existsSync(path.join(scratch.dir, 'big.parquet')));
      assert.ok(!existsSync(path.join(scratch.dir, 'shared.py')));
      assert.match(scratch.notes.join(' '), /Left out 1 symbolic link\(s\) pointing outside the folder: shared\.py → /);
      assert.match(scratch.notes.join(' '), /Left out 1 file\(s\) over 10 MB .*big\.parquet/);
    } finally {
      await scratch.release();
    }
  });
});
