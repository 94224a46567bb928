"""The judge: Upskill's pytest plugin for an exercise's own tests.

The judge process runs pytest on the exercise's tests and never imports or runs the
learner's code. `import metrics` in a test gives a proxy module: its functions and classes
run in a worker process (upskill_worker.py, the learner's interpreter, the exercise copy as
its folder, an audit hook installed first). Arguments and results cross as data
(upskill_wire); the learner's exceptions come back as data and are raised here as the same
built-in class, or as a class of the same name; every comparison happens here.

For tests:
    from upskill_judge import EXERCISE, measure, run_script, fresh_import, worker_module, hints

- EXERCISE: the folder holding the learner's files (the scratch copy).
- measure(fn, *args, timeout=..., **kwargs): runs one call in a fresh worker and measures
  it from outside (CPU seconds and peak memory from the OS), returning a Measurement.
- run_script(path, *args, ...): runs a learner script (a subprocess.CompletedProcess),
  under the same audit hook.
- fresh_import(name): a second copy of a learner module, executed now.
- worker_module(name): any module as the worker sees it (numpy's global random state, logging...).
- hints(obj): typing.get_type_hints(obj), resolved in the worker, as data.

A notebook named like a module (analysis.ipynb, with no analysis.py) imports as one:
`from analysis import clean` runs its code cells in order in the worker (upskill_notebook.py).
"""

import collections
import json
import logging
import os
import subprocess
import sys
import threading
import time
import weakref
from pathlib import Path

import upskill_wire as wire

CONFIG = {}
EXERCISE = Path(".")
_STATE = {"worker": None, "refusals": [], "test_refusals": None, "workers": 0, "started": 0, "crashes": []}

def configure(config):
    global EXERCISE
    CONFIG.clear()
    CONFIG.update(config)
    CONFIG["_base_env"] = dict(os.environ)
    EXERCISE = Path(config["copy"])


class WorkerFailure(BaseException):
    """The learner's worker process stopped, hung or broke the protocol. A BaseException, so
    that `pytest.raises(Exception)` in a test cannot take it for the error it expects."""


class StaleObject(WorkerFailure):
    pass


class WorkerTimeout(WorkerFailure):
    pass


class RemoteTraceback(Exception):
    """The worker's traceback, shown as the cause of an exception raised by learner code."""

    def __str__(self):
        return "\n\nTraceback in the worker (the learner's code):\n" + (self.args[0] if self.args else "")


# ---- proxies ---------------------------------------------------------------------------------


class RemoteObject:
    """An object that lives in the worker. Attributes, calls and operators are requests; equality
    is decided here: the same object, or dataclass instances whose fields are equal as data."""

    __slots__ = ("_w", "_id", "_path", "_dc", "__weakref__")

    def _t(self):
        w = object.__getattribute__(self, "_w")
        if w.alive:
            return w
        current = _worker()
        path = object.__getattribute__(self, "_path")
        if path is None:
            raise StaleObject("this object belonged to a worker process that has stopped (see the earlier failure); it cannot be used any more")
        new_id = current.resolve_path(path)
        object.__setattr__(self, "_w", current)
        object.__setattr__(self, "_id", new_id)
        return current

    def _ask(self, op, *args):
        return self._t().request(op, self, *args)

    def __getattr__(self, name):
        if name.startswith("_upskill") or name in ("__array_interface__", "__array_struct__", "__array__", "__length_hint__"):
            raise AttributeError(name)
        return self._ask("getattr", name)

    def __setattr__(self, name, value):
        self._ask("setattr", name, value)

    def __delattr__(self, name):
        self._ask("delattr", name)

    @property
    def __dict__(self):
        return self._ask("vars")

    def __call__(self, *args, **kwargs):
        return self._t().request("call", self, list(args), kwargs)

    def __len__(self):
        return self._ask("len")

    def __iter__(self):
        return _RemoteIterator(self._t(), self._t().request("iter", self))

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
        try:
            return self._ask("repr")
        except StaleObject:
            return "<a stale object of the learner's worker>"

    def __str__(self):
        return self._ask("str")

    def __format__(self, spec):
        return self._ask("format", spec)

    def __bool__(self):
        return bool(self._ask("bool"))

    def __float__(self):
        return float(self._ask("float"))

    def __int__(self):
        return int(self._ask("int"))

    def __index__(self):
        return int(self._ask("index"))

    def __fspath__(self):
        result = self._ask("fspath")
        if type(result) not in (str, bytes):
            raise TypeError("__fspath__ of the learner's object returned %s" % type(result).__name__)
        return result

    def __enter__(self):
        return self._ask("enter")

    def __exit__(self, a, b, c):
        return self._ask("exit", None, None, None)

    def __eq__(self, other):
        if self is other:
            return True
        if isinstance(other, RemoteObject):
            if self._same_object(other):
                return True
            if object.__getattribute__(self, "_dc") and object.__getattribute__(other, "_dc") and type(self) is type(other):
                return _fields(self) == _fields(other)
            return False
        return NotImplemented

    def __ne__(self, other):
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    def __hash__(self):
        if object.__getattribute__(self, "_dc"):
            return hash(tuple(_freeze(v) for _, v in _fields(self)))
        w = self._t()
        return hash(("upskill-remote", id(w), object.__getattribute__(self, "_id")))

    def _same_object(self, other):
        a, b = self._t(), other._t()
        return a is b and object.__getattribute__(self, "_id") == object.__getattribute__(other, "_id")

    def __del__(self):
        try:
            w = object.__getattribute__(self, "_w")
            if w is not None and w.alive and object.__getattribute__(self, "_path") is None and not isinstance(self, RemoteModule):
                w.pending_release.add(object.__getattribute__(self, "_id"))
        except Exception:
            pass


def _freeze(v):
    if isinstance(v, list):
        return tuple(_freeze(x) for x in v)
    if isinstance(v, dict):
        return tuple((k, _freeze(x)) for k, x in v.items())
    if isinstance(v, set):
        return frozenset(v)
    return v


def _fields(obj):
    pairs = obj._t().request("fields", obj)
    return [tuple(p) for p in pairs] if pairs is not None else []


def _ordering(name):
    def compare(self, other):
        return self._t().request("binop", name, self, other)

    return compare


for _n in ("lt", "le", "gt", "ge"):
    setattr(RemoteObject, "__%s__" % _n, _ordering(_n))
for _n in ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "matmul", "and", "or", "xor", "lshift", "rshift"):
    setattr(RemoteObject, "__%s__" % _n, (lambda n: lambda self, other: self._t().request("binop", n, self, other))(_n))
    setattr(RemoteObject, "__r%s__" % _n, (lambda n: lambda self, other: self._t().request("binop", n, other, self))(_n))
for _n in ("neg", "pos", "abs", "invert"):
    setattr(RemoteObject, "__%s__" % _n, (lambda n: lambda self: self._t().request("unop", n, self))(_n))


_REMOTE_FUNCTION_ATTRS = frozenset(("__module__", "__name__", "__qualname__", "__doc__", "__wrapped__", "__defaults__", "__kwdefaults__", "__annotations__", "__file__", "__path__", "__all__", "__version__"))


class RemoteFunction(RemoteObject):
    __slots__ = ()

    def __getattribute__(self, name):
        if name in _REMOTE_FUNCTION_ATTRS:
            return object.__getattribute__(self, "_ask")("getattr", name)
        return object.__getattribute__(self, name)


class RemoteModule(RemoteFunction):
    __slots__ = ()

    def __repr__(self):
        path = object.__getattribute__(self, "_path")
        return "<module %r of the exercise, in the worker>" % (path[0] if path else "?")


class _RemoteIterator:
    """Iterates a worker-side iterator a batch at a time (1, 2, 4, … up to 1024 items)."""

    def __init__(self, w, it):
        self.w = w
        self.it = it
        self.items = []
        self.done = False
        self.error = None
        self.size = 1

    def __iter__(self):
        return self

    def __next__(self):
        while not self.items:
            if self.error is not None:
                e, self.error = self.error, None
                raise e
            if self.done:
                raise StopIteration
            items, done, error = self.w.request("next_batch", self.it, self.size)
            self.size = min(self.size * 2, 1024)
            self.items = list(reversed(items))
            self.done, self.error = done, error
        return self.items.pop()


class RemoteMeta(type):
    """Metaclass of the judge's stand-ins for the learner's classes."""

    def __call__(cls, *args, **kwargs):
        if "_upskill_class" not in cls.__dict__:
            raise TypeError("%s is a class of the exercise's code, which runs in another process; a test cannot subclass it" % cls.__qualname__)
        return _class_target(cls).request("call", cls, list(args), kwargs)

    def __getattr__(cls, name):
        if name.startswith("_upskill") or (name.startswith("__") and name.endswith("__") and name not in ("__annotations__", "__dataclass_fields__", "__members__", "__slots__", "__match_args__", "__wrapped__")):
            raise AttributeError(name)
        return _class_target(cls).request("getattr", cls, name)

    def __setattr__(cls, name, value):
        if name.startswith("_upskill") or name in ("__module__", "__qualname__", "__doc__"):
            return type.__setattr__(cls, name, value)
        _class_target(cls).request("setattr", cls, name, value)

    def __delattr__(cls, name):
        _class_target(cls).request("delattr", cls, name)

    def __iter__(cls):  # an Enum class
        return iter(_class_target(cls).request("call", list, [cls], {}))

    def __len__(cls):
        return _class_target(cls).request("len", cls)

    def __getitem__(cls, key):
        return _class_target(cls).request("getitem", cls, key)


def _class_target(cls):
    ref = cls.__dict__["_upskill_class"]
    w = _worker()
    if ref["w"] is w and w.alive:
        return w
    if ref["path"] is None:
        raise StaleObject("the class %s belonged to a worker process that has stopped" % cls.__qualname__)
    ref["id"] = w.resolve_path(ref["path"])
    ref["w"] = w
    return w


def _remote_exception_str(self):
    text = getattr(self, "_upskill_str", None)
    return text if isinstance(text, str) else BaseException.__str__(self)


class RemoteExceptionMixin:
    """Marks the judge's stand-ins for the learner's exception classes (the root of each
    learner hierarchy has it as a base; its subclasses inherit it). str() is the text the
    worker computed, whatever __str__ the learner's classes define."""

    __str__ = _remote_exception_str


_CLASSES = {}  # (module, qualname) or (worker, id) -> the judge's stand-in class


def _path_of(info):
    module, qualname = info.get("module"), info.get("qualname")
    if isinstance(module, str) and isinstance(qualname, str) and "<" not in qualname:
        return (module, qualname)
    return None


def _class_for(w, ref):
    path = _path_of(ref)
    key = path if path is not None else (id(w), ref["id"])
    cls = _CLASSES.get(key)
    if cls is not None:
        target = cls.__dict__.get("_upskill_class")
        if target is not None and (target["w"] is not w or not w.alive or target["id"] != ref["id"]):
            target["w"], target["id"] = w, ref["id"]
        return cls
    bases = []
    for b in ref.get("bases", []):
        try:
            base = w.codec.decode(b)
        except wire.WireError:
            continue
        if isinstance(base, type):
            bases.append(base)
    module, qualname = (path if path is not None else ("<exercise>", ref.get("qualname") or "?"))
    name = qualname.rsplit(".", 1)[-1]
    target = {"w": w, "id": ref["id"], "path": path}
    if ref.get("fields") is not None:
        nt = collections.namedtuple(name, ref["fields"], rename=True)
        ns = {"__module__": module, "__qualname__": qualname, "_upskill_class": target, "__slots__": (), "__getattr__": _namedtuple_getattr}
        cls = type(name, (nt,), ns)
    elif ref.get("exc"):
        exc_bases = tuple(b for b in bases if issubclass(b, BaseException)) or (Exception,)
        # str() is the worker's text wherever __str__ sits in the learner's hierarchy (a
        # built-in base listed first, KeyError say, would otherwise answer before the mixin).
        ns = {"__module__": module, "__qualname__": qualname, "_upskill_class": target, "__str__": _remote_exception_str}
        cls = _exception_class(name, exc_bases, ns)
    else:
        remote_bases = tuple(b for b in bases if issubclass(b, RemoteObject) and b is not RemoteObject)
        ns = {"__module__": module, "__qualname__": qualname, "_upskill_class": target, "__slots__": ()}
        cls = RemoteMeta(name, remote_bases or (RemoteObject,), ns)
    _CLASSES[key] = cls
    return cls


def _exception_class(name, bases, ns):
    """The stand-in for a learner exception class with these bases (built-in exception classes
    and the stand-ins of the learner's other exception classes, in the learner's order).
    The marker mixin goes in once, at the root of a learner hierarchy: a subclass of the
    learner's own exception inherits it from its base's stand-in (adding it again would make
    Python's method order impossible: `class NotFound(StoreError)`)."""
    if not any(issubclass(b, RemoteExceptionMixin) for b in bases):
        bases = (RemoteExceptionMixin,) + tuple(bases)
    try:
        return type(name, tuple(bases), ns)
    except TypeError:
        pass
    # Bases Python will not combine here (a layout conflict between built-in exceptions): as
    # many as can be kept, in order, the marker first among them.
    kept = []
    for b in bases:
        try:
            type(name, tuple(kept + [b]), dict(ns))
        except TypeError:
            continue
        kept.append(b)
    if not any(issubclass(b, RemoteExceptionMixin) for b in kept):
        kept = [RemoteExceptionMixin] + [b for b in kept if b is not RemoteExceptionMixin]
    if not any(issubclass(b, BaseException) for b in kept):
        kept.append(Exception)
    return type(name, tuple(kept), ns)


def _namedtuple_getattr(self, name):
    if name.startswith("_upskill") or (name.startswith("__") and name.endswith("__")):
        raise AttributeError(name)
    return _class_target(type(self)).request("getattr", self, name)


# ---- one worker process ----------------------------------------------------------------------


class Worker:
    def __init__(self, sync=True):
        self.alive = False
        self.sync = sync
        self.pending_release = set()
        self.path_ids = {}
        self.sent = {}
        self.exported = {}
        self.exported_ids = {}
        self.proxies = weakref.WeakValueDictionary()
        self.tail = collections.deque(maxlen=200)
        self.tail_bytes = 0
        self.codec = wire.Codec("judge", self._export, self._import_ref, self._is_proxy, self._encode_proxy)
        self.codec.make_exception = self._make_exception
        self.codec.make_namedtuple = lambda cls, values: cls._make(values)
        self.codec.accept_global = wire.accepts_global
        self.codec.functions_by_name = True
        self._start()

    def _start(self):
        self.proc, rfd, wfd = _take_prestarted() or _spawn_worker()
        self.pipe = wire.Pipe(rfd, wfd)
        self.reader = threading.Thread(target=self._drain, daemon=True)
        self.reader.start()
        _STATE["workers"] += 1
        try:
            hello = self.pipe.receive(timeout=float(CONFIG.get("startTimeout", 120)))
        except (EOFError, TimeoutError, wire.WireError) as e:
            self.reader.join(timeout=2)
            self._fail("the worker process for the exercise's code did not start (%s): %s" % (type(e).__name__, self.output_tail().strip()[-2000:]))
        self.pid = hello.get("hello")
        self.alive = True
        self.peer = wire.Peer(self.pipe, self.codec, self._ops(), timeout=float(CONFIG.get("callTimeout", 60)))
        self.peer.write_back = lambda op, args, changes: wire.apply_changes(self.codec, op, args, changes)
        self.peer.outgoing = self._outgoing
        self.peer.incoming = self._incoming

    def _ops(self):
        """What the worker may ask of the judge: only about objects the judge handed it itself.
        A class or function the worker names (pathlib.Path, say) is never called here: that
        would let learner code act with the judge's rights."""

        def own(obj):
            n = self.exported_ids.get(id(obj))
            if n is None or self.exported.get(n) is not obj:
                raise PermissionError("the exercise's code may use only the objects the tests gave it")
            return obj

        def guarded(name, op):
            if name == "binop":
                def run(opname, a, b):
                    if not any(self.exported.get(self.exported_ids.get(id(x), 0)) is x for x in (a, b)):
                        own(a)
                    return op(opname, a, b)
            elif name == "unop":
                def run(opname, a):
                    return op(opname, own(a))
            else:
                def run(target, *rest):
                    return op(own(target), *rest)
            return run

        return {name: guarded(name, op) for name, op in _JUDGE_OPS.items()}

    def _drain(self):
        """Output the worker wrote to its own file descriptors (not through print): kept, capped."""
        stream = self.proc.stdout
        while True:
            chunk = stream.read1(65536) if hasattr(stream, "read1") else stream.read(65536)
            if not chunk:
                return
            if self.tail_bytes < 64 * 1024:
                self.tail.append(chunk)
                self.tail_bytes += len(chunk)

    def output_tail(self):
        text = b"".join(self.tail).decode("utf-8", "replace")
        return text[-4000:]

    # -- requests --
    def request(self, op, *args, keep=False):
        if not self.alive:
            raise StaleObject("the worker process has stopped")
        try:
            return self.peer.request(op, *args, keep=keep)
        except EOFError:
            self._fail(self._ended("while running the learner's code"))
        except TimeoutError:
            self.kill()
            self._fail("the learner's code did not answer within %s s; the worker process was stopped" % self.peer.timeout, WorkerTimeout)
        except wire.WireError as e:
            self.kill()
            self._fail("the worker process broke the protocol (%s); it was stopped" % e)

    def _ended(self, when):
        try:
            code = self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.kill()
            code = None
        self.alive = False
        tail = self.output_tail().strip()
        how = "exit code %s" % code if code is not None and code >= 0 else "signal %s" % (-code if code is not None else "?")
        return "the worker process ended (%s) %s%s" % (how, when, (": " + tail[-1500:]) if tail else "")

    def _fail(self, message, kind=None):
        self.alive = False
        _STATE["crashes"].append(message)
        if _STATE.get("worker") is self:
            _STATE["worker"] = None
        raise (kind or WorkerFailure)(message)

    def kill(self):
        self.alive = False
        try:
            self.proc.kill()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        for fd in (self.pipe.rfd, self.pipe.wfd):
            try:
                os.close(fd)
            except OSError:
                pass

    def close(self):
        if self.alive:
            try:
                self.pipe.send({"op": "bye"})
            except Exception:
                pass
        self.kill()

    def resolve_path(self, path):
        value = self.request("resolve", path[0], path[1], keep=True)
        if isinstance(value, RemoteObject):
            return object.__getattribute__(value, "_id")
        if isinstance(value, type) and "_upskill_class" in value.__dict__:
            return value.__dict__["_upskill_class"]["id"]
        raise StaleObject("%s.%s is not an object of the worker" % path)

    # -- context sent with each request: environment, working folder, logging levels --
    def _outgoing(self, msg):
        if self.pending_release:
            ids = list(self.pending_release)
            self.pending_release.clear()
            self.pipe.send({"q": 0, "op": "release", "a": [ids]})
            reply = self.pipe.receive(timeout=30)
            self._incoming(reply)
        if not self.sync:
            return
        env = _env_for_worker()
        if env != self.sent.get("env"):
            msg["env"] = env
            self.sent["env"] = env
        cwd = os.getcwd()
        if cwd != self.sent.get("cwd"):
            msg["cwd"] = cwd
            self.sent["cwd"] = cwd
        levels = _logging_levels()
        if levels != self.sent.get("log"):
            msg["log"] = levels
            self.sent["log"] = levels

    def _incoming(self, reply):
        if "out" in reply:
            sys.stdout.write(reply["out"])
        if "err" in reply:
            sys.stderr.write(reply["err"])
        for rec in reply.get("logs", ()):
            try:
                record = logging.makeLogRecord({
                    "name": str(rec["name"]), "levelno": int(rec["levelno"]), "levelname": str(rec["levelname"]), "msg": str(rec["msg"]), "args": None,
                    "pathname": str(rec.get("pathname")), "lineno": int(rec.get("lineno") or 0), "funcName": str(rec.get("funcName")), "created": float(rec.get("created") or time.time()),
                })
                logging.getLogger(record.name).handle(record)
            except Exception:
                pass
        for item in reply.get("refused", ()):
            if not isinstance(item, dict):
                continue
            text, serious = str(item.get("text")), item.get("serious") is not False
            if serious:
                _STATE["refusals"].append(text)
                if _STATE["test_refusals"] is not None:
                    _STATE["test_refusals"].append(text)

    # -- codec hooks --
    def _export(self, obj):
        key = id(obj)
        n = self.exported_ids.get(key)
        if n is None or self.exported.get(n) is not obj:
            n = len(self.exported) + 1
            self.exported[n] = obj
            self.exported_ids[key] = n
        ref = {wire.TAG: "ref", "o": "j", "id": n}
        if isinstance(obj, type) and issubclass(obj, BaseException):
            ref.update(self._describe_exception_class(obj))
        return ref

    def _describe_exception_class(self, cls):
        """An exception class of the tests (or of a library) as the worker needs it to build a
        class the learner's `except` clauses can catch: its name and its bases, which travel
        as usual (built-in ones by name, the learner's own as the worker's real classes)."""
        bases = []
        for b in cls.__bases__:
            if b is RemoteExceptionMixin or not issubclass(b, BaseException):
                continue
            try:
                bases.append(self.codec.encode(b))
            except (Exception, WorkerFailure):  # a stand-in of a worker that has stopped: left out
                continue
        module = cls.__dict__.get("__module__")
        qualname = cls.__dict__.get("__qualname__", cls.__name__)
        info = {"kind": "class", "exc": True, "bases": bases, "module": module if isinstance(module, str) else None, "qualname": qualname if isinstance(qualname, str) else "?"}
        # A class of an installed library (not of the tests' folder): the worker, with the same
        # install, may already have the very class, which the learner's code then catches.
        source = getattr(sys.modules.get(module), "__file__", None) if isinstance(module, str) else None
        judge = CONFIG.get("judge")
        if isinstance(source, str) and judge and not os.path.realpath(source).startswith(os.path.realpath(judge) + os.sep):
            info["named"] = True
        return info

    def _is_proxy(self, obj):
        return isinstance(obj, RemoteObject) or (isinstance(obj, type) and "_upskill_class" in obj.__dict__)

    def _encode_proxy(self, obj):
        if isinstance(obj, type):
            target = obj.__dict__["_upskill_class"]
            owner, n, path = target["w"], target["id"], target["path"]
        else:
            owner, n, path = object.__getattribute__(obj, "_w"), object.__getattribute__(obj, "_id"), object.__getattribute__(obj, "_path")
            if isinstance(obj, _ModuleHandle):
                path = None if owner is self else ("importlib", path[1])
        if owner is self and self.alive:
            return {wire.TAG: "ref", "o": "w", "id": n}
        if path is None:
            raise StaleObject("an object of one worker process cannot be sent to another (a measured call gets data, functions and classes of the exercise, not objects made in another call)")
        # The same function or class, found by name in this process (a measured call's fresh worker).
        if path not in self.path_ids:
            if path[0] == "importlib":
                value = self.request("import", path[1], keep=True)
                self.path_ids[path] = object.__getattribute__(value, "_id")
            else:
                self.path_ids[path] = self.resolve_path(path)
        return {wire.TAG: "ref", "o": "w", "id": self.path_ids[path]}

    def _import_ref(self, ref):
        if ref.get("o") == "j":
            n = ref.get("id")
            if n not in self.exported:
                raise wire.WireError("the worker named an object the judge never sent")
            return self.exported[n]
        n = ref.get("id")
        if type(n) is not int:
            raise wire.WireError("a reference without a number")
        kind = ref.get("kind")
        if kind == "class":
            return _class_for(self, ref)
        proxy = self.proxies.get(n)
        if proxy is not None:
            self.pending_release.discard(n)
            return proxy
        cls = RemoteObject
        path = None
        dc = False
        if kind == "function":
            cls = RemoteFunction
            path = None if ref.get("bound") else _path_of(ref)
        elif kind == "module":
            cls = RemoteModule
        else:
            dc = bool(ref.get("dataclass"))
            try:
                owner = self.codec.decode(ref.get("cls"))
            except wire.WireError:
                owner = None
            if isinstance(owner, type) and issubclass(owner, RemoteObject):
                cls = owner
        proxy = object.__new__(cls)
        object.__setattr__(proxy, "_w", self)
        object.__setattr__(proxy, "_id", n)
        object.__setattr__(proxy, "_path", path)
        object.__setattr__(proxy, "_dc", dc)
        self.proxies[n] = proxy
        self.pending_release.discard(n)
        return proxy

    def _make_exception(self, x, depth):
        try:
            cls = self.codec.decode(x["cls"], depth + 1)
        except wire.WireError:
            cls = None
        if not (isinstance(cls, type) and issubclass(cls, BaseException)):
            cls = RuntimeError
        args = tuple(self.codec.decode(a, depth + 1) for a in x.get("args", []))
        try:
            exc = cls.__new__(cls, *args)
            exc.args = args
        except Exception:
            exc = RuntimeError(str(x.get("str")))
        for k, v in (x.get("attrs") or {}).items():
            try:
                object.__setattr__(exc, k, self.codec.decode(v, depth + 1))
            except Exception:
                pass
        if issubclass(type(exc), RemoteExceptionMixin):
            exc._upskill_str = str(x.get("str"))
        exc.__cause__ = RemoteTraceback(str(x.get("tb", "")))
        return exc


def _public(name):
    if type(name) is not str or name.startswith("_"):
        raise AttributeError("the exercise's code may use only the public attributes of the tests' objects, not %r" % (name,))
    return name


def _refused(*_args):
    raise AttributeError("the exercise's code may not change or list the attributes of the tests' objects")


# What the worker may ask of the judge's objects (test doubles, callbacks, streams): use them
# through their public interface. Their private state and attribute writes stay out of reach,
# so that learner code cannot raise a test's budget or read its expected values.
_JUDGE_OPS = dict(wire.BASIC_OPS)
_JUDGE_OPS.update({
    "getattr": lambda obj, name: getattr(obj, _public(name)),
    "callmethod": lambda obj, name, args, kwargs: getattr(obj, _public(name))(*args, **dict(kwargs)),
    "setattr": _refused,
    "delattr": _refused,
    "vars": _refused,
    "dir": lambda obj: [n for n in dir(obj) if not n.startswith("_")],
    "iter": lambda obj: iter(obj),
    "next": lambda obj: next(obj),
    "next_batch": lambda it, n: list(wire._next_batch(it, n)),
})


def _logging_levels():
    levels = {"": logging.getLogger().level}
    for name, logger in list(logging.Logger.manager.loggerDict.items()):
        if isinstance(logger, logging.Logger) and logger.level != logging.NOTSET:
            levels[name] = logger.level
    return levels


def _env_for_worker():
    """The judge's environment as a test has set it (monkeypatch.setenv reaches the learner's
    code), with the worker's own folders for what the tests left alone, and no pytest internals."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    base = CONFIG.get("_base_env", {})
    for k, v in _worker_env(base_only=True).items():
        if os.environ.get(k) == base.get(k):
            env[k] = v
    return env


def _worker_env(base_only=False):
    env = dict(os.environ)
    for k in list(env):
        if k.startswith("PYTEST_") or k.startswith("UPSKILL_JUDGE"):
            del env[k]
    tmp = os.path.join(CONFIG["tmp"], "worker-tmp")
    home = os.path.join(tmp, "home")
    os.makedirs(home, exist_ok=True)
    # Library caches and settings (matplotlib, numba, ...) land where the worker may write.
    own = {"TMPDIR": tmp, "HOME": home, "XDG_CACHE_HOME": os.path.join(home, ".cache"), "XDG_CONFIG_HOME": os.path.join(home, ".config"), "MPLCONFIGDIR": os.path.join(home, ".matplotlib")}
    if base_only:
        return own
    env.update(own)
    return env


def _spawn_worker():
    """A new worker process: (process, fd to read its answers, fd to write requests)."""
    r1, w1 = os.pipe()
    r2, w2 = os.pipe()
    config = {"copy": CONFIG["copy"], "tmp": CONFIG["tmp"], "rfd": r1, "wfd": w2, "allowProcesses": bool(CONFIG.get("allowProcesses")), "noNetwork": bool(CONFIG.get("noNetwork")), "secret": CONFIG.get("secret", [])}
    proc = _RealPopen(
        [sys.executable, "-I", os.path.join(CONFIG["lib"], "upskill_worker.py"), "serve", json.dumps(config)],
        pass_fds=(r1, w2), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=CONFIG["copy"], env=_worker_env(),
    )
    os.close(r1)
    os.close(w2)
    _STATE["started"] += 1
    return proc, r2, w1


def prestart_worker():
    """Starts the first worker now, so that its interpreter starts while pytest imports and
    collects in this process (the first test would otherwise wait for it). The first Worker
    made takes it; one no test took is stopped when the session ends. It is a worker like any
    other: nothing has run in it, and it is started from the same configuration."""
    if _STATE.get("prestarted") is None:
        _STATE["prestarted"] = _spawn_worker()


def _take_prestarted():
    spare = _STATE.get("prestarted")
    _STATE["prestarted"] = None
    if spare is not None and spare[0].poll() is not None:
        # Ended before it was needed: a new one reports how a start goes wrong, with its output.
        _drop(spare)
        return None
    return spare


def _drop(spare):
    proc, rfd, wfd = spare
    try:
        proc.kill()
        proc.wait(timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        pass
    for fd in (rfd, wfd):
        try:
            os.close(fd)
        except OSError:
            pass


def _worker():
    w = _STATE.get("worker")
    if w is None or not w.alive:
        w = Worker()
        _STATE["worker"] = w
    return w


# ---- import hook: the learner's modules as proxies ---------------------------------------------


class _LearnerLoader:
    def create_module(self, spec):
        return None

    def exec_module(self, module):
        name = module.__name__
        w = _worker()
        proxy = w.request("import", name)
        if isinstance(proxy, RemoteObject):
            object.__setattr__(proxy, "_path", None)
        sys.modules[name] = _ModuleHandle(name, proxy)


class _ModuleHandle(RemoteModule):
    """sys.modules entry for a learner module: re-imported by name in a new worker after a crash."""

    __slots__ = ()

    def __new__(cls, name, proxy):
        self = object.__new__(cls)
        object.__setattr__(self, "_w", object.__getattribute__(proxy, "_w"))
        object.__setattr__(self, "_id", object.__getattribute__(proxy, "_id"))
        object.__setattr__(self, "_path", ("importlib", name))
        object.__setattr__(self, "_dc", False)
        return self

    def _t(self):
        w = object.__getattribute__(self, "_w")
        if w.alive:
            return w
        current = _worker()
        name = object.__getattribute__(self, "_path")[1]
        value = current.request("import", name)
        object.__setattr__(self, "_w", current)
        object.__setattr__(self, "_id", object.__getattribute__(value, "_id"))
        return current


class LearnerFinder:
    """Puts the learner's top-level modules (files and packages of the copy) behind proxies."""

    def __init__(self):
        self._names = None

    def names(self):
        if self._names is None:
            copy = Path(CONFIG["copy"])
            judge = Path(CONFIG["judge"])
            own = {p.stem for p in judge.iterdir() if p.suffix == ".py"} | {p.name for p in judge.iterdir() if p.is_dir()}
            found = set()
            for p in copy.iterdir():
                if p.suffix == ".py" and p.is_file():
                    found.add(p.stem)
                elif p.suffix == ".ipynb" and p.is_file() and p.stem.isidentifier():
                    # A notebook imports as a module in the worker (upskill_notebook.py).
                    found.add(p.stem)
                elif p.is_dir() and p.name.isidentifier() and any(c.suffix == ".py" for c in p.iterdir()):
                    found.add(p.name)
            stdlib = wire.STDLIB
            self._names = frozenset(n for n in found if n not in own and n not in stdlib and n != "conftest" and not n.startswith("test_") and n not in wire.SHARED_PACKAGES)
        return self._names

    def find_spec(self, name, path=None, target=None):
        top = name.split(".", 1)[0]
        if top not in self.names():
            return None
        import importlib.machinery

        return importlib.machinery.ModuleSpec(name, _LearnerLoader(), is_package=True)


# ---- measuring from outside ------------------------------------------------------------------


class Measurement:
    def __init__(self, finished, value=None, seconds=None, cpu_seconds=None, peak_bytes=None, error=None, args=None):
        self.finished = finished
        self.args = args
        self.value = value
        self.seconds = seconds
        self.cpu_seconds = cpu_seconds
        self.peak_bytes = peak_bytes
        self.error = error

    def __repr__(self):
        return "Measurement(finished=%r, seconds=%r, cpu_seconds=%r, peak_bytes=%r)" % (self.finished, self.seconds, self.cpu_seconds, self.peak_bytes)


def _proc_status(pid, field):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return None


def _proc_cpu(pid):
    with open("/proc/%d/stat" % pid) as f:
        rest = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(rest[11]) + int(rest[12])) / ticks


def _path_for_measure(fn):
    if isinstance(fn, type) and "_upskill_class" in fn.__dict__:
        path = fn.__dict__["_upskill_class"]["path"]
    elif isinstance(fn, RemoteFunction) and not isinstance(fn, RemoteModule):
        path = (fn.__module__, fn.__qualname__)
    else:
        path = None
    if path is None or "<locals>" in path[1]:
        raise TypeError("measure() takes a function or class defined at the top of one of the exercise's modules")
    return path


def measure(fn, *args, timeout=60.0, cpu_timeout=None, **kwargs):
    """Calls `fn(*args, **kwargs)` in a fresh worker and measures the call from outside it.

    Returns a Measurement: `finished` (False if the call ran past `timeout` seconds of wall
    time, or past `cpu_timeout` seconds of CPU time where given, and was stopped; a CPU
    limit is the kernel's (RLIMIT_CPU, whole seconds, rounded up), so a machine busy with
    other work does not stop an honest call early), `value` (the result, as data), `seconds` (wall time),
    `cpu_seconds` (user + system time of the worker during the call, from the OS) and
    `peak_bytes` (how far the worker's resident memory rose above where it was when the call
    started: the kernel's high-water mark, reset just before the call) and `args` (the
    positional arguments as the call left them). Exceptions of the learner's code are raised
    as for any call.
    """
    path = _path_for_measure(fn)
    if not os.path.exists("/proc/self/clear_refs"):
        return _measure_by_rusage(path, args, kwargs, timeout)
    w = Worker(sync=True)
    try:
        target = w.request("resolve", path[0], path[1], keep=True)
        staged = w.request("stage", list(args), kwargs)
        linux = os.path.exists("/proc/%d/clear_refs" % w.pid)
        if linux:
            with open("/proc/%d/clear_refs" % w.pid, "w") as f:
                f.write("5")
            base_rss = _proc_status(w.pid, "VmHWM")
            cpu0 = _proc_cpu(w.pid)
        if cpu_timeout is not None:
            import math
            import resource

            # Soft and hard alike: at the hard limit the kernel sends SIGKILL, which the
            # learner's code cannot catch (at a soft one it would send SIGXCPU).
            # w.pid is the worker as /proc numbers it; the system call takes this PID
            # namespace's number, which is the child's own.
            limit = math.ceil(_proc_cpu(w.pid) + cpu_timeout)
            resource.prlimit(w.proc.pid, resource.RLIMIT_CPU, (limit, limit))
        started = time.perf_counter()
        w.peer.timeout = timeout
        try:
            kept = w.request("call_staged", target, staged, keep=True)
        except WorkerTimeout:
            return Measurement(False, seconds=time.perf_counter() - started)
        except WorkerFailure:
            if cpu_timeout is None or w.proc.returncode != -9:
                raise
            # Stopped at its CPU limit: a measurement that did not finish, not a crash.
            _STATE["crashes"].pop()
            return Measurement(False, seconds=time.perf_counter() - started)
        seconds = time.perf_counter() - started
        peak = cpu = None
        if linux:
            peak = max(0, _proc_status(w.pid, "VmHWM") - base_rss)
            cpu = _proc_cpu(w.pid) - cpu0
        w.peer.timeout = float(CONFIG.get("callTimeout", 60))
        value = w.request("value", kept)
        # The arguments as the call left them (a function may not change its input in place).
        after = w.request("staged_args", staged)
        return Measurement(True, value=value, seconds=seconds, cpu_seconds=cpu, peak_bytes=peak, args=after)
    finally:
        w.close()


def _measure_by_rusage(path, args, kwargs, timeout):
    """Without /proc (macOS): the peak of a worker that makes the call, less the peak of one
    that stops just before it, both from the OS's accounting of the exited process (wait4)."""

    def one(call):
        w = Worker(sync=True)
        measured = None
        try:
            target = w.request("resolve", path[0], path[1], keep=True)
            staged = w.request("stage", list(args), kwargs)
            if call:
                started = time.perf_counter()
                w.peer.timeout = timeout
                try:
                    kept = w.request("call_staged", target, staged, keep=True)
                except WorkerTimeout:
                    return None, None
                seconds = time.perf_counter() - started
                w.peer.timeout = float(CONFIG.get("callTimeout", 60))
                measured = (w.request("value", kept), seconds)
            w.pipe.send({"op": "bye"})
            _, _, usage = os.wait4(w.proc.pid, 0)
            w.proc.returncode = 0
            return measured, usage
        finally:
            w.kill()

    _, base = one(False)
    measured, usage = one(True)
    if measured is None:
        return Measurement(False)
    scale = 1 if sys.platform == "darwin" else 1024
    peak = max(0, (usage.ru_maxrss - base.ru_maxrss) * scale)
    cpu = max(0.0, (usage.ru_utime + usage.ru_stime) - (base.ru_utime + base.ru_stime))
    return Measurement(True, value=measured[0], seconds=measured[1], cpu_seconds=cpu, peak_bytes=peak)


# ---- other helpers for tests -----------------------------------------------------------------


def _to_copy(value):
    """A path in the judge's folder names the same place in the copy (the tests' folder is an
    overlay of the learner's folder): `Path(__file__).parent / "train.py"` is the learner's."""
    if not isinstance(value, (str, os.PathLike)):
        return value
    text = os.fspath(value)
    if not isinstance(text, str):
        return value
    judge = CONFIG.get("judge")
    if judge and (text == judge or text.startswith(judge + os.sep)):
        rel = os.path.relpath(text, judge)
        candidate = os.path.join(CONFIG["copy"], rel) if rel != "." else CONFIG["copy"]
        if rel == "." or not os.path.exists(text) or os.path.islink(text):
            return candidate if isinstance(value, str) else type(value)(candidate)
    return value


_PYTHON_FLAGS_WITH_VALUE = frozenset(("-W", "-X", "-Q"))


def _python_command(args):
    """For `[python, flags..., script | -c code | -m module, args...]` with the learner's Python:
    the same command, run under the worker's audit hook. Anything else is left alone."""
    if not isinstance(args, (list, tuple)) or len(args) < 2:
        return None
    try:
        exe = os.path.realpath(os.fspath(args[0]))
    except TypeError:
        return None
    if exe != os.path.realpath(sys.executable):
        return None
    rest = [os.fspath(a) if isinstance(a, os.PathLike) else a for a in args[1:]]
    i = 0
    while i < len(rest) and isinstance(rest[i], str) and rest[i].startswith("-") and rest[i] not in ("-c", "-m", "-"):
        i += 2 if rest[i] in _PYTHON_FLAGS_WITH_VALUE else 1
    if i >= len(rest):
        return None
    return [_to_copy(a) for a in rest[i:]]


def guarded_argv(target, cwd):
    config = {"copy": CONFIG["copy"], "tmp": CONFIG["tmp"], "allowProcesses": bool(CONFIG.get("allowProcesses")), "cwd": cwd, "secret": CONFIG.get("secret", []), "noNetwork": bool(CONFIG.get("noNetwork"))}
    return [sys.executable, "-I", os.path.join(CONFIG["lib"], "upskill_worker.py"), "script", json.dumps(config), *target]


_RealPopen = subprocess.Popen


class GuardedPopen(_RealPopen):
    """subprocess.Popen for the tests: the learner's Python, started by a test on one of the
    learner's scripts (or with -c or -m), runs under the same audit hook as the worker."""

    def __init__(self, args, *rest, **kwargs):
        target = _python_command(args)
        if target is not None and not rest:
            cwd = kwargs.get("cwd")
            cwd = _to_copy(os.fspath(cwd)) if cwd is not None else os.getcwd()
            if not (cwd == CONFIG["copy"] or cwd.startswith(CONFIG["copy"] + os.sep) or cwd.startswith(CONFIG["tmp"] + os.sep)):
                cwd = CONFIG["copy"]
            kwargs["cwd"] = cwd
            env = dict(kwargs.get("env") if kwargs.get("env") is not None else os.environ)
            env.setdefault("TMPDIR", _worker_env()["TMPDIR"])
            kwargs["env"] = {k: v for k, v in env.items() if not k.startswith("PYTEST_")}
            args = guarded_argv(target, cwd)
        super().__init__(args, *rest, **kwargs)


def run_script(script, *args, cwd=None, env=None, timeout=120, input=None):
    """`python script args...` with the learner's Python, under the worker's audit hook; a
    subprocess.CompletedProcess with text output (what subprocess.run gives in the tests)."""
    return subprocess.run([sys.executable, str(script), *[str(a) for a in args]], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, input=input)


def run_traced(args, **kwargs):
    """subprocess.run(args, **kwargs), with every program the command and its descendants
    executed: (CompletedProcess, [{"exe", "argv"}, ...]), or None in place of the list where
    this machine allows no tracing (see upskill_trace.py). For rules about what a script
    may run, judged by what it ran."""
    import tempfile

    fd, report = tempfile.mkstemp(prefix="upskill-trace-", suffix=".json", dir=CONFIG.get("tmp"))
    os.close(fd)
    try:
        # The tracer is Upskill's own code: started as it is, not as a learner's Python would be.
        subprocess.Popen = _RealPopen
        try:
            done = subprocess.run([sys.executable, "-I", os.path.join(CONFIG["lib"], "upskill_trace.py"), report, "--", *[os.fspath(a) for a in args]], **kwargs)
        finally:
            subprocess.Popen = GuardedPopen
        done.args = args
        with open(report) as f:
            traced = json.load(f)
    finally:
        os.unlink(report)
    return done, (traced["programs"] if traced.get("traced") else None)


def fresh_import(name):
    """A new, independent copy of the learner's module `name`, executed now in the worker."""
    return _worker().request("fresh_import", name, "upskill_fresh_" + name.replace(".", "_"))


def worker_module(name):
    """The module `name` as the worker process has it (for tests of global state there)."""
    return _worker().request("import", name)


def hints(obj):
    """typing.get_type_hints(obj) for a learner function or class, resolved in the worker."""
    return _worker().request("hints", obj, False)


class unseeded_global_random:
    """`with unseeded_global_random():` the worker's global generators (the `random` module's
    and NumPy's) ignore every seed and draw from the OS, until the block ends. Code that
    makes its own generator from its seed gives the same results inside as outside; code
    that draws from a global generator, however it seeds or restores it, does not. The test
    compares the results (see upskill_unseeded.py)."""

    def __enter__(self):
        _worker().request("unseeded", True)
        return self

    def __exit__(self, *exc):
        w = _STATE.get("worker")
        if w is not None and w.alive:
            w.request("unseeded", False)


class fresh_worker:
    """`with fresh_worker() as w:` a worker of its own, for tests of what importing does."""

    def __enter__(self):
        self.worker = Worker(sync=False)
        return self

    def module(self, name):
        return self.worker.request("import", name)

    def __exit__(self, *exc):
        self.worker.close()


# ---- the pytest plugin -----------------------------------------------------------------------

_FINDER = LearnerFinder()


def _remote_type_hints(real):
    def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
        if isinstance(obj, RemoteObject) or (isinstance(obj, type) and "_upskill_class" in obj.__dict__):
            return _worker().request("hints", obj, include_extras)
        return real(obj, globalns, localns, include_extras)

    get_type_hints.__wrapped__ = real
    return get_type_hints


def _remote_getsource(real):
    def getsource(obj):
        if isinstance(obj, RemoteModule):
            # The module's text, read here from the copy: what the analysers saw.
            path = Path(obj.__file__).resolve()
            copy = Path(CONFIG["copy"]).resolve()
            if copy not in path.parents:
                raise OSError("the module's file is not in the exercise folder")
            return path.read_text(encoding="utf-8")
        if isinstance(obj, RemoteObject) or (isinstance(obj, type) and "_upskill_class" in obj.__dict__):
            text = _worker().request("source", obj)
            if not isinstance(text, str):
                raise OSError("no source text")
            return text
        return real(obj)

    return getsource


def pytest_configure(config):
    import inspect
    import typing

    if _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)
    # The tests read like ordinary pytest tests: these standard calls work on the learner's
    # objects too, answered by the worker (or, for source text, by the copy's files).
    subprocess.Popen = GuardedPopen
    typing.get_type_hints = _remote_type_hints(typing.get_type_hints)
    inspect.getsource = _remote_getsource(inspect.getsource)


def pytest_runtest_setup(item):
    _STATE["test_refusals"] = []


try:
    import pytest

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(item, call):  # noqa: F811
        outcome = yield
        report = outcome.get_result()
        refused = _STATE.get("test_refusals") or []
        if call.when == "call" and refused and report.outcome != "failed":
            report.outcome = "failed"
            report.longrepr = "The check refused what the exercise's code tried to do:\n" + "\n".join("  " + r for r in refused[:20])
        if call.when == "teardown":
            _STATE["test_refusals"] = None
except ImportError:  # pragma: no cover - pytest is always there in the judge
    pass


def pytest_sessionfinish(session, exitstatus):
    w = _STATE.get("worker")
    if w is not None:
        w.close()
    spare = _take_prestarted()
    if spare is not None:
        _drop(spare)
    out = CONFIG.get("report")
    if out:
        with open(out, "w") as f:
            json.dump({"refusals": _STATE["refusals"][:200], "crashes": _STATE["crashes"][:50], "workers": _STATE["workers"], "started": _STATE["started"]}, f)
