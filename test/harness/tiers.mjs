// The tiers of `npm test`, arranged so the 2-core machine is busy but never oversubscribed.
// Measured here: the unit tier and the content validator are both CPU-bound, and run side
// by side each took about three times as long as alone; the end-to-end tier, run beside the
// validator, hit Playwright's page-load limits. So the CPU-bound tiers run one after another,
// and only what waits on the network or the disk runs beside them:
//   1. installing Node 24 and code-server (a download and a native build, needed by the
//      end-to-end tier only) | types, lint and the unit tier;
//   2. the content validator (one check run per core);
//   3. the in-host and end-to-end tiers (a browser and code-server).
// Expects a build (`node esbuild.js --production --tests`, which builds the validator and
// the unit bundles too) and the Debian packages (`install.sh system`). The validator prints
// as it goes; every other tier is held and printed whole when it ends, so output never
// interleaves. The first tier to fail stops the rest (as `&&` would), and the exit code is 1.
import { spawn } from 'child_process';

const children = new Set();
let failed = false;

function run(label, command, args, { hold }) {
  return new Promise((resolve) => {
    if (failed) return resolve(false);
    const started = Date.now();
    // A process group of its own, so a failure elsewhere can stop the tier with its children.
    const child = spawn(command, args, { stdio: hold ? ['ignore', 'pipe', 'pipe'] : 'inherit', detached: true });
    children.add(child);
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
      console.log(`[tiers] ${label}: ${ok ? 'passed' : failed ? 'stopped' : `failed (${signal ?? `exit ${code}`})`} in ${seconds} s`);
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

const [installed, checked] = await Promise.all([
  tier('install Node 24 and code-server', ['bash', ['test/harness/install.sh', 'code-server']])(),
  lane(
    tier('types', npx('typescript/bin/tsc', '--noEmit', '-p', '.')),
    tier('types (webview)', npx('typescript/bin/tsc', '--noEmit', '-p', 'src/webview-ui')),
    tier('lint', npx('eslint/bin/eslint.js', 'src', 'test')),
    tier('unit', npx('mocha/bin/mocha.js', '--config', 'test/unit/.mocharc.json')),
  ),
]);
const ok =
  installed &&
  checked &&
  (await run('content validator', process.execPath, ['out/curriculum/validate.js'], { hold: false })) &&
  (await tier('in-host and end-to-end', [process.execPath, ['test/harness/run-e2e.mjs']])());
process.exit(ok ? 0 : 1);
