// `npm run bench`: prints figures for what the learner waits on, each beside its target
// (issue 21). Figures, not pass/fail:
//  - bundle sizes (what VS Code reads at activation), and what the activation bundle holds
//    by source folder (esbuild's metafile): no check-engine code belongs there;
//  - activation: requiring dist/extension.js and calling activate() against a recording
//    stub of the vscode API, compared with a hello-world extension doing the same;
//  - content: the shipped content from its build-time snapshot, cold in a fresh Node, and a
//    generated catalog of 2,000 exercises across 100 skills read and validated from YAML;
//  - the Skills tree's nodes, the Checklist's and the dashboard's models for that catalog;
//  - checks: a second check of an unchanged exercise through the engine (hermetic: a
//    scratch copy, the exercise's own configs, mypy's cache in Upskill storage) against the
//    same tools run by hand with warm caches, measured in the same run.
// Each timing is wall clock and CPU time; the machine's load average is printed first and
// last. `--json FILE --label NAME` keeps the figures; `--baseline FILE` prints such a file's
// figures beside these (a build of main, say), so before and after come from one bench.
import { createRequire } from 'module';
import { existsSync, readFileSync, statSync, readdirSync } from 'fs';
import * as path from 'path';
import Module from 'module';
import { performance } from 'perf_hooks';
import * as os from 'os';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

// The figures are taken in the Node the extension host runs, code-server's Node 24 from the
// cache `npm run setup` fills: the Node of the shell (Node 20 on these machines) runs the
// same code a quarter to a third slower, and is not what a learner's VS Code runs.
// UPSKILL_BENCH_NODE names another Node; without either, the shell's Node, said so.
const hostNode = process.env.UPSKILL_BENCH_NODE ?? path.join(process.env.UPSKILL_CACHE ?? path.join(os.homedir(), '.cache', 'upskill'), 'node24', 'node_modules', 'node', 'bin', 'node');
if (!process.env.UPSKILL_BENCH_IN_HOST_NODE && existsSync(hostNode) && path.resolve(hostNode) !== process.execPath) {
  const { spawnSync } = await import('child_process');
  const run = spawnSync(hostNode, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, UPSKILL_BENCH_IN_HOST_NODE: '1' } });
  process.exit(run.status ?? 1);
}
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
// `--json FILE` writes the keyed figures; `--baseline FILE` (such a file from another build,
// main's say) prints each beside its figure, so before and after come from one bench.
const argValue = (flag) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const baseline = argValue('--baseline') ? JSON.parse(readFileSync(argValue('--baseline'), 'utf8')) : undefined;
const figures = {};
const rows = [];
const row = (name, value, target = '', key = undefined) => {
  if (key) figures[key] = value;
  const before = key && baseline?.figures?.[key];
  rows.push([name, value, [target && `target: ${target}`, before && `before (${baseline.label}): ${before}`].filter(Boolean).join('; ')]);
};
// Figures are wall-clock time on whatever else the machine is doing: say how busy it was.
// Each timing also gives the CPU time it took (user + system, process.cpuUsage), which a
// busy machine inflates far less than the wall clock.
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(', ');
row('machine', `${os.cpus().length} cores, load average ${load()} (1, 5, 15 min) at the start`);
row('Node', process.env.UPSKILL_BENCH_IN_HOST_NODE ? `${process.version} (the extension host's: ${process.execPath})` : `${process.version}, this shell's: the extension host's Node 24 is not installed (npm run setup installs it)`);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// ---- sizes ---------------------------------------------------------------------------
const size = (f) => kb(statSync(path.join(root, f)).size);
row('dist/extension.js (loaded at activation, minified)', size('dist/extension.js'), '', 'extension-size');
row('dist/workbench.js (loaded when a view or a command is first used)', size('dist/workbench.js'));
row('dist/contentLoad.js (loaded with the first content)', size('dist/contentLoad.js'));
row('dist/content-snapshot.json (the shipped content, parsed and linked at build)', size('dist/content-snapshot.json'), '', 'snapshot-size');
row('dist/content.js (the parser: only for workspace content)', size('dist/content.js'));
row('dist/checks.js (loaded with the first check)', size('dist/checks.js'));
row('dist/webview/checklist.js + media CSS', `${size('dist/webview/checklist.js')} + ${kb(readdirSync(path.join(root, 'media')).filter((f) => f.endsWith('.css')).reduce((n, f) => n + statSync(path.join(root, 'media', f)).size, 0))}`);
// Tree-shaking report: bytes of the activation bundle by source folder.
try {
  const meta = JSON.parse(readFileSync(path.join(root, 'out/meta/extension.json'), 'utf8'));
  const out = Object.values(meta.outputs).find((o) => o.entryPoint === 'src/extension.ts');
  const byFolder = {};
  for (const [file, { bytesInOutput }] of Object.entries(out.inputs)) {
    const folder = file.startsWith('node_modules/') ? file.split('/').slice(0, 2).join('/') : path.dirname(file);
    byFolder[folder] = (byFolder[folder] ?? 0) + bytesInOutput;
  }
  const folders = Object.entries(byFolder).sort((a, b) => b[1] - a[1]);
  row('dist/extension.js by source folder (metafile)', folders.map(([f, n]) => `${f} ${kb(n)}`).join(', '));
  row('  check-engine code (src/checks) in dist/extension.js', kb(byFolder['src/checks'] ?? 0), '0');
} catch (e) {
  row('metafile report', `not measured: ${e.message} (run node esbuild.js --production)`);
}

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

/** CPU milliseconds (user + system) since `since` (a process.cpuUsage()). */
const cpuMs = (since) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

function timeActivate(file, runs = 15) {
  const loads = [];
  const activates = [];
  const cpus = [];
  for (let i = 0; i < runs; i++) {
    delete require.cache[require.resolve(file)];
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const ext = require(file);
    const t1 = performance.now();
    ext.activate(context());
    loads.push(t1 - t0);
    activates.push(performance.now() - t1);
    cpus.push(cpuMs(c0));
  }
  return { load: median(loads), activate: median(activates), total: median(loads) + median(activates), cpu: median(cpus), first: { load: loads[0], activate: activates[0], cpu: cpus[0] } };
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
const ms = (t) => `${t.total.toFixed(2)} ms (require ${t.load.toFixed(2)} + activate() ${t.activate.toFixed(2)}; CPU ${t.cpu.toFixed(2)} ms)`;
row('activation: require + activate(), medians of 15', ms(upskillMs), 'under 5 ms', 'activation');
row('hello-world extension, same measure', ms(helloMs));
row('  activation, the first of those runs (nothing compiled yet)', `${(upskillMs.first.load + upskillMs.first.activate).toFixed(2)} ms (require ${upskillMs.first.load.toFixed(2)} + activate() ${upskillMs.first.activate.toFixed(2)}; CPU ${upskillMs.first.cpu.toFixed(2)} ms); hello-world ${(helloMs.first.load + helloMs.first.activate).toFixed(2)} ms`, '', 'activation-first');
// What activation leaves for the first use of a view or a command: requiring the workbench's
// bundle (once, in this process; making its services needs the real API).
{
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  require(path.join(root, 'dist/workbench.js'));
  row('  first use of a view or command: require dist/workbench.js (once)', `${(performance.now() - t0).toFixed(2)} ms (CPU ${cpuMs(c0).toFixed(2)} ms)`, '', 'workbench-require');
}

// ---- content loading --------------------------------------------------------------------
// Cold: a fresh Node each time, as in a new extension host: require the loader, read the
// snapshot, link. The parser never loads for the shipped content alone.
const coldScript = `
const { performance } = require('perf_hooks');
const c0 = process.cpuUsage();
const t0 = performance.now();
const m = require(${JSON.stringify(path.join(root, 'dist/contentLoad.js'))});
m.readSnapshot(m.snapshotFile(${JSON.stringify(root)})).then(async (snapshot) => {
  const source = { kind: 'builtin', root: ${JSON.stringify(path.join(root, 'resources/content'))}, label: 'Upskill', trusted: true };
  const c = await m.loadCatalogWith([source], m.nodeContentFs, { snapshot, parser: () => { throw new Error('parser loaded'); } });
  const u = process.cpuUsage(c0);
  process.stdout.write(JSON.stringify({ ms: performance.now() - t0, cpu: (u.user + u.system) / 1000, exercises: c.exercises.size, errors: c.errors.length }));
});`;
try {
  const { execFileSync } = await import('child_process');
  const runs = [];
  for (let i = 0; i < 7; i++) runs.push(JSON.parse(execFileSync(process.execPath, ['-e', coldScript], { encoding: 'utf8' })));
  row(`load shipped content (${runs[0].exercises} exercises) cold, fresh Node, median of 7`, `${median(runs.map((r) => r.ms)).toFixed(1)} ms (require + snapshot + catalog; CPU ${median(runs.map((r) => r.cpu)).toFixed(1)} ms)`, 'under 30 ms', 'content-cold');
  row('content errors in shipped content', String(runs[0].errors), '0 (the build fails otherwise)');
} catch (e) {
  row('content loading', `not measured: ${e.message}`);
}

// A generated catalog: 100 skills in one file, 2,000 exercises each in its own folder with
// its README and starter, read as workspace content (YAML, schema, file checks).
const { mkdirSync, rmSync: rm } = await import('fs');
const big = mkdtempSync(path.join(tmpdir(), 'upskill-bench-catalog-'));
const bigRoot = path.join(big, '.upskill');
{
  const skills = Array.from({ length: 100 }, (_, i) => `s${i}`);
  mkdirSync(bigRoot, { recursive: true });
  writeFileSync(
    path.join(bigRoot, 'catalog.yaml'),
    `tracks:\n  - id: big\n    title: Big\nskills:\n${skills.map((s) => `  - id: ${s}\n    track: big\n    title: Skill ${s}\n    why: Practice.\n    checklist:\n      - { id: c1, text: Does one thing }\n`).join('')}`,
  );
  for (let i = 0; i < 2000; i++) {
    const dir = path.join(bigRoot, 'exercises', `e${i}`);
    mkdirSync(path.join(dir, 'starter'), { recursive: true });
    writeFileSync(path.join(dir, 'README.md'), `# Exercise ${i}\n`);
    writeFileSync(path.join(dir, 'starter', 'main.py'), 'x = 1\n');
    writeFileSync(
      path.join(dir, 'exercise.yaml'),
      `exercises:\n  - id: e${i}\n    skill: s${i % 100}\n    title: Exercise ${i}\n    difficulty: ${['beginner', 'intermediate', 'advanced'][i % 3]}\n    competencies: [s${i % 100}.c1]\n    starter: starter\n    hints: [Read the test.]\n    checks:\n      - { type: mypy }\n      - { type: pytest }\n`,
    );
  }
}
let bigCatalog;
try {
  const { execFileSync } = await import('child_process');
  const script = `
const { performance } = require('perf_hooks');
const c0 = process.cpuUsage();
const t0 = performance.now();
const m = require(${JSON.stringify(path.join(root, 'dist/content.js'))});
m.loadCatalog([{ kind: 'workspace', root: ${JSON.stringify(bigRoot)}, label: 'big', trusted: true }], m.nodeContentFs).then((c) => {
  const u = process.cpuUsage(c0);
  process.stdout.write(JSON.stringify({ ms: performance.now() - t0, cpu: (u.user + u.system) / 1000, exercises: c.exercises.size, skills: c.skills.size, errors: c.errors.length }));
});`;
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })));
  row(`generated catalog (${runs[0].exercises} exercises, ${runs[0].skills} skills, ${runs[0].errors} errors) cold from YAML, no parse cache, median of 3`, `${median(runs.map((r) => r.ms)).toFixed(0)} ms (CPU ${median(runs.map((r) => r.cpu)).toFixed(0)} ms)`, 'under 250 ms', 'catalog-cold');
  // The same in a fresh Node with the parse cache a previous load left (the extension keeps
  // it in its global storage), loaded as the extension loads it (dist/contentLoad.js, the
  // parser only for a file not in the cache): unchanged files are listed and stamped, not
  // read or parsed.
  const cacheFile = path.join(big, 'content-cache.json');
  const cached = `
const { performance } = require('perf_hooks');
const c0 = process.cpuUsage();
const t0 = performance.now();
const m = require(${JSON.stringify(path.join(root, 'dist/contentLoad.js'))});
const cache = m.fileParseCache(${JSON.stringify(cacheFile)}, 'bench');
const parser = () => require(${JSON.stringify(path.join(root, 'dist/content.js'))}).parseContentFile;
m.loadCatalogWith([{ kind: 'workspace', root: ${JSON.stringify(bigRoot)}, label: 'big', trusted: true }], m.nodeContentFs, { cache, parser }).then(async (c) => {
  const u = process.cpuUsage(c0);
  const ms = performance.now() - t0;
  await cache.save();
  process.stdout.write(JSON.stringify({ ms, cpu: (u.user + u.system) / 1000, exercises: c.exercises.size, errors: c.errors.length }));
});`;
  execFileSync(process.execPath, ['-e', cached], { encoding: 'utf8' });
  const warm = [];
  for (let i = 0; i < 3; i++) warm.push(JSON.parse(execFileSync(process.execPath, ['-e', cached], { encoding: 'utf8' })));
  row(`  the same, fresh Node, with the parse cache of an earlier load (${warm[0].exercises} exercises, ${warm[0].errors} errors), median of 3`, `${median(warm.map((r) => r.ms)).toFixed(0)} ms (CPU ${median(warm.map((r) => r.cpu)).toFixed(0)} ms)`, 'under 250 ms', 'catalog-cached');
  const { loadCatalog, nodeContentFs } = require(path.join(root, 'dist/content.js'));
  bigCatalog = await loadCatalog([{ kind: 'workspace', root: bigRoot, label: 'big', trusted: true }], nodeContentFs);
} catch (e) {
  row('generated catalog', `not measured: ${e.message}`);
}

// The surfaces over that catalog: the Skills tree's nodes (every track, skill and exercise),
// and the models the Checklist and the dashboard render. Bundled here from the sources,
// against the stub vscode, with the TreeItem family as plain classes.
if (bigCatalog) {
  try {
    const esbuild = require('esbuild');
    const entry = path.join(big, 'surfaces.ts');
    writeFileSync(
      entry,
      ['views/skillsTree', 'core/checklistModel', 'core/study'].map((m) => `export * from ${JSON.stringify(path.join(root, 'src', m))};`).join('\n'),
    );
    const outfile = path.join(big, 'surfaces.js');
    await esbuild.build({ entryPoints: [entry], outfile, bundle: true, format: 'cjs', platform: 'node', external: ['vscode'], logLevel: 'error' });
    class TreeItem {
      constructor(label, collapsibleState) {
        this.label = label;
        this.collapsibleState = collapsibleState;
      }
    }
    class MarkdownString {
      constructor(value = '') {
        this.value = value;
      }
      appendMarkdown(s) {
        this.value += s;
        return this;
      }
    }
    class ThemeIcon {
      constructor(id, color) {
        this.id = id;
        this.color = color;
      }
    }
    class ThemeColor {
      constructor(id) {
        this.id = id;
      }
    }
    for (const [k, v] of Object.entries({ TreeItem, MarkdownString, ThemeIcon, ThemeColor, TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 } })) vscodeStub[k] = v;
    const { SkillsTree, checklistModel, dashboardModel } = require(outfile);
    const event = () => ({ dispose() {} });
    const content = { get: async () => bigCatalog, loaded: bigCatalog, onDidChange: event, displayPath: (f) => f };
    const progressData = { exercises: {}, competencies: {} };
    const progress = { load: async () => {}, get: () => ({ state: 'todo', attempts: 0 }), all: progressData.exercises, snapshot: progressData, onDidChange: event };
    const tree = new SkillsTree(content, progress, context().workspaceState, vscodeStub.window.createTreeView('upskill.skills', {}));
    const buildAll = async () => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      let n = 0;
      for (const track of await tree.getChildren()) {
        for (const skill of await tree.getChildren(track)) {
          n += 1 + (await tree.getChildren(skill)).length;
        }
      }
      return { ms: performance.now() - t0, cpu: cpuMs(c0), n };
    };
    const first = await buildAll();
    const again = [];
    for (let i = 0; i < 5; i++) again.push(await buildAll());
    row(`Skills tree: every node of the generated catalog (${first.n} skills and exercises), first`, `${first.ms.toFixed(1)} ms, CPU ${first.cpu.toFixed(1)} ms (then ${median(again.map((a) => a.ms)).toFixed(1)} ms, CPU ${median(again.map((a) => a.cpu)).toFixed(1)} ms)`, 'under 20 ms', 'tree');
    const timeIt = (f) => {
      const xs = [];
      const cpus = [];
      for (let i = 0; i < 5; i++) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        f();
        xs.push(performance.now() - t0);
        cpus.push(cpuMs(c0));
      }
      return `${median(xs).toFixed(1)} ms (CPU ${median(cpus).toFixed(1)} ms)`;
    };
    row('Checklist model of the generated catalog, median of 5', timeIt(() => checklistModel(bigCatalog, progressData)), 'under 100 ms', 'checklist-model');
    row('dashboard model of the generated catalog, median of 5', timeIt(() => dashboardModel(bigCatalog, progressData, Date.now())), 'under 100 ms', 'dashboard-model');
  } catch (e) {
    row('surfaces over the generated catalog', `not measured: ${e.stack}`);
  }
}
rm(big, { recursive: true, force: true });

// ---- checks: the engine's second check vs warm hand-run tools --------------------------------
// `node test/bench/bench.mjs --no-checks` leaves them out (they take most of a minute).
if (process.argv.includes('--no-checks')) row('checks', 'left out (--no-checks)');
else try {
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
  row('  engine / hand-run', `${(e / h).toFixed(2)}x`, 'at most 1.15x');
  rmSync(work, { recursive: true, force: true });
  rmSync(storageDir, { recursive: true, force: true });
} catch (e) {
  row('checks', `not measured: ${e.message}`);
}

row('machine, at the end', `load average ${load()}`);
const width = Math.max(...rows.map(([n]) => n.length));
const valueWidth = Math.max(...rows.filter(([, , t]) => t).map(([, v]) => v.length));
console.log('Upskill benchmark');
for (const [n, v, t] of rows) console.log(`  ${n.padEnd(width)}  ${t ? `${v.padEnd(valueWidth)}  ${t}` : v}`);
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
console.log(`  activationEvents: ${JSON.stringify(pkg.activationEvents)} (after start-up, for the study timer's status-bar item; views and commands activate it too; content and checks load on first use)`);
if (argValue('--json')) {
  const label = argValue('--label') ?? 'this build';
  writeFileSync(argValue('--json'), JSON.stringify({ label, at: new Date().toISOString(), figures }, null, 2));
}
