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
export const PIP_STANDIN = String.raw`
import importlib.metadata as md
import importlib.util
import os
import re
import sys

STATE = os.environ.get("UPSKILL_SHIM_STATE", "")
ALWAYS = {"pip", "setuptools", "wheel", "ruff"}  # ruff: Upskill's bundled stand-in answers for it
VALUED = {"-i", "--index-url", "--extra-index-url", "-f", "--find-links", "--upgrade-strategy", "-t", "--target",
          "--prefix", "--root", "--cache-dir", "--progress-bar", "--python-version", "--platform", "--only-binary",
          "--no-binary", "--trusted-host", "--proxy", "--timeout", "--retries", "--log", "--report", "--config-settings", "-C",
          "--src", "--python", "--group"}


def say(msg):
    print("pip (Upskill's offline stand-in): " + msg, file=sys.stderr)


def norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def read_toml(path):
    try:
        import tomllib
    except ImportError:
        try:
            import tomli as tomllib
        except ImportError:
            return None
    with open(path, "rb") as f:
        return tomllib.load(f)


def marker_holds(marker):
    try:
        from packaging.markers import Marker
    except ImportError:
        return True
    try:
        return Marker(marker).evaluate()
    except Exception:
        return True


def installed(name):
    n = norm(name)
    if n in ALWAYS:
        return True
    try:
        md.distribution(name)
        return True
    except md.PackageNotFoundError:
        pass
    for candidate in {name.replace("-", "_"), name.replace("-", "_").lower()}:
        try:
            if importlib.util.find_spec(candidate) is not None:
                return True
        except (ImportError, ValueError):
            pass
    return False


missing = []
checked = []
projects = []


def requirement(spec, seen_projects):
    spec = spec.strip()
    if not spec or spec.startswith("#"):
        return
    if ";" in spec:
        spec, marker = spec.split(";", 1)
        if not marker_holds(marker.strip()):
            return
    m = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?", spec)
    if not m:
        say("cannot read the requirement " + repr(spec))
        missing.append(spec)
        return
    name, extras = m.group(1), m.group(2)
    for root, meta in seen_projects:
        if norm(meta.get("name", "")) == norm(name):
            project(root, extras, seen_projects, editable=True, nested=True)
            return
    checked.append(name)
    if not installed(name):
        missing.append(name)


def project(path, extras, seen_projects=None, editable=True, nested=False):
    root = os.path.abspath(path)
    seen_projects = list(seen_projects or [])
    toml = os.path.join(root, "pyproject.toml")
    wanted = [e.strip() for e in (extras or "").strip("[]").split(",") if e.strip()]
    meta = {}
    if os.path.isfile(toml):
        data = read_toml(toml)
        if data is None:
            say("cannot read " + toml + " with this Python (no tomllib or tomli); its dependencies are not checked")
        else:
            meta = data.get("project", {}) or {}
    elif not nested:
        say("no pyproject.toml in " + root + "; its dependencies (setup.py, setup.cfg) are not checked")
    if nested and any(r == root for r, _ in seen_projects) and not wanted:
        return
    seen_projects.append((root, meta))
    for dep in meta.get("dependencies", []) or []:
        requirement(dep, seen_projects)
    optional = meta.get("optional-dependencies", {}) or {}
    for extra in wanted:
        if extra not in optional:
            say("the project has no extra " + repr(extra) + " (pip would warn and go on)")
            continue
        for dep in optional[extra]:
            requirement(dep, seen_projects)
    if not nested:
        src = os.path.join(root, "src")
        projects.append(src if os.path.isdir(src) else root)


def requirements_file(path, seen=None):
    seen = seen or set()
    path = os.path.abspath(path)
    if path in seen:
        return
    seen.add(path)
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError as e:
        say("cannot read " + path + ": " + e.strerror)
        missing.append(path)
        return
    base = os.path.dirname(path)
    for line in lines:
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith(("-r", "--requirement")):
            requirements_file(os.path.join(base, re.sub(r"^(-r|--requirement)[=\s]*", "", line)), seen)
        elif line.startswith(("-e ", "--editable ")):
            local(os.path.join(base, line.split(None, 1)[1]))
        elif line.startswith(("-c", "--constraint", "-i", "--index-url", "--extra-index-url", "-f", "--find-links", "--")):
            continue
        elif line.startswith((".", "/")):
            local(os.path.join(base, line))
        else:
            requirement(line, [])


def local(arg):
    m = re.match(r"^(.*?)(\[[^\]]*\])?$", arg.strip().strip("'\""))
    project(m.group(1) or ".", m.group(2))


def install(args):
    i = 0
    while i < len(args):
        a = args[i]
        if a in ("-r", "--requirement"):
            requirements_file(args[i + 1]); i += 2; continue
        if a.startswith("--requirement="):
            requirements_file(a.split("=", 1)[1]); i += 1; continue
        if a.startswith("-r") and len(a) > 2:
            requirements_file(a[2:]); i += 1; continue
        if a in ("-e", "--editable"):
            local(args[i + 1]); i += 2; continue
        if a.startswith("--editable="):
            local(a.split("=", 1)[1]); i += 1; continue
        if a in ("-c", "--constraint") or a in VALUED:
            i += 2; continue
        if a.startswith("-"):
            i += 1; continue
        if a.startswith((".", "/")) or os.path.isdir(re.sub(r"\[.*$", "", a)):
            local(a)
        else:
            requirement(a, [])
        i += 1
    if missing:
        py = sys.executable
        say("Upskill runs the workflow without the network, so it installs nothing; " + ", ".join(missing)
            + (" is" if len(missing) == 1 else " are") + " not installed for " + py + " (Python " + sys.version.split()[0]
            + "). Install " + ("it" if len(missing) == 1 else "them") + " there: " + py + " -m pip install " + " ".join(missing))
        return 1
    if projects and STATE:
        with open(os.path.join(STATE, "pythonpath"), "a", encoding="utf-8") as f:
            for p in projects:
                f.write(p + "\n")
    if checked:
        say("already installed for " + sys.executable + ": " + ", ".join(sorted(set(checked), key=str.lower)) + " (versions not compared)")
    for p in projects:
        say("the project in " + p + " is importable for the next commands (as pip install -e would make it)")
    return 0


def main():
    args = sys.argv[1:]
    words = [a for a in args if not a.startswith("-")]
    if not words:
        if "--version" in args or "-V" in args:
            print("pip (Upskill's offline stand-in) for " + sys.executable)
            return 0
        say("no command given")
        return 0
    cmd = words[0]
    rest = args[args.index(cmd) + 1:]
    if cmd == "install":
        return install(rest)
    if cmd in ("list", "show", "freeze", "check", "inspect", "config", "debug", "cache", "help"):
        if importlib.util.find_spec("pip") is not None:
            os.execv(sys.executable, [sys.executable, "-m", "pip"] + args)
        say("'pip " + cmd + "' needs pip, which " + sys.executable + " does not have")
        return 0 if cmd in ("cache", "config", "debug") else 1
    say("'pip " + cmd + "' is not run: Upskill's local run changes no installed package")
    return 0


sys.exit(main())
`;

/** Runs an installed tool module the way its console script would: sys.path[0] is not the working folder. */
export const TOOL_LAUNCHER = String.raw`
import runpy
import site
import sys

module = sys.argv.pop(1)
sys.argv[0] = module
if module == "coverage":
    # On a runner, coverage leaves installed packages out of the report (they sit in the
    # interpreter's own scheme paths). Debian keeps its packages in dist-packages outside
    # those paths, so coverage would measure pytest itself and a --fail-under that passes
    # on GitHub would fail here; tell coverage where this interpreter's packages live.
    try:
        from coverage import inorout

        _third_party = inorout.add_third_party_paths

        def _with_site_packages(paths):
            _third_party(paths)
            for p in [*site.getsitepackages(), site.getusersitepackages()]:
                paths.add(p)

        inorout.add_third_party_paths = _with_site_packages
    except (ImportError, AttributeError):
        pass
runpy.run_module(module, run_name="__main__", alter_sys=True)
`;

/** Prints a TOML file (or TOML text with --text) as JSON, for the Ruff stand-in. */
export const TOML_TO_JSON = String.raw`
import json
import sys

try:
    import tomllib
except ImportError:
    import tomli as tomllib

if sys.argv[1] == "--text":
    data = tomllib.loads(sys.argv[2])
else:
    with open(sys.argv[1], "rb") as f:
        data = tomllib.load(f)
print(json.dumps(data))
`;

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
export const HOOKS_STANDIN = String.raw`
import json
import os
import re
import sys

EXTENSIONS = {
    "py": {"python"}, "pyi": {"pyi"}, "pyx": {"cython"}, "ipynb": {"jupyter", "json"}, "yaml": {"yaml"}, "yml": {"yaml"},
    "toml": {"toml"}, "json": {"json"}, "md": {"markdown"}, "markdown": {"markdown"}, "rst": {"rst"}, "txt": {"plain-text"},
    "cfg": {"ini"}, "ini": {"ini"}, "sh": {"shell", "sh"}, "bash": {"shell", "bash"}, "zsh": {"shell", "zsh"},
    "csv": {"csv"}, "tsv": {"tsv"}, "html": {"html"}, "css": {"css"}, "js": {"javascript"}, "ts": {"ts"}, "sql": {"sql"},
    "xml": {"xml"}, "svg": {"svg", "xml"}, "lock": {"lock"}, "r": {"r"}, "R": {"r"}, "c": {"c"}, "h": {"header", "c"},
    "go": {"go"}, "rs": {"rust"}, "java": {"java"}, "tf": {"terraform"}, "env": {"dotenv"}, "dockerfile": {"dockerfile"},
    "png": {"png", "image"}, "jpg": {"jpeg", "image"}, "jpeg": {"jpeg", "image"}, "gif": {"gif", "image"},
    "zip": {"zip"}, "gz": {"gzip"}, "parquet": {"parquet"}, "pkl": {"pickle"},
}
NAMES = {
    "Makefile": {"makefile"}, "makefile": {"makefile"}, "Dockerfile": {"dockerfile"}, ".gitignore": {"gitignore"},
    ".dockerignore": {"dockerignore"}, "setup.cfg": {"ini"}, ".pre-commit-config.yaml": {"yaml"}, "LICENSE": {"plain-text"},
    "Pipfile": {"toml"}, ".editorconfig": {"editorconfig"}, "requirements.txt": {"plain-text", "requirements"},
}
SHEBANGS = {"python": {"python"}, "python3": {"python", "python3"}, "bash": {"shell", "bash"}, "sh": {"shell", "sh"}, "zsh": {"shell", "zsh"}, "node": {"javascript"}}


def tags(path):
    found = {"file"}
    found.add("executable" if os.access(path, os.X_OK) else "non-executable")
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        head = b""
    text = b"\0" not in head
    found.add("text" if text else "binary")
    name = os.path.basename(path)
    if name in NAMES:
        found |= NAMES[name]
    elif "." in name:
        found |= EXTENSIONS.get(name.rsplit(".", 1)[1], set())
        found |= EXTENSIONS.get(name.rsplit(".", 1)[1].lower(), set())
    elif text and head.startswith(b"#!"):
        words = head.split(b"\n", 1)[0][2:].decode("utf-8", "replace").split()
        if words:
            prog = os.path.basename(words[1] if os.path.basename(words[0]) == "env" and len(words) > 1 else words[0])
            found |= SHEBANGS.get(re.sub(r"[\d.]+$", "", prog), set()) | SHEBANGS.get(prog, set())
    return found


def select(request):
    out = []
    top_files = re.compile(request.get("files") or "")
    top_exclude = re.compile(request.get("exclude") or "^$")
    paths = [p for p in request["paths"] if top_files.search(p) and not top_exclude.search(p)]
    tag_cache = {}
    for hook in request["hooks"]:
        try:
            files = re.compile(hook.get("files") or "")
            exclude = re.compile(hook.get("exclude") or "^$")
        except re.error as e:
            out.append({"error": repr(e.pattern) + " is not a valid regular expression: " + str(e)})
            continue
        chosen = []
        for p in paths:
            if not files.search(p) or exclude.search(p):
                continue
            t = tag_cache.setdefault(p, tags(p))
            types = set(hook.get("types") or ["file"])
            types_or = set(hook.get("types_or") or [])
            if not types <= t or (types_or and not types_or & t) or set(hook.get("exclude_types") or []) & t:
                continue
            chosen.append(p)
        out.append({"files": chosen})
    return out


def fix_file(path, transform):
    with open(path, "rb") as f:
        before = f.read()
    after = transform(before)
    if after != before:
        with open(path, "wb") as f:
            f.write(after)
        print("Fixing " + path)
        return 1
    return 0


def trailing_whitespace(data):
    lines = data.split(b"\n")
    return b"\n".join(l[:-1].rstrip(b" \t") + b"\r" if l.endswith(b"\r") else l.rstrip(b" \t") for l in lines)


def end_of_file(data):
    if not data:
        return data
    stripped = data.rstrip(b"\r\n")
    return stripped + b"\n" if stripped else b""


def check_parse(path, kind):
    try:
        if kind == "yaml":
            import yaml
            with open(path, encoding="utf-8") as f:
                list(yaml.safe_load_all(f))
        elif kind == "toml":
            try:
                import tomllib
            except ImportError:
                import tomli as tomllib
            with open(path, "rb") as f:
                tomllib.load(f)
        elif kind == "json":
            with open(path, encoding="utf-8") as f:
                json.load(f)
        elif kind == "ast":
            import ast
            with open(path, "rb") as f:
                ast.parse(f.read(), filename=path)
        return 0
    except ImportError as e:
        print(path + ": not checked (" + str(e) + ")")
        return 0
    except Exception as e:
        print(path + ": " + str(e).split("\n")[0])
        return 1


def debug_statements(path):
    import ast
    with open(path, "rb") as f:
        tree = ast.parse(f.read(), filename=path)
    bad = 0
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "breakpoint":
            names = ["breakpoint"]
        for n in names:
            if n.split(".")[0] in {"pdb", "ipdb", "pudb", "breakpoint", "pdbr", "wdb", "q", "rdb"}:
                print(path + ":" + str(node.lineno) + ": " + n + " debug statement")
                bad = 1
    return bad


def pygrep(args):
    flags = 0
    negate = False
    i = 0
    while args[i].startswith("--"):
        if args[i] == "--":
            i += 1
            break
        if args[i] == "--ignore-case":
            flags |= re.IGNORECASE
        elif args[i] == "--multiline":
            flags |= re.MULTILINE | re.DOTALL
        elif args[i] == "--negate":
            negate = True
        i += 1
    pattern = re.compile(args[i].encode(), flags)
    found = 0
    for path in args[i + 1:]:
        with open(path, "rb") as f:
            data = f.read()
        if flags & re.MULTILINE:
            hit = pattern.search(data)
            if bool(hit) != negate:
                found = 1
                print(path + (": no match" if negate else ":" + str(data[: hit.start()].count(b"\n") + 1) + ": matches"))
        else:
            matched = False
            for n, line in enumerate(data.split(b"\n"), 1):
                if pattern.search(line):
                    matched = True
                    if not negate:
                        found = 1
                        print(path + ":" + str(n) + ":" + line.decode("utf-8", "replace"))
            if negate and not matched:
                found = 1
                print(path)
    return found


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "select":
        print(json.dumps(select(json.loads(sys.stdin.read()))))
        return 0
    if cmd == "pygrep":
        return pygrep(args)
    files = [a for a in args if not a.startswith("-")]
    code = 0
    for path in files:
        if cmd == "trailing-whitespace":
            code |= fix_file(path, trailing_whitespace)
        elif cmd == "end-of-file-fixer":
            code |= fix_file(path, end_of_file)
        elif cmd == "mixed-line-ending":
            code |= fix_file(path, lambda d: d.replace(b"\r\n", b"\n") if b"\r\n" in d and re.search(rb"(?<!\r)\n", d) else d)
        elif cmd in ("check-yaml", "check-toml", "check-json", "check-ast"):
            code |= check_parse(path, cmd[len("check-"):])
        elif cmd == "debug-statements":
            code |= debug_statements(path)
        elif cmd == "check-added-large-files":
            limit = 500
            for a in args:
                if a.startswith("--maxkb="):
                    limit = int(a.split("=", 1)[1])
            if os.path.getsize(path) > limit * 1024:
                print(path + " (" + str(os.path.getsize(path) // 1024) + " KB) exceeds " + str(limit) + " KB.")
                code = 1
        elif cmd == "check-merge-conflict":
            with open(path, "rb") as f:
                for n, line in enumerate(f, 1):
                    if re.match(rb"^(<<<<<<< |=======\r?$|>>>>>>> )", line):
                        print(path + ":" + str(n) + ": merge conflict string")
                        code = 1
        elif cmd == "detect-private-key":
            with open(path, "rb") as f:
                if re.search(rb"BEGIN (RSA |DSA |EC |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY", f.read()):
                    print("Private key found: " + path)
                    code = 1
    return code


sys.exit(main())
`;
