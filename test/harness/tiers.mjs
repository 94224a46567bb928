// The tiers of `npm test` in two lanes, so the 2-core machine stays busy instead of running
// them one after the other: the content validator (CPU-bound, one check run per core) in
// one lane; in the other, types and lint, the unit tier (one process, mostly one core) and
// then the in-host and end-to-end tiers (mostly waiting on a browser and code-server).
// Expects a build (`node esbuild.js --production --tests`, which builds the validator and
// the unit bundles too). The validator prints as it goes; each tier of the other lane is
// held and printed whole when it ends, so the two never interleave. The first tier to fail
// stops the rest (as `&&` would), and the exit code is 1.
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

const [validator, rest] = await Promise.all([
  run('content validator', process.execPath, ['out/curriculum/validate.js'], { hold: false }),
  lane(
    tier('types', npx('typescript/bin/tsc', '--noEmit', '-p', '.')),
    tier('types (webview)', npx('typescript/bin/tsc', '--noEmit', '-p', 'src/webview-ui')),
    tier('lint', npx('eslint/bin/eslint.js', 'src', 'test')),
    tier('unit', npx('mocha/bin/mocha.js', '--config', 'test/unit/.mocharc.json')),
    tier('in-host and end-to-end', [process.execPath, ['test/harness/run-e2e.mjs']]),
  ),
]);
process.exit(validator && rest ? 0 : 1);
