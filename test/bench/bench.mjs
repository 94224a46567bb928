// `npm run bench`: prints figures for what the learner waits on. Figures, not pass/fail:
//  - bundle sizes (what VS Code reads at activation);
//  - activation: requiring dist/extension.js and calling activate() against a recording
//    stub of the vscode API, compared with a hello-world extension doing the same;
//  - content: loading and validating every shipped YAML file (cold and warm);
//  - checks: a second check of an unchanged exercise through the engine (hermetic: a
//    scratch copy, the exercise's own configs, mypy's cache in Upskill storage) against the
//    same tools run by hand with warm caches, measured in the same run.
import { createRequire } from 'module';
import { readFileSync, statSync, readdirSync } from 'fs';
import * as path from 'path';
import Module from 'module';
import { performance } from 'perf_hooks';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const rows = [];
const row = (name, value) => rows.push([name, value]);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// ---- sizes ---------------------------------------------------------------------------
row('dist/extension.js (loaded at activation)', kb(statSync(path.join(root, 'dist/extension.js')).size));
row('dist/content.js (loaded with the first content)', kb(statSync(path.join(root, 'dist/content.js')).size));
row('dist/checks.js (loaded with the first check)', kb(statSync(path.join(root, 'dist/checks.js')).size));
row('dist/webview/checklist.js', kb(statSync(path.join(root, 'dist/webview/checklist.js')).size));

// ---- a stub vscode: every property is a callable proxy that returns another proxy -------
function stub() {
  const handler = {
    get(target, prop) {
      if (prop === 'then') return undefined;
      if (prop === Symbol.toPrimitive) return () => '';
      if (!(prop in target)) target[prop] = new Proxy(function () {}, handler);
      return target[prop];
    },
    // Assignments land (a status-bar item's `name` is a function's read-only property).
    set(target, prop, value) {
      Object.defineProperty(target, prop, { value, writable: true, configurable: true });
      return true;
    },
    apply() {
      return new Proxy(function () {}, handler);
    },
    construct() {
      return new Proxy(function () {}, handler);
    },
  };
  return new Proxy(function () {}, handler);
}
const vscodeStub = stub();
// The bundle reads the API through esbuild's ESM wrapper, which copies own properties only:
// give the stub every name @types/vscode exports.
const api = readFileSync(path.join(root, 'node_modules/@types/vscode/index.d.ts'), 'utf8');
for (const m of api.matchAll(/^\s*export (?:namespace|class|enum|const|let|function) (\w+)/gm)) void vscodeStub[m[1]];
const origResolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'vscode') return 'vscode';
  return origResolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscodeStub };

function context() {
  const memento = { get: () => undefined, update: async () => {}, keys: () => [], setKeysForSync: () => {} };
  return {
    subscriptions: [],
    extensionPath: root,
    extensionUri: { fsPath: root, path: root },
    globalStorageUri: { fsPath: path.join(tmpdir(), 'upskill-bench-storage'), path: path.join(tmpdir(), 'upskill-bench-storage') },
    globalState: memento,
    workspaceState: memento,
  };
}

function timeActivate(file, runs = 15) {
  const loads = [];
  const activates = [];
  for (let i = 0; i < runs; i++) {
    delete require.cache[require.resolve(file)];
    const t0 = performance.now();
    const ext = require(file);
    const t1 = performance.now();
    ext.activate(context());
    loads.push(t1 - t0);
    activates.push(performance.now() - t1);
  }
  return { load: median(loads), activate: median(activates), total: median(loads) + median(activates) };
}

import { writeFileSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
const helloDir = mkdtempSync(path.join(tmpdir(), 'upskill-hello-'));
const hello = path.join(helloDir, 'hello.js');
writeFileSync(
  hello,
  `const vscode = require('vscode');
exports.activate = (context) => {
  context.subscriptions.push(vscode.commands.registerCommand('hello.world', () => vscode.window.showInformationMessage('Hello')));
};`,
);
const upskillMs = timeActivate(path.join(root, 'dist/extension.js'));
const helloMs = timeActivate(hello);
const ms = (t) => `${t.total.toFixed(2)} ms (require ${t.load.toFixed(2)} + activate() ${t.activate.toFixed(2)})`;
row('activation: require + activate(), medians of 15', ms(upskillMs));
row('hello-world extension, same measure', ms(helloMs));

// ---- content loading --------------------------------------------------------------------
try {
  let t0 = performance.now();
  const { loadCatalog, nodeContentFs } = require(path.join(root, 'dist/content.js'));
  row('first use: require dist/content.js', `${(performance.now() - t0).toFixed(1)} ms`);
  const source = { kind: 'builtin', root: path.join(root, 'resources/content'), label: 'Upskill', trusted: true };
  t0 = performance.now();
  const catalog = await loadCatalog([source], nodeContentFs);
  const cold = performance.now() - t0;
  const warm = [];
  for (let i = 0; i < 10; i++) {
    t0 = performance.now();
    await loadCatalog([source], nodeContentFs);
    warm.push(performance.now() - t0);
  }
  const files = readdirSync(source.root, { recursive: true }).filter((f) => String(f).match(/\.ya?ml$/)).length;
  row(`load shipped content (${files} files, ${catalog.exercises.size} exercises), first`, `${cold.toFixed(1)} ms`);
  row('load shipped content, median of 10 after', `${median(warm).toFixed(1)} ms`);
  row('content errors in shipped content', String(catalog.errors.length));
} catch (e) {
  row('content loading', `not measured: ${e.message}`);
}

// ---- checks: the engine's second check vs warm hand-run tools --------------------------------
try {
  const { execFileSync } = await import('child_process');
  const { cpSync, rmSync } = await import('fs');
  const t0 = performance.now();
  const { runChecks } = require(path.join(root, 'dist/checks.js'));
  row('first use: require dist/checks.js', `${(performance.now() - t0).toFixed(1)} ms`);
  const { loadCatalog, nodeContentFs } = require(path.join(root, 'dist/content.js'));
  const python = process.env.UPSKILL_TEST_PYTHON || '/usr/bin/python3';
  const catalog = await loadCatalog([{ kind: 'builtin', root: path.join(root, 'resources/content'), label: 'Upskill', trusted: true }], nodeContentFs);
  const ex = catalog.exercises.get('typing-annotate-metrics');
  const work = mkdtempSync(path.join(tmpdir(), 'upskill-bench-work-'));
  cpSync(path.join(ex.dir, ex.starter), work, { recursive: true });
  cpSync(path.join(ex.dir, ex.solution), work, { recursive: true });
  const storageDir = mkdtempSync(path.join(tmpdir(), 'upskill-bench-storage-'));
  const ctx = { exercise: ex, workDir: work, python: { path: python, version: '3', origin: 'bench' }, timeoutMs: 120_000, trusted: true, storageDir, log: () => {} };
  const engine = async () => {
    const t0 = performance.now();
    const report = await runChecks(ctx);
    if (!report.passed) throw new Error(`the solution did not pass: ${report.results.map((r) => r.summary).join(' | ')}`);
    return performance.now() - t0;
  };
  const handCache = path.join(storageDir, 'hand-mypy-cache');
  const hand = () => {
    const t0 = performance.now();
    execFileSync(python, ['-m', 'mypy', '--strict', '--cache-dir', handCache, '.'], { cwd: work, stdio: 'ignore', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
    execFileSync(python, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider'], { cwd: work, stdio: 'ignore', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
    return performance.now() - t0;
  };
  const first = await engine();
  hand(); // warms the hand-run cache
  const engineRuns = [];
  const handRuns = [];
  // Interleaved, so both see the same machine load.
  for (let i = 0; i < 9; i++) {
    engineRuns.push(await engine());
    handRuns.push(hand());
  }
  const e = median(engineRuns);
  const h = median(handRuns);
  row('check typing-annotate-metrics through the engine, first (cold mypy cache)', `${first.toFixed(0)} ms`);
  row('  second check of the unchanged exercise, median of 9', `${e.toFixed(0)} ms`);
  row('  mypy --strict + pytest by hand, warm cache, median of 9', `${h.toFixed(0)} ms`);
  row('  engine / hand-run (target at most 1.15)', `${(e / h).toFixed(2)}x`);
  rmSync(work, { recursive: true, force: true });
  rmSync(storageDir, { recursive: true, force: true });
} catch (e) {
  row('checks', `not measured: ${e.message}`);
}

const width = Math.max(...rows.map(([n]) => n.length));
console.log('Upskill benchmark');
for (const [n, v] of rows) console.log(`  ${n.padEnd(width)}  ${v}`);
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
console.log(`  activationEvents: ${JSON.stringify(pkg.activationEvents)} (after start-up, for the study timer's status-bar item; views and commands activate it too; content and checks load on first use)`);
