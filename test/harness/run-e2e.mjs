// The in-host and end-to-end tiers. Expects a build (`node esbuild.js --production --tests`)
// and code-server in the cache (test/harness/install.sh). Exits non-zero on any failure.
import { spawnSync } from 'child_process';
import { promises as fs, existsSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium } from 'playwright-core';
import { ROOT, stageExtension, stageTestRunner, startCodeServer, writeUserSettings } from './codeServer.mjs';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

async function inHostTier() {
  const started = Date.now();
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-inhost-'));
  const workspace = path.join(home, 'workspace');
  await fs.cp(path.join(ROOT, 'test', 'fixtures', 'e2e-workspace'), workspace, { recursive: true });
  const userDataDir = path.join(home, 'user-data');
  const extensionsDir = path.join(home, 'extensions');
  const results = path.join(home, 'results.json');
  await writeUserSettings(userDataDir, {});
  await stageExtension(extensionsDir);
  const runner = await stageTestRunner(extensionsDir, { results });
  await fs.mkdir(path.join(runner, 'suite'), { recursive: true });
  for (const f of ['index.js', 'index.js.map']) await fs.copyFile(path.join(ROOT, 'out', 'integration', f), path.join(runner, 'suite', f));
  const log = [];
  // The suite's `require('mocha')` resolves through NODE_PATH to the repository's mocha.
  const server = await startCodeServer({ userDataDir, extensionsDir, folder: workspace, log: (l) => log.push(l), env: { NODE_PATH: path.join(ROOT, 'node_modules') } });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // The extension host runs while a window is connected.
    await page.goto(server.url, { timeout: 90_000 });
    const end = Date.now() + 8 * 60_000;
    while (!existsSync(results)) {
      if (Date.now() > end) throw new Error(`the in-host suite wrote no results in 8 minutes; code-server said:\n${log.slice(-40).join('\n')}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const r = JSON.parse(await fs.readFile(results, 'utf8'));
    console.log(`\n  In-host tier (Upskill's extension host in code-server): ${r.passed} passed, ${r.failed} failed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    for (const f of r.failures) console.log(`    ✗ ${f.title}\n      ${f.error.split('\n').slice(0, 8).join('\n      ')}`);
    return r.failed === 0 && r.passed > 0;
  } finally {
    await browser.close();
    await server.stop();
    if (!process.env.UPSKILL_KEEP_E2E) await fs.rm(home, { recursive: true, force: true });
  }
}

// Two files at a time: each file starts its own code-server on a free port with its own
// profile and workspace, so files share nothing. On a quiet 2-core machine the tier took
// 10.5 min this way (57 passing); beside the validator in a cold CI run, 847 s against 955 s
// one file at a time. The gain is small because the tier is not mostly waiting: one file
// keeps about 1.5 cores busy (the skills-tree file: 67 to 72 core-seconds in 44 s, most of
// it Chromium's renderer loading VS Code's workbench, twice), so the machine is full either way.
function e2eTier() {
  const mocha = path.join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');
  const r = spawnSync(process.execPath, [mocha, '--parallel', '--jobs', '2', '--timeout', '300000', '--enable-source-maps', ...process.argv.slice(2), 'out/e2e/**/*.test.js'], { cwd: ROOT, stdio: 'inherit' });
  return r.status === 0;
}

const inHostOk = await inHostTier().catch((e) => {
  console.error(`  In-host tier failed to run: ${e.stack ?? e}`);
  return false;
});
const e2eOk = e2eTier();
if (!inHostOk || !e2eOk) {
  console.error(`\n  ${!inHostOk ? 'in-host tier failed' : ''}${!inHostOk && !e2eOk ? '; ' : ''}${!e2eOk ? 'end-to-end tier failed' : ''}`);
  process.exit(1);
}
