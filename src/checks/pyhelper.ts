// Questions about the learner's Python that only Python answers well: comments found by
// its tokenizer (so prose in a string never looks like a suppression), syntax trees
// compared with its `ast` module, notebooks and TOML parsed by its own parsers. The helper
// runs with the learner's interpreter, reads one JSON request on stdin and prints one JSON
// answer, so a check costs one interpreter start however many files it asks about.

import { describeEnd, runProcess, timeLeft } from './process';
import type { CheckContext, CommandRun, Finding } from './types';

export const HELPER = String.raw`
import ast, io, json, os, re, sys, tokenize

SUPPRESSIONS = [
    ("ruff: noqa", re.compile(r"#\s*(ruff|flake8)\s*:\s*noqa\b", re.I)),
    ("ruff: disable", re.compile(r"#\s*ruff\s*:\s*(disable|enable)\b", re.I)),
    ("noqa", re.compile(r"#\s*noqa\b", re.I)),
    ("fmt: off", re.compile(r"#\s*fmt\s*:\s*(off|skip)\b", re.I)),
    ("yapf: disable", re.compile(r"#\s*yapf\s*:\s*disable\b", re.I)),
    ("isort: skip", re.compile(r"#\s*isort\s*:\s*(skip|off)", re.I)),
    ("type: ignore", re.compile(r"#\s*type\s*:\s*ignore\b", re.I)),
    ("pyright: ignore", re.compile(r"#\s*pyright\s*:\s*(ignore|basic|strict)\b", re.I)),
    ("mypy:", re.compile(r"^#\s*mypy\s*:", re.I)),
]


def read(path):
    with open(path, "rb") as f:
        return f.read()


def suppressions(req):
    out = []
    for path in req["files"]:
        try:
            tokens = list(tokenize.tokenize(io.BytesIO(read(path)).readline))
        except (tokenize.TokenError, SyntaxError, OSError) as e:
            out.append({"file": path, "line": 1, "column": 1, "kind": "unreadable", "text": str(e)})
            continue
        for tok in tokens:
            if tok.type != tokenize.COMMENT:
                continue
            for kind, pattern in SUPPRESSIONS:
                if pattern.search(tok.string):
                    out.append({"file": path, "line": tok.start[0], "column": tok.start[1] + 1, "kind": kind, "text": tok.string})
                    break
        try:
            tree = ast.parse(read(path), path)
        except (SyntaxError, ValueError):
            continue
        for node in ast.walk(tree):
            for dec in getattr(node, "decorator_list", []):
                name = dec.attr if isinstance(dec, ast.Attribute) else getattr(dec, "id", "")
                if name in ("no_type_check", "no_type_check_decorator"):
                    out.append({"file": path, "line": dec.lineno, "column": dec.col_offset + 1, "kind": "no_type_check", "text": "@" + name})
    return out


def normalised(tree):
    """Docstrings compared by their words: formatters may re-indent them."""
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) and isinstance(body[0].value.value, str):
            body[0].value.value = " ".join(body[0].value.value.split())
    return ast.dump(tree, annotate_fields=True, include_attributes=False)


def same_ast(req):
    out = []
    for a, b in req["pairs"]:
        try:
            da = normalised(ast.parse(read(a), a))
        except (SyntaxError, ValueError, OSError) as e:
            out.append({"file": a, "same": False, "error": f"{type(e).__name__}: {e}"})
            continue
        try:
            db = normalised(ast.parse(read(b), b))
        except (SyntaxError, ValueError, OSError) as e:
            out.append({"file": a, "same": False, "error": f"reference {b}: {e}"})
            continue
        out.append({"file": a, "same": da == db})
    return out


def size(node):
    return sum(1 for _ in ast.walk(node)) if isinstance(node, ast.AST) else 1


def diff_sites(a, b, sites):
    """Where two trees differ: one site per changed node or run of inserted/deleted statements, sized in nodes."""
    if type(a) is not type(b):
        sites.append(max(size(a), size(b)))
        return
    if isinstance(a, ast.AST):
        for field in a._fields:
            diff_sites(getattr(a, field, None), getattr(b, field, None), sites)
    elif isinstance(a, list):
        if len(a) == len(b):
            for x, y in zip(a, b):
                diff_sites(x, y, sites)
            return
        # Align by equal elements (longest common subsequence); each unmatched run is one site.
        da = [ast.dump(x) if isinstance(x, ast.AST) else repr(x) for x in a]
        db = [ast.dump(y) if isinstance(y, ast.AST) else repr(y) for y in b]
        n, m = len(a), len(b)
        lcs = [[0] * (m + 1) for _ in range(n + 1)]
        for i in range(n - 1, -1, -1):
            for j in range(m - 1, -1, -1):
                lcs[i][j] = lcs[i + 1][j + 1] + 1 if da[i] == db[j] else max(lcs[i + 1][j], lcs[i][j + 1])
        i = j = 0
        run = 0
        while i < n or j < m:
            if i < n and j < m and da[i] == db[j]:
                if run:
                    sites.append(run)
                    run = 0
                i += 1
                j += 1
            elif j < m and (i == n or lcs[i][j + 1] >= lcs[i + 1][j]):
                run += size(b[j])
                j += 1
            else:
                run += size(a[i])
                i += 1
        if run:
            sites.append(run)
    elif a != b:
        sites.append(1)


def docstrings(tree):
    return {getattr(n, "name", "<module>"): ast.get_docstring(n) for n in ast.walk(tree) if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))}


def ast_diff(req):
    a = ast.parse(read(req["a"]))
    b = ast.parse(read(req["b"]))
    sites = []
    diff_sites(a, b, sites)
    return {"sites": len(sites), "nodes": sum(sites), "sameDocstrings": docstrings(a) == docstrings(b)}


def notebook(req):
    with open(req["notebook"], encoding="utf-8") as f:
        nb = json.load(f)
    module = req["module"]
    imports = []
    nested_imports = []
    defined = []
    errors = []
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        src = cell.get("source", "")
        src = "".join(src) if isinstance(src, list) else src
        # IPython magics and shell escapes are not Python.
        src = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in src.split("\n"))
        try:
            tree = ast.parse(src)
        except SyntaxError as e:
            errors.append(f"code cell {i + 1}: {e.msg} (line {e.lineno})")
            continue
        top = set(id(n) for n in tree.body)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == module or isinstance(node, ast.Import) and any(a.name == module for a in node.names):
                (imports if id(node) in top else nested_imports).append(i + 1)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                defined.append(node.name)
    module_defs = []
    path = req.get("moduleFile")
    if path and os.path.isfile(path):
        try:
            module_defs = [n.name for n in ast.parse(read(path)).body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
        except SyntaxError:
            pass
    return {"imports": imports, "nestedImports": nested_imports, "leftovers": sorted(set(defined) & set(module_defs)), "moduleDefs": module_defs, "errors": errors}


def toml(req):
    if req.get("optional") and not os.path.exists(req["file"]):
        return {"absent": True}
    try:
        import tomllib
    except ImportError:
        try:
            import tomli as tomllib
        except ImportError:
            return {"error": f"reading TOML needs Python 3.11 or later, or the tomli package (this is {sys.version.split()[0]})"}
    try:
        with open(req["file"], "rb") as f:
            data = tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        return {"error": f"it is not valid TOML: {e}"}
    missing = []
    found = {}
    for key in req["keys"]:
        node = data
        for part in (key.split(".") if key else []):
            if not isinstance(node, dict) or part not in node:
                missing.append(key)
                node = None
                break
            node = node[part]
        if node is not None:
            found[key] = node
    return {"missing": missing, "found": found}


COMMANDS = {"suppressions": suppressions, "same_ast": same_ast, "ast_diff": ast_diff, "notebook": notebook, "toml": toml}
request = json.load(sys.stdin)
print(json.dumps({"result": COMMANDS[request["command"]](request)}, default=str))
`;

export interface Suppression {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** "noqa", "ruff: noqa", "fmt: off", "type: ignore", "mypy:", "no_type_check", "unreadable"… */
  readonly kind: string;
  readonly text: string;
}

/** Runs one helper command with the learner's interpreter; throws with what ran if it fails. */
export async function askPython<T>(ctx: CheckContext, command: string, request: Record<string, unknown>, runs?: CommandRun[]): Promise<T> {
  const run = await runProcess([ctx.python.path, '-I', '-c', HELPER], {
    cwd: ctx.workDir,
    timeoutMs: timeLeft(ctx),
    signal: ctx.signal,
    input: JSON.stringify({ command, ...request }),
  });
  runs?.push(run);
  const ended = describeEnd(run, ctx.timeoutMs);
  if (ended) throw new Error(`Upskill's Python helper (${command}) did not finish: ${ended}`);
  try {
    return (JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as { result: T }).result;
  } catch {
    throw new Error(`Upskill's Python helper (${command}) failed with ${ctx.python.path}: ${run.stderr.trim().split('\n').slice(-1)[0] ?? `exit code ${run.exitCode}`}`);
  }
}

/** Suppression comments and `@no_type_check` in these files, found by Python's tokenizer and ast. */
export function findSuppressions(ctx: CheckContext, files: readonly string[], runs?: CommandRun[]): Promise<Suppression[]> {
  return files.length ? askPython<Suppression[]>(ctx, 'suppressions', { files }, runs) : Promise.resolve([]);
}

const WHY: Record<string, string> = {
  noqa: 'This exercise does not allow "# noqa": fix the finding instead of silencing Ruff.',
  'ruff: noqa': 'This exercise does not allow file-level "# ruff: noqa" or "# flake8: noqa": fix the findings instead of silencing Ruff.',
  'ruff: disable': 'This exercise does not allow "# ruff: disable": fix the findings instead of silencing Ruff.',
  'fmt: off': 'This exercise does not allow "# fmt: off" or "# fmt: skip": let the formatter format every line.',
  'yapf: disable': 'This exercise does not allow formatter suppressions: let the formatter format every line.',
  'isort: skip': 'This exercise does not allow "# isort: skip": sort the imports instead.',
  'type: ignore': 'This exercise does not allow "# type: ignore": fix the type instead of silencing mypy.',
  'pyright: ignore': 'This exercise does not allow type-checker suppressions: fix the type instead.',
  'mypy:': 'Inline "# mypy:" directives are not allowed: the exercise decides how mypy runs. Remove the comment.',
  no_type_check: '@no_type_check is not allowed: mypy would skip the function. Annotate it instead.',
  unreadable: 'Python could not read this file',
};

/** A suppression as a finding on the learner's line. */
export function suppressionFinding(s: Suppression): Finding {
  const message = s.kind === 'unreadable' ? `${WHY.unreadable}: ${s.text}` : (WHY[s.kind] ?? `"${s.text}" is not allowed in this exercise.`);
  return { file: s.file, line: s.line, column: s.column, severity: 'error', message, source: 'upskill', code: `no-${s.kind.replace(/[^a-z_]+/gi, '-').replace(/-+$/, '')}` };
}
