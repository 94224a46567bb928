"""The worker: the only process of a check that imports and runs the learner's modules.

Started by the judge (upskill_judge.py) with the learner's interpreter in isolated mode:

    python -I upskill_worker.py serve CONFIG_JSON      answers the judge's requests
    python -I upskill_worker.py script CONFIG_JSON FILE ARGS...   runs a learner script

Order matters: the audit hook (upskill_guard) is installed first, before the exercise copy
is put on sys.path and before any learner module is imported. The worker answers with data
(upskill_wire); it never decides a verdict, and nothing it says is trusted beyond being data.
"""

import sys


def _bootstrap():
    import json
    import os

    sys.dont_write_bytecode = True

    lib = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, lib)
    import upskill_guard

    mode = sys.argv[1]
    config = json.loads(sys.argv[2])
    refusals = []

    def report(text, serious=True):
        if len(refusals) < 200:
            refusals.append({"text": text, "serious": serious})
        if mode == "script":
            try:
                os.write(2, (text + "\n").encode("utf-8", "replace"))
            except OSError:
                pass

    # Bytecode in the copy never runs (the hook refuses reading it, and imports fall back to
    # the .py source); none is written.
    sys.dont_write_bytecode = True
    upskill_guard.install(config["copy"], config["tmp"], allow_processes=config.get("allowProcesses", False), report=report, secret=config.get("secret", ()), block_network=config.get("noNetwork", False))
    import upskill_wire
    import upskill_unseeded  # noqa: F401 - loaded now, from the trusted folder, for the "unseeded" op
    import upskill_notebook

    # `import analysis` runs analysis.ipynb's code cells (those the hook saw at install time).
    upskill_notebook.install(config["copy"])

    sys.path.remove(lib)
    os.chdir(config.get("cwd") or config["copy"])
    sys.path.insert(0, config["copy"])
    return mode, config, refusals, upskill_guard, upskill_wire


class _Capture:
    """Stands in for sys.stdout / sys.stderr: what learner code prints goes back with the answer."""

    encoding = "utf-8"
    errors = "replace"
    cap = 1024 * 1024

    def __init__(self, name):
        self.name = "<%s>" % name
        self.parts = []
        self.size = 0
        self.truncated = False

    def write(self, s):
        if type(s) is not str:
            raise TypeError("write() argument must be str, not %s" % type(s).__name__)
        if self.size < self.cap:
            self.parts.append(s[: self.cap - self.size])
            self.size += len(s)
        else:
            self.truncated = True
        return len(s)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        pass

    def isatty(self):
        return False

    def readable(self):
        return False

    def writable(self):
        return True

    def fileno(self):
        import io

        raise io.UnsupportedOperation("the check captures this stream; it has no file descriptor")

    def drain(self):
        text = "".join(self.parts)
        if self.truncated:
            text += "\n[Upskill: more than 1 MB of output; the rest was dropped]\n"
        self.parts, self.size, self.truncated = [], 0, False
        return text


def _judge_proxy_class(peer_ref):
    """Proxies for the judge's objects (test doubles, callbacks, streams the tests pass in)."""

    class JudgeObject:
        __slots__ = ("_upskill_ref", "__weakref__")

        def __init__(self, ref):
            object.__setattr__(self, "_upskill_ref", ref)

        def _ask(self, op, *args):
            return peer_ref[0].request(op, self, *args)

        def __getattr__(self, name):
            if name.startswith("__") and name.endswith("__") and name not in ("__name__", "__qualname__", "__module__", "__doc__", "__dict__", "__wrapped__"):
                raise AttributeError(name)
            return self._ask("getattr", name)

        def __setattr__(self, name, value):
            self._ask("setattr", name, value)

        def __delattr__(self, name):
            self._ask("delattr", name)

        def __call__(self, *args, **kwargs):
            return peer_ref[0].request("call", self, list(args), kwargs)

        def __len__(self):
            return self._ask("len")

        def __iter__(self):
            return _BatchedIterator(peer_ref[0].request("iter", self))

        def __next__(self):
            return self._ask("next")

        def __getitem__(self, key):
            return self._ask("getitem", key)

        def __setitem__(self, key, value):
            self._ask("setitem", key, value)

        def __delitem__(self, key):
            self._ask("delitem", key)

        def __contains__(self, item):
            return self._ask("contains", item)

        def __repr__(self):
            return self._ask("repr")

        def __str__(self):
            return self._ask("str")

        def __format__(self, spec):
            return self._ask("format", spec)

        def __bool__(self):
            return self._ask("bool")

        def __hash__(self):
            return self._ask("hash")

        def __eq__(self, other):
            return peer_ref[0].request("binop", "eq", self, other)

        def __ne__(self, other):
            return peer_ref[0].request("binop", "ne", self, other)

        def __lt__(self, other):
            return peer_ref[0].request("binop", "lt", self, other)

        def __le__(self, other):
            return peer_ref[0].request("binop", "le", self, other)

        def __gt__(self, other):
            return peer_ref[0].request("binop", "gt", self, other)

        def __ge__(self, other):
            return peer_ref[0].request("binop", "ge", self, other)

        def __float__(self):
            return self._ask("float")

        def __int__(self):
            return self._ask("int")

        def __index__(self):
            return self._ask("index")

        def __enter__(self):
            return self._ask("enter")

        def __exit__(self, a, b, c):
            return self._ask("exit", a, b, c)

        def __fspath__(self):
            return self._ask("fspath")

    for name in ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "matmul", "and", "or", "xor"):
        def forward(self, other, _n=name):
            return peer_ref[0].request("binop", _n, self, other)

        def backward(self, other, _n=name):
            return peer_ref[0].request("binop", _n, other, self)

        setattr(JudgeObject, "__%s__" % name, forward)
        setattr(JudgeObject, "__r%s__" % name, backward)
    for name in ("neg", "pos", "abs", "invert"):
        setattr(JudgeObject, "__%s__" % name, lambda self, _n=name: peer_ref[0].request("unop", _n, self))
    return JudgeObject


class _BatchedIterator:
    """Iterates a judge-side iterator a batch at a time: 1, 2, 4, … up to 1024 items per request."""

    def __init__(self, it):
        self.it = it
        self.items = []
        self.done = False
        self.error = None
        self.size = 1

    def __iter__(self):
        return self

    def __next__(self):
        if not self.items:
            if self.error is not None:
                e, self.error = self.error, None
                raise e
            if self.done:
                raise StopIteration
            items, done, error = _PEER[0].request("next_batch", self.it, self.size)
            self.size = min(self.size * 2, 1024)
            self.items = list(reversed(items))
            self.done = done
            self.error = error
            if not self.items:
                return self.__next__()
        return self.items.pop()


_PEER = [None]


def _proc_pid():
    # The number /proc knows this process by, which the judge reads its memory and CPU time
    # under. Inside a PID namespace whose /proc is the host's (the process supervisor's),
    # os.getpid() is the namespace's number and /proc/<it> is another process or none. Sent
    # before any of the exercise's code is imported, so that code cannot change it.
    import os

    try:
        return int(os.readlink("/proc/self"))
    except (OSError, ValueError):
        return os.getpid()


def serve(config, refusals, upskill_wire):
    import dataclasses
    import types
    import itertools
    import logging
    import os

    stdout, stderr = _Capture("stdout"), _Capture("stderr")
    sys.stdout, sys.stderr = stdout, stderr
    sys.stdin = open(os.devnull)

    objects = {}
    ids = {}
    counter = itertools.count(1)
    JudgeObject = _judge_proxy_class(_PEER)
    judge_proxies = {}

    def describe_class(cls, codec):
        info = {
            "kind": "class",
            "module": cls.__dict__.get("__module__") if isinstance(cls.__dict__.get("__module__"), str) else None,
            "qualname": cls.__qualname__ if isinstance(getattr(cls, "__qualname__", None), str) else repr(cls),
            "bases": [codec.encode(b) for b in cls.__bases__],
            "exc": issubclass(cls, BaseException),
            "dataclass": dataclasses.is_dataclass(cls),
        }
        if issubclass(cls, tuple) and isinstance(getattr(cls, "_fields", None), tuple):
            info["fields"] = [f for f in cls._fields if isinstance(f, str)]
        return info

    def export(obj):
        key = id(obj)
        if key in ids and objects.get(ids[key]) is obj:
            n = ids[key]
        else:
            n = next(counter)
            objects[n] = obj
            ids[key] = n
        ref = {upskill_wire.TAG: "ref", "o": "w", "id": n}
        try:
            if isinstance(obj, type):
                ref.update(describe_class(obj, codec))
            elif isinstance(obj, type(os)):
                ref.update({"kind": "module", "name": obj.__name__})
            elif callable(obj) and isinstance(getattr(obj, "__qualname__", None), str):
                ref.update({"kind": "function", "module": getattr(obj, "__module__", None), "qualname": obj.__qualname__, "bound": isinstance(obj, types.MethodType) or not isinstance(obj, types.FunctionType)})
            else:
                ref.update({"kind": "object", "cls": codec.encode(type(obj)), "dataclass": dataclasses.is_dataclass(obj)})
        except Exception:
            ref.setdefault("kind", "object")
        return ref

    def import_ref(ref):
        if ref.get("o") == "w":
            n = ref["id"]
            if n not in objects:
                raise upskill_wire.WireError("no object %d in the worker" % n)
            return objects[n]
        n = ref["id"]
        if ref.get("kind") == "class" and ref.get("exc"):
            return judge_exception_class(ref)
        proxy = judge_proxies.get(n)
        if proxy is None:
            proxy = JudgeObject(ref)
            judge_proxies[n] = proxy
        return proxy

    # The judge's exception classes (a test's own, or a library's that a fake raises), as real
    # classes here, so that the learner's `except` clauses can catch them: by every base (built-
    # in bases are the built-in classes, the learner's own classes are the learner's), and by
    # the class itself where the worker has it too (an installed library's). Each goes back to
    # the judge as the judge's own class.
    judge_classes = {}  # the judge's id -> the class used here
    judge_class_refs = {}  # id(that class) -> (the class, the judge's reference)

    def judge_exception_class(ref):
        n = ref["id"]
        cls = judge_classes.get(n)
        if cls is not None:
            return cls
        module, qualname = ref.get("module"), ref.get("qualname")
        if not isinstance(qualname, str):
            qualname = "?"
        if ref.get("named") and isinstance(module, str) and module in sys.modules:
            # Only a module already imported here (by the learner's code): the judge's data
            # never makes the worker import anything.
            try:
                found = sys.modules[module]
                for part in qualname.split("."):
                    found = getattr(found, part)
                if isinstance(found, type) and issubclass(found, BaseException):
                    cls = found
            except Exception:
                cls = None
        if cls is None:
            bases = []
            for b in ref.get("bases") or []:
                try:
                    base = codec.decode(b)
                except Exception:
                    continue
                if isinstance(base, type) and issubclass(base, BaseException):
                    bases.append(base)
            ns = {"__module__": module if isinstance(module, str) else "<tests>", "__qualname__": qualname, "_upskill_str_from_peer": True, "__str__": _peer_exception_str}
            cls = _exception_stand_in(qualname.rsplit(".", 1)[-1], bases or [Exception], ns)
        judge_classes[n] = cls
        if id(cls) not in judge_class_refs:
            judge_class_refs[id(cls)] = (cls, {upskill_wire.TAG: "ref", "o": "j", "id": n})
        return cls

    def judge_class_ref(obj):
        entry = judge_class_refs.get(id(obj)) if isinstance(obj, type) else None
        return entry[1] if entry is not None and entry[0] is obj else None

    def is_proxy(obj):
        return type(obj) is JudgeObject or judge_class_ref(obj) is not None

    def encode_proxy(obj):
        ref = judge_class_ref(obj)
        if ref is not None:
            return dict(ref)
        return object.__getattribute__(obj, "_upskill_ref")

    codec = upskill_wire.Codec("worker", export, import_ref, is_proxy, encode_proxy)

    # Log records reach the judge, which hands them to its own loggers (pytest's caplog).
    records = []
    original_call_handlers = logging.Logger.callHandlers

    def call_handlers(self, record):
        if len(records) < 10000:
            records.append({"name": record.name, "levelno": record.levelno, "levelname": record.levelname, "msg": _safe_message(record), "pathname": record.pathname, "lineno": record.lineno, "funcName": record.funcName, "created": record.created})
        # In the judge, pytest's own handler takes every record; here, a logger without
        # handlers stays silent instead of falling back to stderr (logging.lastResort).
        logger = self
        while logger is not None:
            if logger.handlers:
                return original_call_handlers(self, record)
            logger = logger.parent if logger.propagate else None
        return None

    logging.Logger.callHandlers = call_handlers
    synced_levels = {}

    def apply_context(msg):
        if "env" in msg:
            env = msg["env"]
            for k in [k for k in os.environ if k not in env]:
                del os.environ[k]
            for k, v in env.items():
                if os.environ.get(k) != v:
                    os.environ[k] = v
        if "cwd" in msg:
            try:
                os.chdir(msg["cwd"])
            except Exception:
                pass
        if "log" in msg:
            levels = msg["log"]
            for name in list(synced_levels):
                if name not in levels:
                    (logging.getLogger(name) if name else logging.getLogger()).setLevel(logging.NOTSET if name else logging.WARNING)
                    del synced_levels[name]
            for name, level in levels.items():
                (logging.getLogger(name) if name else logging.getLogger()).setLevel(level)
                synced_levels[name] = level

    def decorate(reply):
        out, err = stdout.drain(), stderr.drain()
        if out:
            reply["out"] = out
        if err:
            reply["err"] = err
        if records:
            reply["logs"] = records[:]
            del records[:]
        if refusals:
            reply["refused"] = refusals[:]
            del refusals[:]

    staged = {}

    def import_module(name):
        import importlib

        return importlib.import_module(name)

    def resolve(module, qualname):
        obj = import_module(module)
        for part in qualname.split("."):
            obj = getattr(obj, part)
        return obj

    def fields(obj):
        if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
            return None
        return [[f.name, getattr(obj, f.name)] for f in dataclasses.fields(obj) if f.compare]

    def release(numbers):
        for n in numbers:
            obj = objects.pop(n, None)
            if obj is not None and ids.get(id(obj)) == n:
                del ids[id(obj)]

    def stage(args, kwargs):
        n = next(counter)
        staged[n] = (args, kwargs)
        return n

    def call_staged(fn, n):
        args, kwargs = staged[n]
        return fn(*args, **kwargs)

    def next_batch(it, n):
        return list(upskill_wire._next_batch(it, n))

    def fresh_import(name, alias):
        """A second, independent copy of a module, executed now (for tests of what importing does)."""
        import importlib.util

        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            raise ImportError("no module named %r" % name)
        module = importlib.util.module_from_spec(importlib.util.spec_from_file_location(alias, spec.origin))
        module.__spec__.loader.exec_module(module)
        return module

    ops = dict(upskill_wire.BASIC_OPS)
    ops.update({
        "import": import_module,
        "resolve": resolve,
        "fields": fields,
        "release": release,
        "stage": stage,
        "call_staged": call_staged,
        "staged_args": lambda n: list(staged.pop(n)[0]),
        "iter": lambda obj: iter(obj),
        "next": lambda obj: next(obj),
        "next_batch": next_batch,
        "fresh_import": fresh_import,
        "ping": lambda: os.getpid(),
        "value": lambda obj: obj,
        "hints": lambda obj, extras: __import__("typing").get_type_hints(obj, include_extras=extras),
        "source": lambda obj: __import__("inspect").getsource(obj),
        "unseeded": lambda on: sys.modules["upskill_unseeded"].on() if on else sys.modules["upskill_unseeded"].off(),
    })
    pipe = upskill_wire.Pipe(config["rfd"], config["wfd"])
    peer = upskill_wire.Peer(pipe, codec, ops)
    peer.decorate_reply = decorate

    def after_call(msg, args, reply, result):
        changes = upskill_wire.changed_arguments(codec, msg, args)
        if changes:
            reply["wb"] = changes
        same = upskill_wire.returned_argument(msg.get("op"), args, result)
        if same is not None and not msg.get("keep"):
            reply["same"] = same

    peer.after_call = after_call
    peer.apply_context = apply_context
    _PEER[0] = peer
    pipe.send({"hello": _proc_pid(), "python": sys.version.split()[0]})
    while True:
        try:
            msg = pipe.receive()
        except EOFError:
            os._exit(0)
        if msg.get("op") == "bye":
            os._exit(0)
        peer.serve(msg)


def _peer_exception_str(self):
    """str() of an exception the judge sent: the text the judge computed (its class's __str__
    runs there); for one the learner's code made of the same class, the built-in text."""
    text = getattr(self, "_upskill_str", None)
    if isinstance(text, str):
        return text
    for klass in type(self).__mro__:
        if "_upskill_str_from_peer" not in klass.__dict__ and "__str__" in klass.__dict__:
            return klass.__dict__["__str__"](self)
    return BaseException.__str__(self)


def _exception_stand_in(name, bases, ns):
    """A class with these bases, or with as many of them, in order, as Python will combine."""
    try:
        return type(name, tuple(bases), ns)
    except TypeError:
        pass
    kept = []
    for b in bases:
        try:
            type(name, tuple(kept + [b]), dict(ns))
        except TypeError:
            continue
        kept.append(b)
    return type(name, tuple(kept) or (Exception,), ns)


def _safe_message(record):
    try:
        return record.getMessage()
    except Exception as e:
        return "<a log message that could not be formatted: %s>" % e


def run_script(config, argv):
    """`python script args`, `python -c code args` or `python -m module args`, as Python runs them."""
    import runpy

    if argv[0] == "-c":
        sys.argv = ["-c", *argv[2:]]
        namespace = {"__name__": "__main__", "__builtins__": __builtins__}
        exec(compile(argv[1], "<string>", "exec"), namespace)
    elif argv[0] == "-m":
        sys.argv = [argv[1], *argv[2:]]
        runpy.run_module(argv[1], run_name="__main__", alter_sys=True)
    else:
        sys.argv = argv
        runpy.run_path(argv[0], run_name="__main__")


def _main():
    mode, config, refusals, _guard, wire = _bootstrap()
    if mode == "script":
        run_script(config, sys.argv[3:])
        return
    try:
        serve(config, refusals, wire)
    except BaseException:
        # The worker's own failure (not the learner's: those go back as data) on the real stderr.
        import os
        import traceback

        os.write(2, traceback.format_exc().encode("utf-8", "replace"))
        os._exit(70)


if __name__ == "__main__":
    _main()
