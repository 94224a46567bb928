// The tiers of `npm test`, arranged so both cores of the 2-core machine stay busy without
// slowing each other down. Measured here: the unit tier and the content validator on two
// workers, run side by side, each took about three times as long as alone, and the
// end-to-end tier beside a loaded machine hit Playwright's page-load limits. So:
//   - the content validator starts at once on ONE worker (one core), at a lower priority,
//     longest exercises first;
//   - on the other core, one after another: types, lint, the unit tier (one process), then
//     the in-host and end-to-end tiers (a browser and code-server; two e2e files at a time),
//     while Node 24 and code-server, which only they need, download and build;
//   - when that lane is done, the validator gets the second core (SIGUSR2 adds a worker) and
//     its normal priority back, for all its processes (the tools inherit its priority).
//     Tried on 2026-12-07 and undone: a second worker at nice 10 beside the end-to-end tier
//     slowed that tier from about 900 s to 1142 s and made a walkthrough test time out.
// Each tier's line ends with the machine's busy and idle core-seconds so far (/proc/stat).
// A cold run on 2026-12-07 was busy 3853 core-seconds and idle 71 in 1994 s: the two cores
// are full from start to end, so the run's length is its CPU time halved, and only less
// work (not another arrangement) makes it shorter.
// Expects a build (`node esbuild.js --production --tests`, which builds the validator and
// the unit bundles too) and the Debian packages (`install.sh system`). The validator prints
// as it goes; every other tier is held and printed whole when it ends. The first tier to
// fail stops the rest (as `&&` would), and the exit code is 1.
import { spawn } from 'child_process';
import { mkdirSync, readFileSync, readdirSync, rmdirSync, writeFileSync } from 'fs';
import { setPriority as osSetPriority } from 'os';

/** A lower priority is a hint: where the system refuses it, the tiers run as they are. */
function setPriority(pid, priority) {
  try {
    osSetPriority(pid, priority);
  } catch {
    // not allowed here (raising priority needs privileges on some systems)
  }
}

/** A process and everything it started, from /proc (the tools run in PID namespaces of their own, but /proc here sees them). */
function processTree(root) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // gone already
    }
  }
  const tree = [];
  for (const stack = [root]; stack.length; ) {
    const pid = stack.pop();
    tree.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** Sets the priority of every thread of a process tree: what it starts later inherits it. */
function setTreePriority(root, priority) {
  for (const pid of processTree(root)) {
    let threads = [pid];
    try {
      threads = readdirSync(`/proc/${pid}/task`).map(Number);
    } catch {
      // not Linux, or gone: the process alone
    }
    for (const tid of threads) setPriority(tid, priority);
  }
}

/** The machine's CPU time so far, busy and idle, in core-seconds (from /proc/stat; zero where there is none). */
function machineCpu() {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const ticks = fields.map(Number);
    const idle = ticks[3] + (ticks[4] ?? 0);
    // USER_HZ is 100 on Linux.
    return { busy: (ticks.slice(0, 8).reduce((a, b) => a + b, 0) - idle) / 100, idle: idle / 100 };
  } catch {
    return { busy: 0, idle: 0 };
  }
}
const cpuAtStart = machineCpu();
/** Busy and idle core-seconds since the tiers started: how well the cores were packed. */
function machineSoFar() {
  const now = machineCpu();
  return `machine so far: ${(now.busy - cpuAtStart.busy).toFixed(0)} core-s busy, ${(now.idle - cpuAtStart.idle).toFixed(0)} idle`;
}

/**
 * A CPU-accounting control group per tier (cgroup v1 cpuacct), where this machine lets us
 * make one (root, as in CI here): what a whole tier used, its tools' processes in PID
 * namespaces and those reaped by no one included, which the tiers' own wait() figures miss.
 * Elsewhere the tiers run as they are and print no per-tier figure.
 */
function tierCgroup(label) {
  try {
    const dir = `/sys/fs/cgroup/cpuacct/upskill-tiers-${process.pid}-${label.replace(/[^a-z0-9]+/gi, '-')}`;
    mkdirSync(dir);
    return dir;
  } catch {
    return undefined;
  }
}

function cgroupCpuSeconds(dir) {
  try {
    return Number(readFileSync(`${dir}/cpuacct.usage`, 'utf8')) / 1e9;
  } catch {
    return undefined;
  }
}

const children = new Set();
let failed = false;

function run(label, command, args, { hold, onSpawn }) {
  return new Promise((resolve) => {
    if (failed) return resolve(false);
    const started = Date.now();
    // A process group of its own, so a failure elsewhere can stop the tier with its children.
    const child = spawn(command, args, { stdio: hold ? ['ignore', 'pipe', 'pipe'] : 'inherit', detached: true });
    // Joined as soon as it exists (spawn returns once it has exec'd, before it starts anything).
    const cgroup = tierCgroup(label);
    try {
      if (cgroup) writeFileSync(`${cgroup}/cgroup.procs`, String(child.pid));
    } catch {
      // gone already, or not allowed: no figure for this tier
    }
    children.add(child);
    onSpawn?.(child);
    const chunks = [];
    if (hold) {
      child.stdout.on('data', (c) => chunks.push(c));
      child.stderr.on('data', (c) => chunks.push(c));
    }
    child.on('close', (code, signal) => {
      children.delete(child);
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      if (hold) process.stdout.write(`\n---- ${label} ----\n${Buffer.concat(chunks).toString('utf8')}`);
      const ok = code === 0;
      const cpu = cgroup ? cgroupCpuSeconds(cgroup) : undefined;
      const used = cpu !== undefined ? `${cpu.toFixed(0)} core-s of CPU; ` : '';
      console.log(`[tiers] ${label}: ${ok ? 'passed' : failed ? 'stopped' : `failed (${signal ?? `exit ${code}`})`} in ${seconds} s (${used}${machineSoFar()})`);
      try {
        if (cgroup) rmdirSync(cgroup);
      } catch {
        // a process of the tier still in it (it is killed with the tier's group); left for the system
      }
      if (!ok && !failed) stopAll();
      resolve(ok);
    });
  });
}

function stopAll() {
  failed = true;
  for (const c of children) {
    try {
      process.kill(-c.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    stopAll();
    process.exit(130);
  });
}

const npx = (bin, ...args) => [process.execPath, [`node_modules/${bin}`, ...args]];
const tier = (label, [cmd, args]) => () => run(label, cmd, args, { hold: true });

async function lane(...tiers) {
  for (const t of tiers) if (!(await t())) return false;
  return true;
}

let validatorChild;
const validator = run('content validator', process.execPath, ['out/curriculum/validate.js', '--jobs', '1'], {
  hold: false,
  onSpawn: (child) => {
    validatorChild = child;
    setPriority(child.pid, 5);
  },
});
const rest = (async () => {
  const [installed, checked] = await Promise.all([
    tier('install Node 24 and code-server', ['bash', ['test/harness/install.sh', 'code-server']])(),
    lane(
      tier('types', npx('typescript/bin/tsc', '--noEmit', '-p', '.')),
      tier('types (webview)', npx('typescript/bin/tsc', '--noEmit', '-p', 'src/webview-ui')),
      tier('lint', npx('eslint/bin/eslint.js', 'src', 'test')),
      tier('unit', npx('mocha/bin/mocha.js', '--config', 'test/unit/.mocharc.json')),
    ),
  ]);
  return installed && checked && (await tier('in-host and end-to-end', [process.execPath, ['test/harness/run-e2e.mjs']])());
})();
const restOk = await rest;
if (restOk && validatorChild?.exitCode === null) {
  console.log('[tiers] the other tiers are done: the validator gets the second core');
  setTreePriority(validatorChild.pid, 0);
  validatorChild.kill('SIGUSR2');
}
const validatorOk = await validator;
process.exit(restOk && validatorOk ? 0 : 1);
