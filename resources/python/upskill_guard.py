"""Upskill's audit hook (PEP 578) for every process that runs a learner's code.

Installed by the worker's bootstrap before any learner code is imported. It refuses, and
reports:
  - reading a file outside the exercise copy, the run's temporary folder and the
    interpreter's own install (so hidden tests and the extension's reference solutions
    cannot be read), and writing anywhere but the copy and the temporary folder;
  - compiling source that the analysers did not see: `compile`/`exec`/`eval` called from
    the learner's code, code objects built by hand, `marshal`, and any compile of a file
    in the copy that is not a `.py` file as it was when the worker started (code hidden in
    a text file, or written at run time);
  - starting processes (`subprocess`, `os.system`, `os.exec*`, `os.posix_spawn`, `os.fork`)
    unless the exercise allows them, and loading or calling C code through `ctypes`;
  - the ways a hook could be reached or worked around from Python: `gc` walks of live
    objects, trace and profile functions, new audit hooks, patching classes of the
    standard library or installed packages.

A hook added with `sys.addaudithook` cannot be removed from Python. This one keeps its
state in default arguments (a tuple, immutable) and closure cells holding tuples,
frozensets and C functions captured at install time, and it never calls code that the
learner could have replaced: its globals hold nothing but what `install` puts in them.
"""

import sys

MARKER = "Upskill refused"


class Refused(PermissionError):
    """Raised (from the hook) when learner code tries something the check does not allow."""


def _snapshot(copy_dir, listdir, lstat, open_fd, read, close, sha256, join, isdir_mode, notebook_cells=None):
    """sha256 of every .py file in the copy, keyed by real path, taken before learner code runs;
    with `notebook_cells` (upskill_notebook.code_cells), of every code cell of the copy's
    notebooks too, keyed by the name the worker compiles the cell under ("PATH, cell N")."""
    found = {}
    stack = [copy_dir]
    while stack:
        folder = stack.pop()
        try:
            names = listdir(folder)
        except OSError:
            continue
        for name in names:
            path = join(folder, name)
            try:
                st = lstat(path)
            except OSError:
                continue
            if isdir_mode(st.st_mode):
                if name not in ("__pycache__", ".git"):
                    stack.append(path)
            elif name.endswith(".py") or (notebook_cells is not None and name.endswith(".ipynb")):
                try:
                    fd = open_fd(path, 0)
                except OSError:
                    continue
                chunks = []
                try:
                    while True:
                        chunk = read(fd, 1 << 20)
                        if not chunk:
                            break
                        chunks.append(chunk)
                finally:
                    close(fd)
                if name.endswith(".py"):
                    found[path] = sha256(b"".join(chunks)).hexdigest()
                    continue
                try:
                    cells = notebook_cells(b"".join(chunks), name)
                except Exception:
                    continue  # not a notebook: none of it may run
                for number, source in cells:
                    found["%s, cell %d" % (path, number)] = sha256(source.encode("utf-8")).hexdigest()
    return found


NETWORK_MARKER = "Upskill blocked a network call"


def install(copy_dir, tmp_dir, allow_processes=False, extra_read=(), report=None, secret=(), block_network=False):
    """Installs the hook. `report(text, serious)` is called (best effort) with each refusal;
    `serious` is False for what library code tried on its own and copes with (the standard
    library's `platform` module runs `uname`), True for everything the learner's code did
    and for any attempt on `secret` folders (the hidden tests, the exercise's own folder)."""
    import _thread
    import hashlib
    import importlib.machinery
    import os
    import posixpath
    import stat
    import sysconfig

    real = posixpath.realpath
    copy_dir = real(copy_dir)
    tmp_dir = real(tmp_dir)
    lib_dir = real(posixpath.dirname(posixpath.abspath(__file__)))

    install_roots = set()
    for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix):
        if p:
            install_roots.add(real(p))
    for key in ("stdlib", "platstdlib", "purelib", "platlib", "include", "platinclude", "data"):
        try:
            p = sysconfig.get_paths().get(key)
        except Exception:
            p = None
        if p:
            install_roots.add(real(p))
    try:
        import site

        for p in site.getsitepackages():
            install_roots.add(real(p))
    except Exception:
        pass
    # Entries on sys.path at start-up that are not the copy: site-packages of the venv,
    # zip files of the standard library. Never the copy's parent (the hidden tests live there).
    for p in sys.path:
        if p and posixpath.isabs(p):
            rp = real(p)
            if rp != copy_dir and not copy_dir.startswith(rp + "/") and rp != "/":
                install_roots.add(rp)
    system_files = ("/dev/null", "/dev/urandom", "/dev/random", "/dev/zero", "/etc/localtime", "/etc/timezone", "/proc/cpuinfo", "/proc/meminfo", "/etc/os-release", "/etc/mime.types")
    system_roots = ("/usr/share/zoneinfo", "/sys/devices/system/cpu", "/sys/fs/cgroup", "/proc/self", "/etc/ssl")
    secret_roots = tuple(sorted(real(p) for p in secret))
    readable = tuple(sorted(r for r in {copy_dir, tmp_dir, lib_dir, *install_roots, *system_roots, *system_files, *(real(p) for p in extra_read)} if not any(r == s or r.startswith(s + "/") for s in secret_roots)))
    writable = (copy_dir, tmp_dir, "/dev/null")
    library_roots = tuple(sorted(r for r in install_roots | {lib_dir} if r not in (copy_dir, tmp_dir)))

    # Notebooks' code cells may run as modules (upskill_notebook.py), each only as it was now.
    try:
        from upskill_notebook import code_cells
    except ImportError:
        code_cells = None
    snapshot = tuple(sorted(_snapshot(copy_dir, os.listdir, os.lstat, os.open, os.read, os.close, hashlib.sha256, posixpath.join, stat.S_ISDIR, code_cells).items()))

    # Library modules whose job is to run source text given to them: a learner cannot use them
    # to run code hidden from the analysers.
    # Standard modules that build classes from code templates of their own (field names are
    # checked identifiers), at any time.
    template_modules = ("/collections/__init__.py", "/dataclasses.py", "/typing.py", "/enum.py", "/functools.py", "/string.py")
    process_events = frozenset(("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty", "os.startfile", "pty.spawn"))
    refused_always = frozenset(("gc.get_referrers", "gc.get_referents", "gc.get_objects", "sys.settrace", "sys.setprofile", "sys.addaudithook", "ctypes.dlsym", "ctypes.dlsym/handle", "ctypes.call_function", "ctypes.cdata", "ctypes.cdata/buffer", "ctypes.addressof", "ctypes.string_at", "ctypes.wstring_at", "ctypes.get_errno", "ctypes.set_errno", "ctypes.seh_exception", "ctypes.get_last_error", "ctypes.set_last_error", "sys.monitoring.register_callback", "sys.monitoring.use_tool_id", "_xxsubinterpreters.create", "sys._current_frames"))
    code_events = frozenset(("code.__new__", "marshal.loads", "marshal.load"))
    write_pairs = frozenset(("os.rename", "os.replace", "shutil.copyfile", "shutil.copymode", "shutil.copystat", "shutil.copytree", "shutil.move", "os.link"))
    write_one = frozenset(("os.remove", "os.unlink", "os.rmdir", "os.mkdir", "os.makedirs", "os.chmod", "os.chown", "os.lchown", "os.truncate", "os.utime", "shutil.rmtree", "shutil.chown", "os.mkfifo", "os.mknod", "os.setxattr", "os.removexattr"))
    network_events = frozenset(("socket.connect", "socket.sendto", "socket.sendmsg", "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr")) if block_network else frozenset()
    import _socket

    family_of = _socket.socket.__dict__["family"].__get__
    watched = network_events | frozenset(("open", "compile", "os.symlink", "os.chdir", "sqlite3.connect", "os.kill", "os.killpg", "signal.pthread_kill", "ctypes.dlopen")) | process_events | refused_always | code_events | write_pairs | write_one

    import pathlib

    path_types = (pathlib.PosixPath, pathlib.PurePosixPath)
    # pathlib is Python code that learner code could change (assigning to a class attribute
    # raises no audit event). The hook turns pathlib paths into text through it, so every
    # class of the module is compared, value by value, with how it was at install time.
    pathlib_classes = [c for c in vars(pathlib).values() if isinstance(c, type) and c.__module__ == "pathlib"]
    for c in list(pathlib_classes):
        for v in vars(c).values():
            if isinstance(v, object) and type(v).__module__ == "pathlib" and type(v) not in pathlib_classes and not isinstance(v, type):
                pathlib_classes.append(type(v))
    pathlib_snapshot = tuple((c, tuple(vars(c).items())) for c in pathlib_classes)
    state = _make_hook(
        (
            watched, process_events, refused_always, code_events, write_pairs, write_one,
            readable, writable, library_roots, copy_dir, snapshot, bool(allow_processes),
            sys._getframe, _thread.get_ident, os.fspath, os.fsdecode, posixpath.join, posixpath.normpath, os.getcwd, os.readlink, os.lstat, stat.S_ISLNK,
            hashlib.sha256, path_types, os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND, os.getpid, report, Refused, type, isinstance, len, str, bytes, int, tuple, frozenset,
            type.__dict__["__dict__"].__get__, pathlib_snapshot, os.stat, stat.S_ISDIR, secret_roots,
            network_events, family_of, _socket.socket, (_socket.AF_INET, _socket.AF_INET6),
            os.open, os.read, os.close, template_modules, importlib.machinery.ExtensionFileLoader, object.__getattribute__,
        )
    )
    sys.addaudithook(state)
    return {"readable": readable, "writable": writable, "copy": copy_dir, "snapshot": len(snapshot)}


_HOOK_SOURCE = '''
def make(cfg):
    (watched, process_events, refused_always, code_events, write_pairs, write_one,
     readable, writable, library_roots, copy_dir, snapshot, allow_processes,
     getframe, get_ident, fspath, fsdecode, join, normpath, getcwd, readlink, lstat, is_link,
     sha256, path_types, write_flags, getpid, report, Refused, type_, isinstance_, len_, str_, bytes_, int_, tuple_, frozenset_,
     type_dict_get, pathlib_snapshot, stat_, is_dir, secret_roots,
     network_events, family_of, socket_type, inet_families,
     open_fd, read_fd, close_fd, template_modules, extension_loader, get_attribute) = cfg
    busy = set()
    snap_paths = frozenset_(p for p, _ in snapshot)

    def snap_hash(path):
        for p, h in snapshot:
            if p == path:
                return h
        return None

    def resolve(p):
        """Absolute path with every symlink followed (as open() would), using C functions only."""
        if type_(p) is bytes_:
            p = fsdecode(p)
        elif type_(p) is not str_:
            if isinstance_(p, str_):
                p = str_.__str__(p)
            elif type_(p) in path_types and pathlib_intact():
                p = fspath(p)
            else:
                return None
        if not p.startswith("/"):
            p = join(getcwd(), p)
        p = normpath(p)
        parts = p.split("/")[1:]
        done = ""
        hops = 0
        while parts:
            part = parts.pop(0)
            if part in ("", "."):
                continue
            if part == "..":
                done = done[: done.rfind("/")] if done else ""
                continue
            candidate = done + "/" + part
            try:
                st = lstat(candidate)
            except OSError:
                done = candidate
                continue
            if is_link(st.st_mode):
                hops += 1
                if hops > 40:
                    return None
                target = readlink(candidate)
                parts = [x for x in target.split("/")] + parts
                if target.startswith("/"):
                    done = ""
                continue
            done = candidate
        return done or "/"

    def under(path, roots):
        for r in roots:
            if path == r or path.startswith(r + "/") or r == "/":
                return True
        return False

    def learner_frames(frame):
        """The innermost Python frame, and whether any frame on the stack runs the learner's code."""
        first = None
        learner = False
        while frame is not None:
            name = frame.f_code.co_filename
            if first is None:
                first = name
            if name.startswith(copy_dir + "/"):
                learner = True
            frame = frame.f_back
        return first, learner

    def caller_is_library(name):
        if name.startswith("<frozen "):
            return True
        return under(name, library_roots)

    def refuse(what, where, serious=True):
        text = "%s %s%s" % ("Upskill refused", what, (" (from %s)" % where) if where else "")
        if report is not None:
            try:
                report(text, serious)
            except BaseException:
                pass
        raise Refused(text)

    def where_of(frame):
        while frame is not None:
            name = frame.f_code.co_filename
            if name.startswith(copy_dir + "/"):
                return "%s line %d" % (name[len_(copy_dir) + 1:], frame.f_lineno)
            frame = frame.f_back
        return ""

    def check_read(path, frame):
        if path is None:
            refuse("opening a file through an object that is not a str, bytes or an unchanged pathlib path", where_of(frame))
        if not under(path, readable):
            first = frame.f_code.co_filename if frame is not None else ""
            serious = first.startswith(copy_dir + "/") or under(path, secret_roots)
            refuse("reading %s: learner code may read only the exercise folder, the test's temporary files and the Python installation" % path, where_of(frame), serious)
        if path.startswith(copy_dir + "/") and (path.endswith(".pyc") or "/__pycache__/" in path):
            # Quietly: importing falls back to the .py source, which is what the analysers saw.
            raise Refused("Upskill refused reading compiled bytecode %s: only the .py files the analysers checked may run" % path)

    def check_write(path, frame):
        if path is None or not under(path, writable):
            refuse("writing %s: learner code may write only in the exercise folder and the test's temporary folder" % path, where_of(frame))

    def hook(event, args):
        if event not in watched:
            return
        me = get_ident()
        if me in busy:
            return
        busy.add(me)
        try:
            frame = getframe(1)
            if event in network_events:
                target = None
                if event.startswith("socket.get"):
                    target = args[0] if args else "?"
                else:
                    sock = args[0]
                    if isinstance_(sock, socket_type) and family_of(sock) in inet_families:
                        target = args[1] if len_(args) > 1 else "?"
                if target is None:
                    return
                if type_(target) is tuple_ and len_(target) >= 2:
                    target = "%s:%s" % (target[0], target[1])
                text = "Upskill blocked a network call to %s: tests must not use the network; mock it instead." % (target,)
                # Reported as well as raised: learner code that catches the refusal and goes
                # on (a fallback, a bare except) does not turn it into a pass.
                if report is not None:
                    try:
                        where = where_of(frame)
                        report(text + ((" (from %s)" % where) if where else ""), True)
                    except BaseException:
                        pass
                raise Refused(text)
            if event == "open":
                target, mode, flags = args[0], args[1], args[2]
                if type_(target) is int_:
                    return
                path = resolve(target)
                writes = (flags & write_flags) if type_(flags) is int_ else 0
                if type_(mode) is str_ and any(c in mode for c in "wax+"):
                    writes = 1
                check_read(path, frame)
                if writes:
                    check_write(path, frame)
                elif mode is None and not under(path, writable):
                    # A directory opened with os.open could serve as dir_fd for a path this
                    # hook resolved against the working folder instead.
                    try:
                        st = stat_(path)
                    except OSError:
                        return
                    if is_dir(st.st_mode):
                        refuse("opening the folder %s as a file descriptor" % path, where_of(frame))
            elif event == "compile":
                check_compile(args[0], args[1], frame)
            elif event in code_events:
                first, learner = learner_frames(frame)
                if first is None or not caller_is_library(first):
                    refuse("%s: code objects built or loaded by hand do not run in a check" % event, where_of(frame))
            elif event in process_events:
                if not allow_processes:
                    first = frame.f_code.co_filename if frame is not None else ""
                    library_probe = False
                    f = frame
                    while f is not None:
                        if f.f_code.co_filename.endswith("/platform.py"):
                            library_probe = True
                            break
                        f = f.f_back
                    refuse("starting a process (%s): the code under test runs no other programs in this exercise" % event, where_of(frame), not library_probe)
            elif event in refused_always:
                refuse("%s: it could reach or work around the check's own machinery" % event, where_of(frame))
            elif event == "ctypes.dlopen":
                if args[0] is not None:
                    refuse("loading a C library through ctypes (%s)" % (args[0],), where_of(frame))
            elif event == "os.chdir":
                path = resolve(args[0])
                if path is None or not under(path, writable):
                    refuse("changing the working folder to %s: learner code stays in the exercise folder and the test's temporary folder" % path, where_of(frame))
            elif event == "os.symlink":
                refuse("creating a symbolic link: paths must stay what they look like", where_of(frame))
            elif event in write_pairs:
                src = resolve(args[0]) if len_(args) > 0 else None
                dst = resolve(args[1]) if len_(args) > 1 else None
                if event in ("shutil.copyfile", "shutil.copytree", "shutil.copymode", "shutil.copystat", "os.link"):
                    check_read(src, frame)
                else:
                    check_write(src, frame)
                check_write(dst, frame)
            elif event in write_one:
                check_write(resolve(args[0]) if len_(args) else None, frame)
            elif event == "sqlite3.connect":
                db = args[0]
                if not (type_(db) is str_ and (db == ":memory:" or db == "")):
                    path = resolve(db)
                    check_read(path, frame)
                    check_write(path, frame)
            elif event in ("os.kill", "os.killpg", "signal.pthread_kill"):
                if event == "os.kill" and args[0] == getpid():
                    return
                if event != "signal.pthread_kill":
                    refuse("signalling another process (%s)" % event, where_of(frame))
        finally:
            busy.discard(me)

    def file_bytes(path):
        try:
            fd = open_fd(path, 0)
        except OSError:
            return None
        chunks = []
        try:
            while True:
                chunk = read_fd(fd, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
        finally:
            close_fd(fd)
        return b"".join(chunks)

    def same_source(source, data):
        if type_(source) is str_:
            source = source.encode("utf-8")
        return type_(source) is bytes_ and data is not None and (source == data or source == data.decode("utf-8", "replace").encode("utf-8"))

    def check_compile(source, filename, frame):
        """Source text may run only from the files the analysers saw (the copy's .py files as
        they were at the start) or from the Python install, and library code may generate code
        only while a module is being imported, or through the few standard modules that build
        classes from templates (namedtuple, dataclasses, typing)."""
        fname = fsdecode(filename) if type_(filename) is bytes_ else filename
        first = frame.f_code.co_filename if frame is not None else None
        path = resolve(fname) if type_(fname) is str_ and fname.startswith("/") else None
        if path is not None and path.startswith(copy_dir + "/"):
            h = snap_hash(path)
            data = source.encode("utf-8") if type_(source) is str_ else source
            if h is None or type_(data) is not bytes_ or sha256(data).hexdigest() != h:
                refuse("compiling %s: only the .py files and notebook cells of the exercise folder as they were when the check started may run" % path, where_of(frame))
            return
        if first is None or first.startswith(copy_dir + "/"):
            refuse("compile/exec/eval of source text: code must live in .py files, where Ruff and mypy see it", where_of(frame))
        if path is not None:
            if under(path, library_roots) and not under(path, writable) and same_source(source, file_bytes(path)):
                return
            refuse("compiling text under the name of %s, which is not a file of the exercise folder or the Python installation holding that text" % path, where_of(frame))
        if first.startswith("<frozen importlib"):
            # A compiled extension module of the Python installation (Cython, say) running
            # code of its own while it is imported.
            caller = frame.f_back
            loader = caller.f_locals.get("self") if caller is not None else None
            if type_(loader) is extension_loader:
                lp = get_attribute(loader, "__dict__").get("path")
                lp = resolve(lp) if type_(lp) is str_ else None
                if lp is not None and under(lp, library_roots) and not under(lp, writable):
                    return
            refuse("importing source that is not a file (%s): modules run only from .py files" % (fname,), where_of(frame))
        if caller_is_library(first):
            for suffix in template_modules:
                if first.endswith(suffix):
                    return
        # Otherwise library code generating code: fine while a module is imported (six, attrs
        # at class creation), not as a helper the learner's code calls to run text.
        f = frame.f_back if frame is not None else None
        while f is not None:
            name = f.f_code.co_filename
            if name.startswith("<frozen importlib"):
                return
            if name.startswith(copy_dir + "/"):
                break
            f = f.f_back
        if f is None:
            return
        refuse("running source text through %s: code must live in .py files, where Ruff and mypy see it" % first.rsplit("/", 1)[-1], where_of(frame))

    def pathlib_intact():
        for cls, items in pathlib_snapshot:
            now = type_dict_get(cls)
            if len_(now) != len_(items):
                return False
            for key, value in items:
                if key not in now or now[key] is not value:
                    return False
        return True

    return hook
'''


def _make_hook(cfg):
    # A private builtins dict: replacing builtins.len or builtins.any later changes nothing here.
    namespace = {"__builtins__": {"set": set, "any": any, "OSError": OSError, "BaseException": BaseException}}
    exec(compile(_HOOK_SOURCE, "<upskill audit hook>", "exec"), namespace)
    return namespace.pop("make")(cfg)
