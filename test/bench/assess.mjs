// Assess My Project on two generated projects, through the engine as the extension calls it
// (the learner's interpreter, so mypy runs; a progress callback; a cancel signal; the
// extension's default tool time limit):
//  - 10,000 lines of Python in 100 modules and their tests, and 20 notebooks, in git: cold
//    and warm (the issue's target: under 15 s warm on the 2-core machine);
//  - a 200,000-line monorepo: 40 packages with their tests, notebooks, git history, and big
//    folders the project's .gitignore (data/) and .upskillignore (vendor/) name, which must
//    not be read: wall and CPU time (this process and the tools it waited for), files read
//    and files left unread, progress updates, and how soon a cancel stops it (the target:
//    it finishes within its time limits, with progress and cancel).
// Run after `node esbuild.js --production`:
//   node test/bench/assess.mjs [--small-only | --monorepo-only]
import { execFileSync } from 'child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { createRequire } from 'module';
import { loadavg, tmpdir } from 'os';
import path from 'path';

const require = createRequire(import.meta.url);
const { assessProject, AssessCancelled } = require(path.resolve('dist/checks.js'));

/** The extension's default `upskill.checkTimeoutSeconds`. */
const TOOL_TIMEOUT_MS = 120_000;
const python = process.env.UPSKILL_PYTHON?.trim() || (process.platform === 'win32' ? 'python' : '/usr/bin/python3');
const interpreters = [{ path: python, origin: 'bench' }];
const write = (root, rel, text) => {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
};
const git = (root, ...args) => execFileSync('git', ['-c', 'user.name=b', '-c', 'user.email=b@example.invalid', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd: root, stdio: 'ignore' });
const notebook = (n, cells, defs) =>
  JSON.stringify({
    cells: Array.from({ length: cells }, (_, c) => ({ cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: [...(c < defs ? [`def cell_${n}_${c}(df):\n`, '    return df.dropna()\n'] : []), ...Array.from({ length: 8 }, (_, k) => `x${k} = ${k}\n`)] })),
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  });

function module(name, fns) {
  const parts = [];
  for (let f = 0; f < fns; f++) parts.push(`def ${name}_${f}(x: int, y: int = 2) -> int:\n    """Adds."""\n    total = x + y\n    if total > ${f}:\n        total -= 1\n    return total\n`);
  return `"""Module ${name}."""\n\nimport os\n\n\n${parts.join('\n\n')}`;
}

function generateSmall() {
  const root = mkdtempSync(path.join(tmpdir(), 'upskill-assess-bench-'));
  write(root, 'pkg/__init__.py', '');
  let lines = 0;
  for (let m = 0; m < 100; m++) {
    const text = module(`f${m}`, 12);
    write(root, `pkg/mod${m}.py`, text);
    lines += text.split('\n').length;
    const test = `from pkg.mod${m} import f${m}_0\n\n\ndef test_f${m}() -> None:\n    assert f${m}_0(1) == 3\n`;
    write(root, `tests/test_mod${m}.py`, test);
    lines += test.split('\n').length;
  }
  for (let n = 0; n < 20; n++) write(root, `notebooks/nb${n}.ipynb`, notebook(n, 15, 15));
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'bench');
  return { root, lines };
}

/**
 * 40 packages of 20 modules (about 215 lines each) with a test per module, 40 notebooks,
 * and three commits; data/ (in .gitignore) and vendor/ (in .upskillignore, tracked) hold
 * 4,000 files that must not be read, vendor/ as Python that would otherwise count.
 */
function generateMonorepo() {
  const root = mkdtempSync(path.join(tmpdir(), 'upskill-assess-monorepo-'));
  let lines = 0;
  let ignoredFiles = 0;
  write(root, '.gitignore', '.venv/\n__pycache__/\n.env\n.ipynb_checkpoints/\n/data/\n');
  write(root, '.upskillignore', '# generated and vendored code: not ours to assess\nvendor/\n');
  write(root, 'pyproject.toml', '[project]\nname = "mono"\nversion = "1.0"\ndependencies = ["numpy==2.0.0"]\n\n[tool.ruff]\nline-length = 100\n\n[tool.mypy]\nstrict = true\n');
  write(root, '.github/workflows/ci.yml', 'on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: ruff check .\n      - run: pytest\n');
  git(root, 'init', '-q');
  for (let p = 0; p < 40; p++) {
    const pkg = `packages/pkg${p}`;
    write(root, `${pkg}/src/pkg${p}/__init__.py`, '');
    for (let m = 0; m < 20; m++) {
      const text = module(`p${p}m${m}`, 30);
      write(root, `${pkg}/src/pkg${p}/mod${m}.py`, text);
      lines += text.split('\n').length;
      const test = `from pkg${p}.mod${m} import p${p}m${m}_0\n\n\ndef test_p${p}m${m}() -> None:\n    assert p${p}m${m}_0(1) == 3\n`;
      write(root, `${pkg}/tests/test_pkg${p}_mod${m}.py`, test);
      lines += test.split('\n').length;
    }
    write(root, `${pkg}/notebooks/explore.ipynb`, notebook(p, 20, 3));
    lines += 20 * 8 + 6;
    // Three commits, the last changing a module, so the history has something to walk.
    if (p === 19) {
      git(root, 'add', '-A');
      git(root, 'commit', '-qm', 'first half');
    }
  }
  for (let v = 0; v < 2000; v++) write(root, `vendor/lib${Math.floor(v / 100)}/gen${v}.py`, module(`v${v}`, 4));
  for (let d = 0; d < 2000; d++) write(root, `data/raw/part${Math.floor(d / 100)}/rows${d}.csv`, 'a,b\n1,2\n');
  ignoredFiles += 4000;
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'second half, vendored code');
  write(root, 'packages/pkg0/src/pkg0/mod0.py', `${module('p0m0', 30)}\n`);
  git(root, 'commit', '-qam', 'a change');
  return { root, lines, ignoredFiles };
}

/** CPU seconds of this process and of the children it waited for (Linux), or of this process alone. */
function cpuSeconds() {
  try {
    const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    // utime, stime, cutime, cstime are fields 14-17; here 0-based after the command name: 11-14.
    return [11, 12, 13, 14].reduce((s, i) => s + Number(f[i]), 0) / 100;
  } catch {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  }
}

async function measure(root, extra = {}) {
  const read = new Set();
  let updates = 0;
  const phases = [];
  let toolCpu = 0;
  const cpu0 = cpuSeconds();
  const t0 = Date.now();
  const a = await assessProject(root, { interpreters, toolTimeoutMs: TOOL_TIMEOUT_MS, progress: (m) => {
      updates++;
      if (phases[phases.length - 1]?.[0] !== m) phases.push([m, Date.now()]);
    },
    onRead: (rel) => read.add(rel),
    onRun: (run) => (toolCpu += (run.usage?.cpuMs ?? 0) / 1000),
    ...extra,
  });
  const end = Date.now();
  const took = phases.map(([m, at], i) => `${m} ${(((phases[i + 1]?.[1] ?? end) - at) / 1000).toFixed(1)} s`).join(', ');
  const own = cpuSeconds() - cpu0;
  return { a, wall: (end - t0) / 1000, cpu: own + toolCpu, own, toolCpu, read, updates, took };
}

const args = process.argv.slice(2);
console.log(`assess: load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on entry; interpreter ${python}; tool time limit ${TOOL_TIMEOUT_MS / 1000} s`);

if (!args.includes('--monorepo-only')) {
  const { root, lines } = generateSmall();
  try {
    const cold = await measure(root);
    const warm = await measure(root);
    console.log(`assess: ${cold.a.stats.pythonFiles} Python files, ${cold.a.stats.notebooks} notebooks, ${cold.a.stats.lines} lines (${lines} of Python), ${cold.a.findings.length} findings`);
    console.log(`assess: cold ${cold.wall.toFixed(1)} s (CPU ${cold.cpu.toFixed(1)} s), warm ${warm.wall.toFixed(1)} s (CPU ${warm.cpu.toFixed(1)} s) (target under 15 s warm)`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (!args.includes('--small-only')) {
  const t = Date.now();
  const { root, lines, ignoredFiles } = generateMonorepo();
  console.log(`assess monorepo: generated ${lines} lines in ${((Date.now() - t) / 1000).toFixed(1)} s at ${root}`);
  try {
    const run = await measure(root);
    const strayed = [...run.read].filter((f) => /^(vendor|data)\//.test(f));
    const { stats, notes } = run.a;
    console.log(`assess monorepo: ${stats.pythonFiles} Python files, ${stats.notebooks} notebooks, ${stats.lines} lines; ${run.a.findings.length} findings, ${notes.length} notes`);
    for (const n of notes.slice(0, 5)) console.log(`  note: ${n.message}`);
    console.log(`assess monorepo: wall ${run.wall.toFixed(1)} s, CPU ${run.cpu.toFixed(1)} s (this process and git ${run.own.toFixed(1)} s, mypy ${run.toolCpu.toFixed(1)} s as its supervisor measured it); ${run.updates} progress updates`);
    console.log(`assess monorepo: ${run.took}`);
    console.log(`assess monorepo: ${run.read.size} files read; ${ignoredFiles} files in folders .gitignore and .upskillignore name left unread (${strayed.length} of them read${strayed.length ? `: ${strayed.slice(0, 3).join(', ')}` : ''})`);
    // Cancel once the Python files are being read, as a learner pressing Cancel on the progress notification.
    const controller = new AbortController();
    let cancelledAt;
    let readAfter = 0;
    const t1 = Date.now();
    let outcome = 'finished without stopping';
    try {
      await assessProject(root, {
        interpreters,
        toolTimeoutMs: TOOL_TIMEOUT_MS,
        signal: controller.signal,
        progress: (m, done) => {
          if (cancelledAt === undefined && m.startsWith('Reading Python files') && done >= 200) {
            cancelledAt = Date.now();
            controller.abort();
          }
        },
        onRead: () => void (cancelledAt !== undefined && readAfter++),
      });
    } catch (e) {
      outcome = e instanceof AssessCancelled ? 'stopped' : `failed: ${e.message}`;
    }
    console.log(`assess monorepo: cancel ${cancelledAt === undefined ? 'never sent' : `after ${((cancelledAt - t1) / 1000).toFixed(1)} s: ${outcome} ${((Date.now() - cancelledAt) / 1000).toFixed(2)} s later, ${readAfter} files read after it`}`);
    console.log(`assess monorepo: target: finishes within its time limits (mypy and the tests ${TOOL_TIMEOUT_MS / 1000} s each, git 20 s), with progress and cancel`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
console.log(`assess: load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on exit`);
