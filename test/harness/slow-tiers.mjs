// The two slow tiers of `npm test` side by side: the content validator (CPU-bound, one
// check run per core) and the in-host and end-to-end tiers (mostly waiting on a browser and
// code-server), so the 2-core machine stays busy instead of running them one after the
// other. Expects a build (`node esbuild.js --production --tests`, which builds the
// validator too). The validator prints as it goes; the e2e output is held and printed
// whole when it ends, so the two never interleave. Fails when either fails.
import { spawn } from 'child_process';

function run(label, args, { hold }) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, args, { stdio: hold ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    const chunks = [];
    if (hold) {
      child.stdout.on('data', (c) => chunks.push(c));
      child.stderr.on('data', (c) => chunks.push(c));
    }
    child.on('close', (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      if (hold) process.stdout.write(`\n---- ${label} ----\n${Buffer.concat(chunks).toString('utf8')}`);
      console.log(`[slow tiers] ${label}: ${code === 0 ? 'passed' : `failed (${signal ?? `exit ${code}`})`} in ${seconds} s`);
      resolve(code === 0);
    });
  });
}

const [validator, e2e] = await Promise.all([
  run('content validator', ['out/curriculum/validate.js'], { hold: false }),
  run('in-host and end-to-end tiers', ['test/harness/run-e2e.mjs'], { hold: true }),
]);
process.exit(validator && e2e ? 0 : 1);
