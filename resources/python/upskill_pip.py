# Upskill: the offline pip stand-in of a local workflow run (src/checks/shimSources.ts, toolShims.ts).
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
