# Upskill: pre-commit's own choices for the local hook runner (src/checks/shimSources.ts, precommitRun.ts).
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
