// Activation in the real workbench: VS Code's own figure (Developer: Show Running
// Extensions, "Activation: N ms", which is loading the extension's code plus its activate()
// call) for Upskill, for the hello-world extension of VS Code's guide and for an empty
// extension (the same onStartupFinished event), each alone in a code-server, over several
// window loads, with the split Developer: Startup Performance gives.
// The first load reads the bundle from a cold page cache; every reload starts a new
// extension host. Part of `npm run bench`; needs code-server in the cache (`npm run setup`)
// and Debian's Chromium, and prints "not measured" without them.
//
//   node test/bench/workbench.mjs [--runs N]
import { existsSync, promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium } from 'playwright-core';
import { codeServerInstalled, stageExtension, startCodeServer, writeUserSettings } from '../harness/codeServer.mjs';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 10;
const CHROMIUM = '/usr/bin/chromium';
const label = (s) => s.padEnd(104);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log('Upskill in the real workbench (code-server)');
if (!codeServerInstalled() || !existsSync(CHROMIUM)) {
  console.log(`  ${label('activation beside hello-world')}not measured: needs code-server (npm run setup) and ${CHROMIUM}`);
  process.exit(0);
}

// Each extension alone in a code-server of its own (the built-in extensions beside it), the
// two windows loaded in turn: side by side in one extension host, each one's figure would
// count the other's work (both activate on the same event, one after the other, and a
// module load waits while the other's activate() runs).
const home = await fs.mkdtemp(path.join(os.tmpdir(), 'upskill-bench-workbench-'));
const workspace = path.join(home, 'workspace');
await fs.mkdir(workspace, { recursive: true });
const upskillDir = path.join(home, 'upskill');
await stageExtension(path.join(upskillDir, 'extensions'));
// Two baselines on the event Upskill activates on. hello-world is the extension VS Code's
// guide ("Your First Extension", the `yo code` JavaScript template) makes: it requires the
// API and registers its one command, as every extension that does anything must. The empty
// extension is the floor: a manifest and an activate() that does nothing, without the API.
const baseline = async (name, main) => {
  const dir = path.join(home, name);
  const ext = path.join(dir, 'extensions', `bench.${name}-0.0.1`);
  await fs.mkdir(ext, { recursive: true });
  const contributes = name === 'hello-world' ? { commands: [{ command: 'helloworld.helloWorld', title: 'Hello World' }] } : {};
  await fs.writeFile(path.join(ext, 'package.json'), JSON.stringify({ name, displayName: name, publisher: 'bench', version: '0.0.1', engines: { vscode: '^1.90.0' }, main: './extension.js', activationEvents: ['onStartupFinished'], contributes }));
  await fs.writeFile(path.join(ext, 'extension.js'), main);
  return dir;
};
const helloDir = await baseline(
  'hello-world',
  `const vscode = require('vscode');
function activate(context) {
  console.log('Congratulations, your extension "helloworld" is now active!');
  const disposable = vscode.commands.registerCommand('helloworld.helloWorld', function () {
    vscode.window.showInformationMessage('Hello World from helloworld!');
  });
  context.subscriptions.push(disposable);
}
function deactivate() {}
module.exports = { activate, deactivate };
`,
);
const emptyDir = await baseline('empty', 'exports.activate = function () {};\nexports.deactivate = function () {};\n');

const subjects = [
  { name: 'Upskill', id: 'upskill.upskill', dir: upskillDir },
  { name: 'hello-world', id: 'bench.hello-world', dir: helloDir },
  { name: 'empty', id: 'bench.empty', dir: emptyDir },
];
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] });
const servers = [];
try {
  for (const s of subjects) {
    await writeUserSettings(path.join(s.dir, 'user-data'), {});
    s.server = await startCodeServer({ userDataDir: path.join(s.dir, 'user-data'), extensionsDir: path.join(s.dir, 'extensions'), folder: workspace });
    servers.push(s.server);
    // Tall enough that the Running Extensions list (virtualized) shows every row.
    s.page = await browser.newPage({ viewport: { width: 1400, height: 2400 } });
    s.times = [];
    s.split = [];
  }
  for (let run = 0; run < RUNS; run++) {
    for (const s of subjects) {
      if (run === 0) await s.page.goto(s.server.url, { timeout: 90_000 });
      else await s.page.reload({ timeout: 90_000 });
      await s.page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
      s.times.push(await readActivation(s.page, s.name));
      s.split.push(await readSplit(s.page, s.id));
    }
  }
} finally {
  await browser.close();
  for (const server of servers) await server.stop();
  await fs.rm(home, { recursive: true, force: true });
}

const show = (xs) => xs.map((x) => (x === undefined ? '?' : `${x}`)).join(', ');
const [up, hw, empty] = subjects.map((s) => s.times.filter((x) => x !== undefined));
for (const s of subjects) {
  const parts = s.split.filter(Boolean);
  const mid = (k) => median(parts.map((p) => p[k]));
  console.log(`  ${label(`${s.name}, alone, VS Code's activation figure, ${RUNS} window loads (the first cold)`)}${show(s.times)} ms; median ${median(s.times.filter((x) => x !== undefined))} ms`);
  if (parts.length) console.log(`  ${label(`  ${s.name}: Startup Performance's split, medians: load code, call activate(), finish activate`)}${mid('load')}, ${mid('call')}, ${mid('finish')} ms`);
}
// Each load's ratio too: the loads run in turn, so a slow moment of the machine falls on
// neighbouring loads of all three.
const perLoad = subjects[0].times.map((x, i) => (x !== undefined && subjects[1].times[i] ? x / subjects[1].times[i] : undefined)).filter((r) => r !== undefined);
const ci = interval(up, hw);
console.log(
  `  ${label("Upskill / hello-world (VS Code's guide), medians")}${(median(up) / median(hw)).toFixed(2)}x (95% interval ${ci.ratio}); per load, median ${perLoad.length ? median(perLoad).toFixed(2) : '?'}x; Upskill's own, median minus median: ${median(up) - median(hw)} ms (${ci.diff})`.padEnd(160) +
    '  target: at most 1.3x',
);
console.log(`  ${label('  Upskill / empty extension (no API, no command), medians')}${(median(up) / median(empty)).toFixed(2)}x`);

/**
 * How far the medians' ratio and difference can move with these loads: a bootstrap (each
 * sample drawn again with replacement, 2,000 times, from a fixed seed), its 2.5th and 97.5th
 * percentiles. A wide interval says the run cannot tell the figures apart from the noise.
 */
function interval(a, b) {
  let seed = 21;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const draw = (xs) => xs.map(() => xs[Math.floor(rand() * xs.length)]);
  const ratios = [];
  const diffs = [];
  for (let i = 0; i < 2000; i++) {
    const [ma, mb] = [median(draw(a)), median(draw(b))];
    ratios.push(ma / mb);
    diffs.push(ma - mb);
  }
  const pct = (xs, q) => [...xs].sort((x, y) => x - y)[Math.floor(q * (xs.length - 1))];
  return { ratio: `${pct(ratios, 0.025).toFixed(2)} to ${pct(ratios, 0.975).toFixed(2)}x`, diff: `${pct(diffs, 0.025)} to ${pct(diffs, 0.975)} ms` };
}

/** Opens Running Extensions and reads the activation figure of `name`, waiting until it has one. */
async function readActivation(page, name) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    await runCommand(page, 'Developer: Show Running Extensions');
    await page.locator('.runtime-extensions-editor .monaco-list-row').first().waitFor({ timeout: 30_000 });
    for (const row of await page.locator('.runtime-extensions-editor .monaco-list-row').allInnerTexts()) {
      const ms = /Activation: (\d+)ms/.exec(row);
      if (row.split('\n')[0].trim() === name && ms) return Number(ms[1]);
    }
    // onStartupFinished comes a moment after the workbench shows: look again.
    if (Date.now() > deadline) return undefined;
    await page.waitForTimeout(1000);
  }
}

/** The extension's row of Developer: Startup Performance (Load Code, Call Activate, Finish Activate, in ms). */
async function readSplit(page, id) {
  await runCommand(page, 'Developer: Startup Performance');
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const text = await page.locator('.monaco-editor .view-lines').first().innerText().catch(() => '');
    const row = text.split('\n').find((l) => l.split('|')[1]?.trim() === id);
    if (row) {
      const cells = row.split('|').map((c) => c.trim());
      return { load: Number(cells[3]), call: Number(cells[4]), finish: Number(cells[5]) };
    }
    await page.waitForTimeout(500);
  }
  return undefined;
}

async function runCommand(page, title) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}
