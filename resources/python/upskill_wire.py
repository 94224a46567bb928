"""What crosses between Upskill's judge (the pytest process) and the worker that runs the
learner's code: values as tagged JSON, never pickle (unpickling runs code).

Plain data (None, bool, int, float with nan and inf, str, bytes, list, tuple, dict, set,
complex, paths, dates, decimals, NumPy arrays and scalars, pandas Series, DataFrames and
Index objects, namedtuples, type hints) is copied. Anything else travels as a reference
("ref") to an object that stays in its own process: the other side gets a proxy whose
attributes, calls and operators are requests back to the owner.

Both sides use this module; each decides what a peer's reference becomes (see `Codec`).
"""

import array
import base64
import collections
import datetime
import decimal
import enum
import fractions
import json
import math
import os
import pathlib
import select
import sys
import types
import typing

TAG = "$"
MAX_MESSAGE = 256 * 1024 * 1024

# Modules whose classes and functions travel by name, not by reference: the standard library
# and a few packages every side has. The peer imports them from its own install.
try:
    STDLIB = frozenset(sys.stdlib_module_names)
except AttributeError:  # Python < 3.10
    STDLIB = frozenset(
        "abc argparse array ast asyncio base64 bisect builtins calendar cmath codecs collections concurrent contextlib copy csv ctypes"
        " dataclasses datetime decimal difflib dis email enum errno fractions functools gc glob gzip hashlib heapq hmac html http"
        " importlib inspect io itertools json logging math numbers operator os pathlib pickle platform pprint queue random re"
        " secrets select shutil signal socket sqlite3 statistics string struct subprocess sys tempfile textwrap threading time"
        " timeit token tokenize traceback types typing unittest urllib uuid warnings weakref zipfile zoneinfo".split()
    )
SHARED_PACKAGES = frozenset(("numpy", "pandas", "scipy", "sklearn", "pytest", "_pytest", "pyarrow", "polars"))


class WireError(Exception):
    """The peer broke the protocol: a message too large, not JSON, or the pipe closed."""


def top_module(name):
    return (name or "").split(".", 1)[0]


def is_shared_module(name):
    top = top_module(name)
    return top in STDLIB or top in SHARED_PACKAGES or top in ("builtins", "__future__")


def resolve_global(module, qualname):
    """A class or function of the standard library or a shared package, by name (imports it)."""
    if not is_shared_module(module):
        raise WireError("not a shared module: %s" % module)
    __import__(module)
    obj = sys.modules[module]
    for part in qualname.split("."):
        obj = getattr(obj, part)
    return obj


def accepts_global(module, obj):
    """What the judge takes by name from the worker: classes of plain data and type hints, and
    exception classes of the standard library; never a function, never a class whose call
    does something. The worker sends everything else as a reference."""
    top = top_module(module)
    if isinstance(obj, type) and issubclass(obj, BaseException) and (top in STDLIB or top == "builtins"):
        return True
    if module in SAFE_GLOBAL_MODULES or top in ("numpy", "pandas"):
        return isinstance(obj, type) or type(obj).__module__ in ("typing", "typing_extensions")
    return False


SAFE_GLOBAL_MODULES = frozenset(("builtins", "typing", "collections", "collections.abc", "datetime", "decimal", "fractions", "pathlib", "numbers", "enum", "dataclasses", "json", "types", "abc", "uuid", "typing_extensions"))


def _global_name(obj):
    """(module, qualname) when `obj` can be found again by name in a shared module."""
    module = getattr(obj, "__module__", None)
    qualname = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", None)
    if type(module) is not str or type(qualname) is not str or "<" in qualname:
        return None
    if not is_shared_module(module):
        return None
    try:
        found = sys.modules.get(module)
        if found is None:
            return None
        for part in qualname.split("."):
            found = getattr(found, part)
    except Exception:
        return None
    return (module, qualname) if found is obj else None


def _pack_numbers(values):
    """A long list of only floats (or only ints that fit in 64 bits) as packed bytes: far
    cheaper than JSON, and exact (-0.0 and nan included)."""
    first = type(values[0])
    if first is not float and first is not int:
        return None
    # The types of all the elements at C speed (a generator over 200 000 floats costs four
    # times as much); bool is its own type, so True never passes for an int.
    kinds = set(map(type, values))
    if len(kinds) != 1:
        return None
    if first is float:
        return {TAG: "numbers", "k": "d", "b": _b64(array.array("d", values).tobytes())}
    try:
        packed = array.array("q", values)
    except OverflowError:
        return None
    return {TAG: "numbers", "k": "q", "b": _b64(packed.tobytes())}


def _b64(b):
    return base64.b64encode(b).decode("ascii")


def _unb64(s):
    return base64.b64decode(s.encode("ascii"))


class Codec:
    """Turns values into tagged JSON and back. `export(obj)` gives a ref for a local object;
    `import_ref(ref)` gives the object for a ref (a local object, or a proxy of the peer's)."""

    def __init__(self, side, export, import_ref, is_local_proxy=None, encode_proxy=None):
        self.side = side
        self.export = export
        self.import_ref = import_ref
        self.is_local_proxy = is_local_proxy or (lambda obj: False)
        self.encode_proxy = encode_proxy
        self.accept_global = None
        # The judge names the standard library's functions (the worker takes them from its own
        # install); the worker sends every function as a reference, never by name.
        self.functions_by_name = False

    # ---- encoding -------------------------------------------------------------------
    def encode(self, obj, depth=0):
        if depth > 200:
            raise WireError("a value nested more than 200 levels deep")
        t = type(obj)
        if obj is None or t is bool or t is str or t is int:
            return obj
        if t is float:
            return obj if math.isfinite(obj) else {TAG: "float", "v": repr(obj)}
        if t is list:
            if len(obj) >= 64:
                packed = _pack_numbers(obj)
                if packed is not None:
                    return packed
            return [self.encode(x, depth + 1) for x in obj]
        if self.is_local_proxy(obj):
            return self.encode_proxy(obj)
        if t is tuple:
            return {TAG: "tuple", "v": [self.encode(x, depth + 1) for x in obj]}
        if t is dict or t is collections.OrderedDict or t is collections.Counter:
            kind = {dict: "dict", collections.OrderedDict: "odict", collections.Counter: "counter"}[t]
            return {TAG: kind, "v": [[self.encode(k, depth + 1), self.encode(v, depth + 1)] for k, v in obj.items()]}
        if t is collections.defaultdict:
            factory = obj.default_factory
            return {TAG: "ddict", "f": self.encode(factory, depth + 1), "v": [[self.encode(k, depth + 1), self.encode(v, depth + 1)] for k, v in obj.items()]}
        if t is set or t is frozenset:
            return {TAG: t.__name__, "v": [self.encode(x, depth + 1) for x in obj]}
        if t is bytes or t is bytearray:
            return {TAG: t.__name__, "v": _b64(obj)}
        if t is complex:
            return {TAG: "complex", "re": self.encode(obj.real), "im": self.encode(obj.imag)}
        if t in (pathlib.PosixPath, pathlib.PurePosixPath, pathlib.WindowsPath, pathlib.PureWindowsPath):
            return {TAG: "path", "kind": t.__name__, "v": str(obj)}
        if t is datetime.datetime or t is datetime.date or t is datetime.time:
            return {TAG: t.__name__, "v": obj.isoformat()}
        if t is datetime.timedelta:
            return {TAG: "timedelta", "v": [obj.days, obj.seconds, obj.microseconds]}
        if t is decimal.Decimal:
            return {TAG: "decimal", "v": str(obj)}
        if t is fractions.Fraction:
            return {TAG: "fraction", "v": [obj.numerator, obj.denominator]}
        if t is range:
            return {TAG: "range", "v": [obj.start, obj.stop, obj.step]}
        if t is slice:
            return {TAG: "slice", "v": [self.encode(obj.start), self.encode(obj.stop), self.encode(obj.step)]}
        if obj is Ellipsis:
            return {TAG: "ellipsis"}
        if obj is type(None):
            return {TAG: "nonetype"}
        if obj is NotImplemented:
            return {TAG: "notimplemented"}
        module = getattr(t, "__module__", "") if type(getattr(t, "__module__", "")) is str else ""
        if module.startswith("numpy"):
            enc = self._encode_numpy(obj, t, depth)
            if enc is not None:
                return enc
        if module.startswith("pandas"):
            enc = self._encode_pandas(obj, t, depth)
            if enc is not None:
                return enc
        if isinstance(obj, tuple) and isinstance(getattr(t, "_fields", None), tuple) and (t.__bases__ == (tuple,) or "_upskill_class" in t.__dict__):
            return {TAG: "ntuple", "cls": self.encode(t, depth + 1), "v": [self.encode(x, depth + 1) for x in obj]}
        if isinstance(obj, BaseException):
            return self.encode_exception(obj, depth)
        if isinstance(obj, enum.Enum) and is_shared_module(getattr(t, "__module__", "")) and _global_name(t) is not None:
            return {TAG: "member", "cls": self.encode(t, depth + 1), "name": obj.name}
        alias = self._encode_hint(obj, depth)
        if alias is not None:
            return alias
        if isinstance(obj, (type, types.FunctionType, types.BuiltinFunctionType, types.ModuleType)) or t is typing.TypeVar or type(obj).__module__ == "typing":
            name = _global_name(obj)
            if name is not None and not isinstance(obj, types.ModuleType) and (self.functions_by_name or accepts_global(name[0], obj)):
                return {TAG: "global", "module": name[0], "name": name[1]}
        return self.export(obj)

    def _encode_hint(self, obj, depth):
        t = type(obj)
        if t is types.GenericAlias:
            return {TAG: "alias", "origin": self.encode(obj.__origin__, depth + 1), "args": [self.encode(a, depth + 1) for a in obj.__args__]}
        if getattr(types, "UnionType", None) is not None and t is types.UnionType:
            return {TAG: "union", "args": [self.encode(a, depth + 1) for a in obj.__args__]}
        if t.__module__ == "typing" and t.__name__ in ("_GenericAlias", "_UnionGenericAlias", "_LiteralGenericAlias", "_CallableGenericAlias", "_SpecialGenericAlias", "_AnnotatedAlias"):
            origin = typing.get_origin(obj)
            args = typing.get_args(obj)
            if origin is typing.Union:
                return {TAG: "union", "args": [self.encode(a, depth + 1) for a in args]}
            if origin is typing.Literal:
                return {TAG: "literal", "args": [self.encode(a, depth + 1) for a in args]}
            name = getattr(obj, "_name", None)
            if t.__name__ == "_SpecialGenericAlias" and name:
                return {TAG: "global", "module": "typing", "name": name}
            if name and hasattr(typing, name):
                return {TAG: "talias", "name": name, "args": [self.encode(a, depth + 1) for a in args]}
            if origin is not None:
                # A generic of typing's own kind (a Protocol or Generic subscripted): rebuilt by subscription.
                return {TAG: "galias", "origin": self.encode(getattr(obj, "__origin__", origin), depth + 1), "args": [self.encode(a, depth + 1) for a in args]}
        if t is typing.ForwardRef:
            return {TAG: "forwardref", "v": obj.__forward_arg__}
        return None

    def _encode_numpy(self, obj, t, depth):
        import numpy as np

        if t is np.ndarray:
            if obj.dtype.hasobject:
                flat = [self.encode(x, depth + 1) for x in obj.reshape(-1).tolist()] if obj.dtype == object else None
                if flat is None:
                    return None
                return {TAG: "ndarray", "dtype": "O", "shape": list(obj.shape), "v": flat}
            arr = np.ascontiguousarray(obj)
            return {TAG: "ndarray", "dtype": self._dtype(arr.dtype), "shape": list(arr.shape), "b": _b64(arr.tobytes())}
        if isinstance(obj, np.generic) and not obj.dtype.hasobject:
            return {TAG: "npscalar", "dtype": self._dtype(obj.dtype), "b": _b64(np.asarray(obj).tobytes())}
        if isinstance(obj, np.dtype):
            return {TAG: "npdtype", "v": self._dtype(obj)}
        return None

    @staticmethod
    def _dtype(dtype):
        return dtype.descr if dtype.fields is not None else dtype.str

    def _encode_pandas(self, obj, t, depth):
        import pandas as pd

        if isinstance(obj, pd.DataFrame) and t is pd.DataFrame:
            return {
                TAG: "dataframe",
                "columns": self._encode_index(obj.columns, depth),
                "index": self._encode_index(obj.index, depth),
                "data": [self._encode_values(obj.iloc[:, i], depth) for i in range(obj.shape[1])],
            }
        if t is pd.Series:
            return {TAG: "series", "name": self.encode(obj.name, depth + 1), "index": self._encode_index(obj.index, depth), "data": self._encode_values(obj, depth)}
        if isinstance(obj, pd.Index):
            return self._encode_index(obj, depth)
        if t is pd.Timestamp:
            return {TAG: "timestamp", "v": obj.isoformat(), "tz": str(obj.tz) if obj.tz is not None else None}
        if obj is pd.NaT:
            return {TAG: "nat"}
        if t is pd.Timedelta:
            return {TAG: "pdtimedelta", "v": int(obj.value)}
        if obj is getattr(pd, "NA", object()):
            return {TAG: "pdna"}
        return None

    def _encode_values(self, values, depth):
        """The values of a Series or an Index, with their dtype (NumPy, category, or a pandas extension dtype by name)."""
        import numpy as np
        import pandas as pd

        dtype = values.dtype
        if isinstance(dtype, pd.CategoricalDtype):
            cat = values.array if isinstance(values, (pd.Series, pd.Index)) else values
            return {"kind": "category", "categories": self._encode_index(cat.categories, depth), "codes": self.encode(np.asarray(cat.codes), depth + 1), "ordered": bool(dtype.ordered)}
        if isinstance(dtype, np.dtype):
            return {"kind": "numpy", "v": self.encode(np.asarray(values), depth + 1)}
        return {"kind": "extension", "dtype": str(dtype), "v": [self.encode(x, depth + 1) for x in np.asarray(values, dtype=object).tolist()]}

    def _encode_index(self, index, depth):
        import pandas as pd

        if type(index) is pd.RangeIndex:
            return {TAG: "rangeindex", "v": [index.start, index.stop, index.step], "name": self.encode(index.name, depth + 1)}
        if isinstance(index, pd.MultiIndex):
            return {TAG: "multiindex", "v": [self.encode(tuple(x), depth + 1) for x in index.tolist()], "names": [self.encode(n, depth + 1) for n in index.names]}
        return {TAG: "index", "values": self._encode_values(index, depth), "name": self.encode(index.name, depth + 1)}

    def encode_exception(self, exc, depth=0):
        import traceback

        try:
            text = str(exc)
        except Exception:
            text = "<exception that could not be shown>"
        try:
            tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        except Exception:
            tb = text
        attrs = {}
        try:
            own = vars(exc)
        except TypeError:
            own = {}
        for k, v in list(own.items())[:50]:
            if type(k) is str and not k.startswith("__") and not k.startswith("_upskill"):
                try:
                    attrs[k] = self.encode(v, depth + 1)
                except Exception:
                    pass
        try:
            args = [self.encode(a, depth + 1) for a in exc.args]
        except Exception:
            args = [text]
        return {TAG: "exc", "cls": self.encode(type(exc), depth + 1), "args": args, "str": text, "tb": tb, "attrs": attrs}

    # ---- decoding -------------------------------------------------------------------
    def decode(self, x, depth=0):
        if depth > 200:
            raise WireError("a value nested more than 200 levels deep")
        t = type(x)
        if x is None or t is bool or t is str or t is int or t is float:
            return x
        if t is list:
            return [self.decode(v, depth + 1) for v in x]
        if t is not dict:
            raise WireError("unexpected %s in a message" % t.__name__)
        tag = x.get(TAG)
        d = lambda v: self.decode(v, depth + 1)  # noqa: E731
        if tag == "float":
            return float(x["v"])
        if tag == "numbers":
            values = array.array(x["k"])
            values.frombytes(_unb64(x["b"]))
            return values.tolist()
        if tag == "tuple":
            return tuple(d(v) for v in x["v"])
        if tag in ("dict", "odict", "counter"):
            kind = {"dict": dict, "odict": collections.OrderedDict, "counter": collections.Counter}[tag]
            out = kind()
            for k, v in x["v"]:
                out[d(k)] = d(v)
            return out
        if tag == "ddict":
            factory = d(x["f"])
            out = collections.defaultdict(factory if callable(factory) else None)
            for k, v in x["v"]:
                out[d(k)] = d(v)
            return out
        if tag == "set":
            return set(d(v) for v in x["v"])
        if tag == "frozenset":
            return frozenset(d(v) for v in x["v"])
        if tag == "bytes":
            return _unb64(x["v"])
        if tag == "bytearray":
            return bytearray(_unb64(x["v"]))
        if tag == "complex":
            return complex(d(x["re"]), d(x["im"]))
        if tag == "path":
            kind = {"PosixPath": pathlib.Path, "PurePosixPath": pathlib.PurePosixPath, "WindowsPath": pathlib.PureWindowsPath, "PureWindowsPath": pathlib.PureWindowsPath}.get(x["kind"], pathlib.PurePath)
            return kind(x["v"])
        if tag == "datetime":
            return datetime.datetime.fromisoformat(x["v"])
        if tag == "date":
            return datetime.date.fromisoformat(x["v"])
        if tag == "time":
            return datetime.time.fromisoformat(x["v"])
        if tag == "timedelta":
            days, seconds, micro = x["v"]
            return datetime.timedelta(days=days, seconds=seconds, microseconds=micro)
        if tag == "decimal":
            return decimal.Decimal(x["v"])
        if tag == "fraction":
            return fractions.Fraction(*x["v"])
        if tag == "range":
            return range(*x["v"])
        if tag == "slice":
            return slice(*(d(v) for v in x["v"]))
        if tag == "ellipsis":
            return Ellipsis
        if tag == "nonetype":
            return type(None)
        if tag == "notimplemented":
            return NotImplemented
        if tag == "global":
            obj = resolve_global(x["module"], x["name"])
            if self.accept_global is not None and not self.accept_global(x["module"], obj):
                raise WireError("%s.%s sent by name, which this side does not accept" % (x["module"], x["name"]))
            return obj
        if tag == "alias":
            origin = d(x["origin"])
            args = tuple(d(a) for a in x["args"])
            if not args:
                return origin
            try:
                return types.GenericAlias(origin, args) if isinstance(origin, type) else origin[args]
            except TypeError:
                return origin[args]
        if tag == "galias":
            origin = d(x["origin"])
            args = tuple(d(a) for a in x["args"])
            return origin[args] if args else origin
        if tag == "talias":
            args = tuple(d(a) for a in x["args"])
            base = getattr(typing, x["name"])
            return base[args] if args else base
        if tag == "union":
            args = tuple(d(a) for a in x["args"])
            return typing.Union[args]
        if tag == "literal":
            return typing.Literal[tuple(d(a) for a in x["args"])]
        if tag == "forwardref":
            return typing.ForwardRef(x["v"])
        if tag == "ndarray" or tag == "npscalar" or tag == "npdtype":
            return self._decode_numpy(x, tag, depth)
        if tag in ("dataframe", "series", "index", "rangeindex", "multiindex", "timestamp", "nat", "pdtimedelta", "pdna"):
            return self._decode_pandas(x, tag, depth)
        if tag == "member":
            return d(x["cls"])[x["name"]]
        if tag == "ntuple":
            return self.make_namedtuple(d(x["cls"]), [d(v) for v in x["v"]])
        if tag == "exc":
            return self.make_exception(x, depth)
        if tag == "ref":
            return self.import_ref(x)
        raise WireError("unknown tag %r" % (tag,))

    def make_namedtuple(self, cls, values):
        return cls._make(values)

    def make_exception(self, x, depth):
        cls = self.decode(x["cls"], depth + 1)
        args = tuple(self.decode(a, depth + 1) for a in x["args"])
        if not (isinstance(cls, type) and issubclass(cls, BaseException)):
            cls = RuntimeError
        exc = None
        # With its arguments: an OSError's errno, strerror and filename are read from them.
        for make in (lambda: cls.__new__(cls, *args), lambda: cls.__new__(cls)):
            try:
                exc = make()
                exc.args = args
                break
            except Exception:
                exc = None
        if exc is None:
            exc = RuntimeError(x["str"])
        for k, v in x.get("attrs", {}).items():
            try:
                object.__setattr__(exc, k, self.decode(v, depth + 1))
            except Exception:
                pass
        if getattr(type(exc), "_upskill_str_from_peer", False):
            exc._upskill_str = str(x.get("str"))
        return exc

    def _dtype_of(self, spec):
        import numpy as np

        if type(spec) is list:
            return np.dtype([tuple(f) if type(f) is list else f for f in spec])
        return np.dtype(spec)

    def _decode_numpy(self, x, tag, depth):
        import numpy as np

        if tag == "npdtype":
            return self._dtype_of(x["v"])
        if tag == "npscalar":
            return np.frombuffer(_unb64(x["b"]), dtype=self._dtype_of(x["dtype"]))[0]
        shape = tuple(x["shape"])
        if x["dtype"] == "O":
            out = np.empty(len(x["v"]), dtype=object)
            for i, v in enumerate(x["v"]):
                out[i] = self.decode(v, depth + 1)
            return out.reshape(shape)
        return np.frombuffer(_unb64(x["b"]), dtype=self._dtype_of(x["dtype"])).reshape(shape).copy()

    def _decode_values(self, v, depth):
        import pandas as pd

        if v["kind"] == "category":
            return pd.Categorical.from_codes(self.decode(v["codes"], depth + 1), categories=self._decode_pandas(v["categories"], v["categories"][TAG], depth), ordered=v["ordered"])
        if v["kind"] == "numpy":
            return self.decode(v["v"], depth + 1)
        values = [self.decode(x, depth + 1) for x in v["v"]]
        return pd.array(values, dtype=v["dtype"])

    def _decode_pandas(self, x, tag, depth):
        import pandas as pd

        d = lambda v: self.decode(v, depth + 1)  # noqa: E731
        if tag == "rangeindex":
            return pd.RangeIndex(*x["v"], name=d(x["name"]))
        if tag == "multiindex":
            return pd.MultiIndex.from_tuples([d(v) for v in x["v"]], names=[d(n) for n in x["names"]])
        if tag == "index":
            return pd.Index(self._decode_values(x["values"], depth), name=d(x["name"]))
        if tag == "series":
            index = self._decode_pandas(x["index"], x["index"][TAG], depth)
            return pd.Series(self._decode_values(x["data"], depth), index=index, name=d(x["name"]))
        if tag == "dataframe":
            columns = self._decode_pandas(x["columns"], x["columns"][TAG], depth)
            index = self._decode_pandas(x["index"], x["index"][TAG], depth)
            data = {i: self._decode_values(v, depth) for i, v in enumerate(x["data"])}
            frame = pd.DataFrame(data, index=index)
            frame.columns = columns
            return frame
        if tag == "timestamp":
            ts = pd.Timestamp(x["v"])
            return ts
        if tag == "nat":
            return pd.NaT
        if tag == "pdtimedelta":
            return pd.Timedelta(x["v"], unit="ns")
        if tag == "pdna":
            return pd.NA
        raise WireError("unknown pandas tag %r" % (tag,))


# Taken when this module loads, before any learner code: a learner module that replaces
# json.dumps or os.write for itself does not change what crosses the pipe.
_dumps, _loads, _write, _read, _select = json.dumps, json.loads, os.write, os.read, select.select


class Pipe:
    """JSON messages, one per line, over a pair of file descriptors, with a size cap."""

    def __init__(self, rfd, wfd, cap=MAX_MESSAGE):
        self.rfd = rfd
        self.wfd = wfd
        self.cap = cap
        self.buf = bytearray()
        self.scanned = 0  # bytes of buf already searched for the end of a message

    def send(self, msg):
        data = _dumps(msg, separators=(",", ":"), allow_nan=True).encode("utf-8") + b"\n"
        view = memoryview(data)
        while view:
            try:
                n = _write(self.wfd, view)
            except BrokenPipeError:
                raise WireError("the other process closed the pipe") from None
            view = view[n:]

    def receive(self, timeout=None, on_wait=None):
        """The next message. `timeout` (seconds without any data) raises TimeoutError."""
        while True:
            # Only the bytes that came since the last look: a message of megabytes arrives in
            # pipe-sized chunks, and searching it from the start each time adds up.
            nl = self.buf.find(b"\n", self.scanned)
            if nl < 0:
                self.scanned = len(self.buf)
            else:
                self.scanned = 0
                line = bytes(self.buf[:nl])
                del self.buf[: nl + 1]
                try:
                    return _loads(line.decode("utf-8"))
                except (ValueError, UnicodeDecodeError, RecursionError) as e:
                    raise WireError("a message that is not JSON: %s" % e) from None
            if len(self.buf) > self.cap:
                raise WireError("a message larger than %d MB" % (self.cap // (1024 * 1024)))
            if timeout is not None:
                ready, _, _ = _select([self.rfd], [], [], timeout)
                if not ready:
                    raise TimeoutError()
            try:
                chunk = _read(self.rfd, 1 << 20)
            except InterruptedError:
                continue
            if not chunk:
                raise EOFError()
            self.buf += chunk


OPERATORS = {
    "add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b, "truediv": lambda a, b: a / b,
    "floordiv": lambda a, b: a // b, "mod": lambda a, b: a % b, "pow": lambda a, b: a ** b, "matmul": lambda a, b: a @ b,
    "and": lambda a, b: a & b, "or": lambda a, b: a | b, "xor": lambda a, b: a ^ b, "lshift": lambda a, b: a << b, "rshift": lambda a, b: a >> b,
    "lt": lambda a, b: a < b, "le": lambda a, b: a <= b, "gt": lambda a, b: a > b, "ge": lambda a, b: a >= b,
    "eq": lambda a, b: a == b, "ne": lambda a, b: a != b,
    "neg": lambda a: -a, "pos": lambda a: +a, "abs": lambda a: abs(a), "invert": lambda a: ~a,
}


def _next_batch(it, n):
    items = []
    for _ in range(max(1, min(int(n), 4096))):
        try:
            items.append(next(it))
        except StopIteration:
            return items, True, None
        except BaseException as e:  # raised after the items before it are used
            return items, False, e
    return items, False, None


def _bool(x):
    return bool(x)


BASIC_OPS = {
    "getattr": lambda obj, name: getattr(obj, name),
    "setattr": lambda obj, name, value: setattr(obj, name, value),
    "delattr": lambda obj, name: delattr(obj, name),
    "call": lambda fn, args, kwargs: fn(*args, **dict(kwargs)),
    "callmethod": lambda obj, name, args, kwargs: getattr(obj, name)(*args, **dict(kwargs)),
    "len": lambda obj: len(obj),
    "getitem": lambda obj, key: obj[key],
    "setitem": lambda obj, key, value: obj.__setitem__(key, value),
    "delitem": lambda obj, key: obj.__delitem__(key),
    "contains": lambda obj, item: item in obj,
    "repr": lambda obj: repr(obj),
    "str": lambda obj: str(obj),
    "format": lambda obj, spec: format(obj, spec),
    "hash": lambda obj: hash(obj),
    "bool": _bool,
    "int": lambda obj: int(obj),
    "float": lambda obj: float(obj),
    "index": lambda obj: obj.__index__(),
    "enter": lambda obj: obj.__enter__(),
    "exit": lambda obj, a, b, c: obj.__exit__(a, b, c),
    "vars": lambda obj: dict(vars(obj)),
    "dir": lambda obj: dir(obj),
    "binop": lambda name, a, b: OPERATORS[name](a, b),
    "unop": lambda name, a: OPERATORS[name](a),
    "fspath": lambda obj: os.fspath(obj),
}


class Peer:
    """One end of the conversation. `request` sends an operation and waits for its answer,
    serving the other side's requests (callbacks) in the meantime; `serve_one` answers one."""

    def __init__(self, pipe, codec, ops, timeout=None):
        self.pipe = pipe
        self.codec = codec
        self.ops = ops
        self.timeout = timeout
        self.next_id = 0
        self.outgoing = None  # extra fields for each request (the judge's environment, ...)
        self.incoming = None  # called with each reply (the worker's output, logs, refusals)
        self.decorate_reply = None  # adds fields to each reply (the worker's captured output)
        self.after_call = None  # (msg, decoded args, reply): the worker reports arguments a call changed
        self.write_back = None  # (op, args, changes): the judge applies them to its own objects

    def request(self, op, *args, keep=False):
        self.next_id += 1
        qid = self.next_id
        msg = {"q": qid, "op": op, "a": [self.codec.encode(a) for a in args]}
        if keep:
            msg["keep"] = True
        if self.outgoing is not None:
            self.outgoing(msg)
        self.pipe.send(msg)
        while True:
            reply = self.pipe.receive(timeout=self.timeout)
            if "q" in reply:
                self.serve(reply)
                continue
            if reply.get("r") != qid:
                raise WireError("an answer to a question that was not asked")
            if self.incoming is not None:
                self.incoming(reply)
            if "wb" in reply and self.write_back is not None:
                self.write_back(op, args, reply["wb"])
            if "exc" in reply:
                raise self.codec.decode(reply["exc"])
            if "same" in reply and self.write_back is not None:
                # The call returned one of the caller's own (mutable) arguments: the same object here.
                return argument(op, args, reply["same"])
            return self.codec.decode(reply.get("ok"))

    def serve(self, msg):
        reply = {"r": msg["q"]}
        try:
            op = self.ops[msg["op"]]
            args = [self.codec.decode(a) for a in msg.get("a", [])]
            if "env" in msg or "cwd" in msg or "log" in msg:
                self.apply_context(msg)
            result = _FAILED
            try:
                result = op(*args)
            finally:
                if self.after_call is not None:
                    self.after_call(msg, args, reply, result)
            if "same" in reply:
                reply["ok"] = None
            else:
                reply["ok"] = self.codec.export(result) if msg.get("keep") else self.codec.encode(result)
        except BaseException as e:  # every failure goes back as data
            if not isinstance(e, Exception) and self.codec.side != "worker":
                raise
            try:
                reply["exc"] = self.codec.encode_exception(e)
            except BaseException as inner:
                reply["exc"] = self.codec.encode_exception(RuntimeError("%s (and it could not be sent: %s)" % (type(e).__name__, inner)))
        if self.decorate_reply is not None:
            self.decorate_reply(reply)
        self.pipe.send(reply)

    def apply_context(self, msg):
        pass


MUTABLE = (list, dict, set, bytearray)
_FAILED = object()


def _call_arguments(op, args):
    if op == "call":
        return args[1], args[2]
    if op == "callmethod":
        return args[2], args[3]
    return None, None


def argument(op, args, key):
    positional, keywords = _call_arguments(op, args)
    return positional[key] if isinstance(key, int) else keywords[key]


def returned_argument(op, args, result):
    """The key of the mutable argument the call returned itself, if it did."""
    if result is _FAILED or not (type(result) in MUTABLE or type(result).__name__ == "ndarray"):
        return None
    positional, keywords = _call_arguments(op, args)
    for i, v in enumerate(positional or []):
        if v is result:
            return i
    for k, v in (keywords or {}).items():
        if v is result:
            return k
    return None


def changed_arguments(codec, msg, args):
    """Which arguments of a call the callee changed in place, with their new values: lists,
    dicts, sets, bytearrays and NumPy arrays the caller passed (top level only)."""
    op = msg.get("op")
    if op == "call":
        positional, keywords = args[1], args[2]
        raw_pos, raw_kw = msg["a"][1], msg["a"][2]
    elif op == "callmethod":
        positional, keywords = args[2], args[3]
        raw_pos, raw_kw = msg["a"][2], msg["a"][3]
    else:
        return []
    out = []
    candidates = [(i, v, raw_pos[i] if isinstance(raw_pos, list) and i < len(raw_pos) else None) for i, v in enumerate(positional or [])]
    raw_kw_items = dict((k, v) for k, v in raw_kw.get("v", [])) if isinstance(raw_kw, dict) else {}
    for k, v in (keywords or {}).items():
        candidates.append((k, v, raw_kw_items.get(k)))
    for key, value, raw in candidates:
        mutable = type(value) in MUTABLE or (type(value).__module__ == "numpy" and type(value).__name__ == "ndarray")
        if not mutable or raw is None:
            continue
        try:
            now = codec.encode(value)
        except Exception:
            continue
        if type(raw) is dict and raw.get(TAG) == "numbers" and type(now) is dict:
            # Packed numbers on both sides: the same bytes or not (exact for -0.0 and nan),
            # without writing out two long strings to compare them.
            if now != raw:
                out.append([key, now])
            continue
        if _dumps(now, sort_keys=True, allow_nan=True) != _dumps(raw, sort_keys=True, allow_nan=True):
            out.append([key, now])
    return out


def apply_changes(codec, op, args, changes):
    """The judge's side of `changed_arguments`: its own objects changed the same way."""
    if op == "call":
        positional, keywords = args[1], args[2]
    elif op == "callmethod":
        positional, keywords = args[2], args[3]
    else:
        return
    for key, enc in changes:
        try:
            target = positional[key] if isinstance(key, int) else keywords[key]
            new = codec.decode(enc)
            if type(target) is list and type(new) is list:
                target[:] = new
            elif type(target) is dict and type(new) is dict:
                target.clear()
                target.update(new)
            elif type(target) is set and type(new) is set:
                target.clear()
                target.update(new)
            elif type(target) is bytearray:
                target[:] = new
            elif type(target).__name__ == "ndarray" and getattr(target, "shape", None) == getattr(new, "shape", None):
                target[...] = new
        except Exception:
            pass
