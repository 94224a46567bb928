// The sources of the stand-ins that a local workflow or pre-commit run puts first on PATH
// (see toolShims.ts). Python ones run with the learner's interpreter; the Ruff one runs the
// bundled WebAssembly build in Node. They are files of their own at run time, so that a
// step's `make lint` or `python -m pip install -e .` reaches them like the real commands.

/**
 * `pip` without the network: `install` succeeds when every requirement is already
 * importable by this interpreter (versions are not compared), and fails naming the first
 * missing one. A local project (`-e .`, `.[dev]`) has its pyproject.toml dependencies and
 * extras checked, and its folder (or its src/) is put on PYTHONPATH for what runs next, as
 * an editable install would. Read-only commands (list, show, freeze) run the real pip.
 */
export { default as PIP_STANDIN } from '../../resources/python/upskill_pip.py';

/** Runs an installed tool module the way its console script would: sys.path[0] is not the working folder. */
export { default as TOOL_LAUNCHER } from '../../resources/python/upskill_tool.py';

/** Prints a TOML file (or TOML text with --text) as JSON, for the Ruff stand-in. */
export { default as TOML_TO_JSON } from '../../resources/python/upskill_toml.py';

/**
 * `ruff check` and `ruff format` on the bundled WebAssembly build, for machines where the
 * learner's Python has no ruff. It reads the nearest pyproject.toml ([tool.ruff]), ruff.toml
 * or .ruff.toml (through the learner's Python, which has tomllib), finds files as the Ruff
 * command line does (its default excludes, the settings' exclude, force-exclude),
 * applies per-file-ignores, fixes with --fix, and exits as Ruff does: 1 when something is
 * found (or would be reformatted), 2 when it cannot run. Unknown options stop it with exit
 * 2 rather than being ignored. Run with: node ruff-standin.js <wasm module path> <python> args…
 */
export const RUFF_STANDIN = String.raw`
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const [, , wasmPath, python, tomlScript, ...argv] = process.argv;
// Baseline compilation only: optimising 10 MB of WebAssembly takes seconds, and this process
// lives for one run of Ruff (it would wait for that work at exit).
require('v8').setFlagsFromString('--liftoff-only');
const wasm = require(wasmPath);
const NAME = 'ruff (Upskill stand-in: Ruff ' + wasm.Workspace.version() + ' as WebAssembly)';

function fail(msg) {
  process.stderr.write('error: ' + msg + '\n');
  process.exit(2);
}

function readToml(args) {
  const r = spawnSync(python, [tomlScript, ...args], { encoding: 'utf8' });
  if (r.status !== 0) fail('could not read TOML ' + args.join(' ') + ': ' + (r.stderr || '').trim().split('\n').pop());
  return JSON.parse(r.stdout);
}

const DEFAULT_EXCLUDE = ['.bzr', '.direnv', '.eggs', '.git', '.git-rewrite', '.hg', '.ipynb_checkpoints', '.mypy_cache', '.nox', '.pants.d', '.pyenv', '.pytest_cache', '.pytype', '.ruff_cache', '.svn', '.tox', '.venv', '.vscode', '__pypackages__', '_build', 'buck-out', 'dist', 'node_modules', 'site-packages', 'venv', 'build'];
const FILE_KEYS = ['exclude', 'extend-exclude', 'include', 'extend-include', 'force-exclude', 'respect-gitignore', 'per-file-ignores', 'extend-per-file-ignores', 'fix', 'unsafe-fixes', 'show-fixes', 'output-format', 'cache-dir', 'required-version', 'src', 'namespace-packages', 'extend'];

function globRe(glob) {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      if (glob[i + 2] === '/') { re += '(?:.*/)?'; i += 2; } else { re += '.*'; i += 1; }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') { const j = glob.indexOf(']', i); if (j < 0) re += '\\['; else { re += glob.slice(i, j + 1); i = j; } }
    else re += c.replace(/[.+^$(){}|\\]/g, '\\$&');
  }
  return new RegExp('^' + re + '$');
}

function globMatches(pattern, rel) {
  const p = pattern.replace(/^\.\//, '');
  const re = globRe(p);
  if (re.test(rel)) return true;
  if (!p.includes('/')) return rel.split('/').some((part) => re.test(part));
  return globRe(p + '/**').test(rel);
}

function findConfig(start) {
  let dir = path.resolve(start);
  for (;;) {
    for (const name of ['.ruff.toml', 'ruff.toml', 'pyproject.toml']) {
      const file = path.join(dir, name);
      if (!fs.existsSync(file)) continue;
      const data = readToml([file]);
      if (name !== 'pyproject.toml') return { file, root: dir, table: data };
      if (data.tool && data.tool.ruff) return { file, root: dir, table: data.tool.ruff };
    }
    const up = path.dirname(dir);
    if (up === dir) return { file: undefined, root: path.resolve(start), table: {} };
    dir = up;
  }
}

function merge(a, b) {
  const out = Object.assign({}, a);
  for (const [k, v] of Object.entries(b)) out[k] = v && typeof v === 'object' && !Array.isArray(v) && out[k] && typeof out[k] === 'object' ? merge(out[k], v) : v;
  return out;
}

function firstParty(root, src) {
  const names = new Set();
  for (const base of (src || ['.', 'src']).map((s) => path.resolve(root, s))) {
    let entries = [];
    try { entries = fs.readdirSync(base, { withFileTypes: true }); } catch (e) { continue; }
    for (const e of entries) {
      const n = e.isDirectory() ? e.name : e.isFile() && /\.pyi?$/.test(e.name) ? e.name.replace(/\.pyi?$/, '') : '';
      if (/^[A-Za-z_]\w*$/.test(n)) names.add(n);
    }
  }
  return [...names].sort();
}

const sub = ['check', 'format', 'version', 'help', 'rule', 'config', 'linter', 'clean'].includes(argv[0]) ? argv.shift() : argv[0] === '--version' || argv[0] === '-V' ? 'version' : 'check';
if (sub === 'version') { process.stdout.write(NAME + '\n'); process.exit(0); }
if (sub === 'clean') process.exit(0);
if (sub !== 'check' && sub !== 'format') fail('"ruff ' + sub + '" is not available in Upskill\'s stand-in; it runs "ruff check" and "ruff format"');

const opt = { unsafeFixes: false, paths: [], select: undefined, extendSelect: [], ignore: [], fix: false, exitZero: false, forceExclude: false, check: false, diff: false, json: false, quiet: false, overrides: [], configFile: undefined, isolated: false, lineLength: undefined, exitNonZeroOnFix: false, targetVersion: undefined };
const takes = (i) => { if (i + 1 >= argv.length) fail('the option ' + argv[i] + ' needs a value'); return argv[i + 1]; };
for (let i = 0; i < argv.length; i++) {
  let a = argv[i];
  let value;
  const eq = a.startsWith('--') ? a.indexOf('=') : -1;
  if (eq > 0) { value = a.slice(eq + 1); a = a.slice(0, eq); }
  const val = () => (value !== undefined ? value : takes(i++));
  switch (a) {
    case '--': opt.paths.push(...argv.slice(i + 1)); i = argv.length; break;
    case '--select': opt.select = val().split(',').filter(Boolean); break;
    case '--extend-select': opt.extendSelect.push(...val().split(',').filter(Boolean)); break;
    case '--ignore': case '--extend-ignore': opt.ignore.push(...val().split(',').filter(Boolean)); break;
    case '--fix': opt.fix = true; break;
    case '--no-fix': opt.fix = false; break;
    case '--unsafe-fixes': opt.unsafeFixes = true; break;
    case '--no-unsafe-fixes': case '--show-fixes': case '--no-show-fixes': case '--no-cache': case '--preview': case '--no-preview': case '--respect-gitignore': case '--no-respect-gitignore': case '--statistics': case '--show-files': case '--show-settings': case '--no-force-exclude': break;
    case '--exit-zero': opt.exitZero = true; break;
    case '--exit-non-zero-on-fix': case '--exit-non-zero-on-format': opt.exitNonZeroOnFix = true; break;
    case '--force-exclude': opt.forceExclude = true; break;
    case '--check': opt.check = true; break;
    case '--diff': opt.diff = true; break;
    case '--isolated': opt.isolated = true; break;
    case '-q': case '--quiet': case '-s': case '--silent': opt.quiet = true; break;
    case '-v': case '--verbose': case '-n': break;
    case '--output-format': case '--format': { const f = val(); opt.json = f === 'json'; break; }
    case '--cache-dir': case '--stdin-filename': case '--target-version': case '--range': case '--add-noqa': { const v = val(); if (a === '--target-version') opt.targetVersion = v; if (a === '--stdin-filename' || a === '--range') fail('"' + a + '" is not available in Upskill\'s stand-in'); break; }
    case '--line-length': opt.lineLength = Number(val()); break;
    case '--config': { const v = val(); if (v.includes('=') && !fs.existsSync(v)) opt.overrides.push(v); else opt.configFile = v; break; }
    default:
      if (a.startsWith('-')) fail('unexpected argument "' + a + '" (Upskill\'s Ruff stand-in knows the common options of ruff check and ruff format)');
      opt.paths.push(argv[i]);
  }
}
if (!opt.paths.length) opt.paths.push('.');

const config = opt.isolated ? { file: undefined, root: process.cwd(), table: {} } : opt.configFile ? { file: opt.configFile, root: path.dirname(path.resolve(opt.configFile)), table: (() => { const d = readToml([opt.configFile]); return path.basename(opt.configFile) === 'pyproject.toml' ? (d.tool && d.tool.ruff) || {} : d; })() } : findConfig(process.cwd());
let table = config.table;
for (const o of opt.overrides) table = merge(table, readToml(['--text', o]));
if (table.extend) process.stderr.write('warning: "extend = ' + table.extend + '" is not followed by Upskill\'s stand-in\n');
const lint = Object.assign({}, table.lint || {});
const settings = {};
for (const [k, v] of Object.entries(table)) if (!FILE_KEYS.includes(k) && k !== 'lint' && k !== 'format') settings[k] = v;
if (table.format) { const f = Object.assign({}, table.format); delete f.exclude; settings.format = f; }
for (const k of ['select', 'extend-select', 'ignore', 'extend-ignore', 'fixable', 'unfixable', 'per-file-ignores', 'extend-per-file-ignores', 'exclude']) {
  if (table[k] !== undefined && lint[k] === undefined) lint[k] = table[k];
  delete settings[k];
}
const perFile = Object.entries(Object.assign({}, lint['per-file-ignores'] || {}, lint['extend-per-file-ignores'] || {}));
const lintExclude = lint.exclude || [];
for (const k of ['per-file-ignores', 'extend-per-file-ignores', 'exclude']) delete lint[k];
if (opt.select) lint.select = opt.select;
if (opt.extendSelect.length) lint['extend-select'] = [...(lint['extend-select'] || []), ...opt.extendSelect];
if (opt.ignore.length) lint.ignore = [...(lint.ignore || []), ...opt.ignore];
if (opt.lineLength) settings['line-length'] = opt.lineLength;
if (opt.targetVersion) settings['target-version'] = opt.targetVersion;
const isort = Object.assign({}, lint.isort || {});
if (isort['known-first-party'] === undefined) { const fp = firstParty(config.root, table.src); if (fp.length) isort['known-first-party'] = fp; }
lint.isort = isort;
settings.lint = lint;

const excludes = [...(table.exclude || DEFAULT_EXCLUDE), ...(table['extend-exclude'] || [])];
const formatExclude = (table.format && table.format.exclude) || [];
const root = config.root;
const relOf = (abs) => path.relative(root, abs).split(path.sep).join('/');
const excluded = (abs, extra) => { const rel = relOf(abs); return [...excludes, ...extra].some((p) => globMatches(p, rel)); };
const extraExclude = sub === 'format' ? formatExclude : lintExclude;
const files = [];
function walk(abs) {
  let entries = [];
  try { entries = fs.readdirSync(abs, { withFileTypes: true }); } catch (e) { return; }
  for (const e of entries.sort((x, y) => (x.name < y.name ? -1 : 1))) {
    const p = path.join(abs, e.name);
    if (excluded(p, extraExclude)) continue;
    if (e.isDirectory()) walk(p);
    else if (e.isFile() && /\.pyi?$/.test(e.name)) files.push(p);
  }
}
for (const p of opt.paths) {
  const abs = path.resolve(p);
  let st;
  try { st = fs.statSync(abs); } catch (e) { process.stderr.write('error: Failed to read ' + p + ': No such file or directory\n'); process.exit(2); }
  if (st.isDirectory()) walk(abs);
  else if (!(opt.forceExclude && excluded(abs, extraExclude))) files.push(abs);
}

let ws;
try {
  ws = sub === 'format' ? new wasm.Workspace(Object.assign({ 'line-length': 88 }, settings), wasm.PositionEncoding.Utf16) : new wasm.Workspace(settings, wasm.PositionEncoding.Utf16);
} catch (e) {
  fail('Ruff does not accept the settings' + (config.file ? ' in ' + config.file : '') + ': ' + String(e && e.message ? e.message : e).split('\n')[0]);
}
const show = (abs) => path.relative(process.cwd(), abs) || abs;

function offsets(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (loc) => starts[loc.row - 1] + loc.column - 1;
}

function diagnostics(abs, text) {
  const rel = relOf(abs);
  const ignored = perFile.filter(([pattern]) => globMatches(pattern, rel)).flatMap(([, codes]) => codes);
  return ws.check(text).filter((d) => !(d.code && ignored.some((c) => c === 'ALL' || d.code.startsWith(c))));
}

// The WebAssembly build does not say which fixes are safe: these are, and --fix applies
// only them (as the command line does); --unsafe-fixes applies every fix.
const SAFE_FIXES = new Set(['F401', 'F541', 'F632', 'I001', 'I002', 'W291', 'W292', 'W293', 'W391', 'E703', 'UP004', 'UP006', 'UP007', 'UP008', 'UP009', 'UP010', 'UP015', 'UP024', 'UP025', 'UP032', 'UP034', 'UP035', 'UP037', 'UP039', 'UP045', 'Q000', 'Q001', 'Q002', 'Q003', 'COM812', 'D200', 'D201', 'D202', 'D204', 'D205', 'D209', 'D210', 'D211', 'D212', 'D213', 'D300', 'D400', 'D403', 'RUF100']);

function applyFixes(text, diags) {
  const at = offsets(text);
  const edits = [];
  for (const d of diags) {
    if (!d.fix || !d.fix.edits || !d.fix.edits.length) continue;
    if (!opt.unsafeFixes && !SAFE_FIXES.has(d.code)) continue;
    const mine = d.fix.edits.map((e) => ({ start: at(e.location), end: at(e.end_location), content: e.content || '' }));
    if (mine.some((e) => edits.some((x) => e.start < x.end && x.start < e.end))) continue;
    edits.push(...mine);
  }
  if (!edits.length) return text;
  edits.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.content + out.slice(e.end);
  return out;
}

if (sub === 'check') {
  const found = [];
  let fixed = 0;
  for (const abs of files) {
    let text = fs.readFileSync(abs, 'utf8');
    let diags = diagnostics(abs, text);
    if (opt.fix) {
      const before = diags.length;
      for (let round = 0; round < 10 && diags.some((d) => d.fix && (opt.unsafeFixes || SAFE_FIXES.has(d.code))); round++) {
        const next = applyFixes(text, diags);
        if (next === text) break;
        text = next;
        diags = diagnostics(abs, text);
      }
      if (text !== fs.readFileSync(abs, 'utf8')) { fs.writeFileSync(abs, text); fixed += Math.max(0, before - diags.length); }
    }
    for (const d of diags) found.push({ abs, d });
  }
  if (opt.json) {
    process.stdout.write(JSON.stringify(found.map(({ abs, d }) => ({ code: d.code, message: d.message, filename: abs, location: d.start_location, end_location: d.end_location })), null, 2) + '\n');
  } else {
    for (const { abs, d } of found) process.stdout.write(show(abs) + ':' + d.start_location.row + ':' + d.start_location.column + ': ' + (d.code ? d.code + ' ' : '') + d.message + '\n');
    if (!opt.quiet) {
      if (found.length) process.stdout.write('Found ' + (found.length + fixed) + ' error' + (found.length + fixed === 1 ? '' : 's') + (fixed ? ' (' + fixed + ' fixed, ' + found.length + ' remaining)' : '') + '.\n');
      else process.stdout.write(fixed ? 'Found ' + fixed + ' error' + (fixed === 1 ? '' : 's') + ' (' + fixed + ' fixed, 0 remaining).\n' : 'All checks passed!\n');
    }
  }
  process.exit(opt.exitZero ? 0 : found.length ? 1 : fixed && opt.exitNonZeroOnFix ? 1 : 0);
}

let changed = 0;
let errors = 0;
for (const abs of files) {
  const text = fs.readFileSync(abs, 'utf8');
  let out;
  try { out = ws.format(text); } catch (e) { process.stderr.write('error: Failed to format ' + show(abs) + ': ' + String(e).split('\n')[0] + '\n'); errors++; continue; }
  if (out === text) continue;
  changed++;
  if (opt.check || opt.diff) {
    process.stdout.write((opt.diff ? '--- ' + show(abs) + '\n+++ ' + show(abs) + '\n' : 'Would reformat: ' + show(abs)) + '\n');
  } else fs.writeFileSync(abs, out);
}
if (!opt.quiet) {
  const same = files.length - changed - errors;
  const parts = [];
  if (changed) parts.push(changed + ' file' + (changed === 1 ? '' : 's') + (opt.check || opt.diff ? ' would be reformatted' : ' reformatted'));
  if (same) parts.push(same + ' file' + (same === 1 ? '' : 's') + ' already formatted');
  process.stdout.write((parts.join(', ') || 'No Python files found') + '\n');
}
process.exit(errors ? 2 : (opt.check || opt.diff || opt.exitNonZeroOnFix) && changed ? 1 : 0);
`;

/**
 * pre-commit's own choices, for the local hook runner (precommitRun.ts), in the learner's
 * Python: `select` gives each hook the files it would get (pre-commit's `files`/`exclude`
 * with Python's re, and `types`/`types_or`/`exclude_types` from tags as the identify
 * library gives them, by extension, name and shebang); the other commands stand in for
 * the basic hooks of pre-commit-hooks and for pygrep hooks, with the same exit codes
 * (a fixer that changed a file exits 1).
 */
export { default as HOOKS_STANDIN } from '../../resources/python/upskill_hooks.py';

/**
 * One process that runs the Ruff stand-in for every `ruff` a check's steps and hooks start:
 * compiling the 10 MB WebAssembly module takes most of a stand-in's time (about 0.7 s of CPU
 * here), so it is compiled once per check instead of once per call. It evaluates the
 * stand-in's own source for each request with a `process` of that request (its argv, its
 * working folder, its output), so both paths run the same code. Started under a run
 * supervisor like every tool (its TOML reader is a process of the tree), one request at a
 * time. Protocol: one JSON line {argv, cwd} in, one JSON object {stdout, stderr, code} out.
 */
export const RUFF_SERVER = String.raw`
'use strict';
const fs = require('fs');
const net = require('net');
const [, , socketPath, standinPath, ...standinArgs] = process.argv;
const body = new Function('require', 'process', fs.readFileSync(standinPath, 'utf8'));
class Exit {
  constructor(code) { this.code = code; }
}
function runOne(argv, cwd) {
  let stdout = '';
  let stderr = '';
  const own = {
    argv: [process.argv[0], standinPath, ...standinArgs, ...argv],
    env: process.env,
    cwd: () => cwd,
    exit: (code) => { throw new Exit(code === undefined ? 0 : code); },
    stdout: { write: (s) => { stdout += s; return true; } },
    stderr: { write: (s) => { stderr += s; return true; } },
  };
  let code = 0;
  try {
    process.chdir(cwd);
    body(require, own);
  } catch (e) {
    if (e instanceof Exit) code = e.code;
    else { stderr += 'error: ' + String((e && e.message) || e) + '\n'; code = 2; }
  }
  return { stdout, stderr, code };
}
const server = net.createServer((sock) => {
  let data = '';
  sock.setEncoding('utf8');
  sock.on('error', () => undefined);
  sock.on('data', (chunk) => {
    data += chunk;
    const nl = data.indexOf('\n');
    if (nl < 0) return;
    let answer;
    try {
      const req = JSON.parse(data.slice(0, nl));
      answer = runOne(req.argv, req.cwd);
    } catch (e) {
      answer = { stdout: '', stderr: 'error: ' + String((e && e.message) || e) + '\n', code: 2 };
    }
    sock.end(JSON.stringify(answer));
  });
});
server.listen(socketPath, () => fs.writeFileSync(socketPath + '.ready', ''));
`;

/**
 * What the `ruff` shim runs when a Ruff server is up: asks it, prints its answer and exits
 * with its code. When the server cannot be reached, runs the stand-in in a process of its
 * own instead (argv: socket, the stand-in's command, "--", ruff's arguments).
 */
export const RUFF_CLIENT = `
import json, os, socket, sys

sock_path = sys.argv[1]
end = sys.argv.index("--", 2)
standin, args = sys.argv[2:end], sys.argv[end + 1:]
try:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(sock_path)
except OSError:
    os.execvp(standin[0], standin + args)
s.sendall(json.dumps({"argv": args, "cwd": os.getcwd()}).encode("utf-8", "surrogatepass") + b"\\n")
chunks = []
while True:
    chunk = s.recv(65536)
    if not chunk:
        break
    chunks.append(chunk)
try:
    answer = json.loads(b"".join(chunks).decode("utf-8"))
except ValueError:
    sys.stderr.write("error: Upskill's Ruff stand-in stopped before it answered\\n")
    sys.exit(2)
sys.stdout.buffer.write(answer["stdout"].encode("utf-8", "surrogatepass"))
sys.stdout.flush()
sys.stderr.buffer.write(answer["stderr"].encode("utf-8", "surrogatepass"))
sys.stderr.flush()
sys.exit(answer["code"])
`;
