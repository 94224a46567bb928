# Upskill's Python helper (src/checks/pyhelper.ts): questions about the learner's Python that
# only Python answers well. It runs with the learner's interpreter in isolated mode, reads one
# JSON request on stdin ({"command": ..., ...}) and prints one JSON line, {"result": ...},
# whose shape the TypeScript side checks before it uses it (ANSWERS in pyhelper.ts).
# Standard library only: it runs in whatever environment the learner selected.

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
