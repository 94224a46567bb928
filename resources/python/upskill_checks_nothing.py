# Upskill's tests-check-something helper (src/checks/testQuality.ts).
# Reads {"root": ..., "tests": [{"file", "name"}]} on stdin and prints the indexes of the
# tests whose function was found and checks nothing. A function checks something when it
# (or a function of the same file that it calls by name, or as self.name, at any depth)
# holds an `assert` whose expression uses a name, an attribute, a call or a subscript (so
# `assert True` and `assert 1 == 1` do not count), a `with`/call of raises, warns,
# deprecated_call or fail, or a call of anything whose name starts with "assert"
# (assert_frame_equal, mock.assert_called_once_with, self.assertEqual).
#
# An assertion that no code under test can make fail counts for nothing either: the same
# expression on both sides (`assert x == x`, `self.assertEqual(r, r)`), a non-empty tuple,
# list, dict or f-string (always true), `... or True`, `len(x) >= 0`, `isinstance(x, object)`.
# `assert x != x` stays: it is how one asserts a NaN.

import ast, json, os, sys

CHECKING_CALLS = {"raises", "warns", "deprecated_call", "fail"}


def call_name(node):
    f = node.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None


def varies(expr):
    return any(isinstance(n, (ast.Name, ast.Attribute, ast.Call, ast.Subscript, ast.Starred, ast.NamedExpr)) for n in ast.walk(expr))


SAME_SIDES = (ast.Eq, ast.Is, ast.GtE, ast.LtE)
SAME_ARGS = {"assertEqual", "assertEquals", "assertIs", "assertGreaterEqual", "assertLessEqual", "assertCountEqual", "assertSequenceEqual", "assertListEqual", "assertDictEqual", "assertTupleEqual", "assertSetEqual", "assertAlmostEqual", "assert_frame_equal", "assert_series_equal", "assert_index_equal", "assert_array_equal", "assert_array_almost_equal", "assert_allclose", "assert_equal"}
TRUTH_ARGS = {"assertTrue", "assertIsNotNone", "assert_"}


def same(a, b):
    return ast.dump(a) == ast.dump(b)


def always_true(e):
    """An assertion that no code under test can make fail."""
    if not varies(e):
        return True
    if isinstance(e, (ast.Tuple, ast.List, ast.Set)):
        return len(e.elts) > 0
    if isinstance(e, ast.Dict):
        return len(e.keys) > 0
    if isinstance(e, ast.JoinedStr):
        return any(isinstance(v, ast.Constant) and v.value for v in e.values)
    if isinstance(e, ast.BoolOp):
        return any(map(always_true, e.values)) if isinstance(e.op, ast.Or) else all(map(always_true, e.values))
    if isinstance(e, ast.Compare) and len(e.ops) == 1:
        left, op, right = e.left, e.ops[0], e.comparators[0]
        if isinstance(op, SAME_SIDES) and same(left, right):
            return True
        if isinstance(op, ast.GtE) and isinstance(left, ast.Call) and call_name(left) == "len" and isinstance(right, ast.Constant) and right.value == 0:
            return True
    if isinstance(e, ast.Call) and call_name(e) == "isinstance" and len(e.args) == 2 and isinstance(e.args[1], ast.Name) and e.args[1].id == "object":
        return True
    return False


def checking_call(node, name):
    if name in SAME_ARGS and len(node.args) >= 2 and same(node.args[0], node.args[1]):
        return False
    if name in TRUTH_ARGS and node.args and always_true(node.args[0]):
        return False
    return True


def summary(fn):
    """(checks directly, names of functions it calls)"""
    direct = False
    called = set()
    for node in ast.walk(fn):
        if isinstance(node, ast.Assert) and not always_true(node.test):
            direct = True
        elif isinstance(node, ast.Call):
            name = call_name(node)
            if name and (name.startswith("assert") or name in CHECKING_CALLS):
                direct = direct or checking_call(node, name)
            elif name:
                called.add(name)
    return direct, called


def functions(tree):
    """Every function of the module: at the top level and in classes (methods)."""
    out = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out.setdefault(node.name, []).append(node)
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    out.setdefault(item.name, []).append(item)
    return out


def checking_names(funcs):
    info = {name: [summary(f) for f in fs] for name, fs in funcs.items()}
    checking = {name for name, s in info.items() if any(d for d, _ in s)}
    changed = True
    while changed:
        changed = False
        for name, s in info.items():
            if name not in checking and any(called & checking for _, called in s):
                checking.add(name)
                changed = True
    return checking


request = json.load(sys.stdin)
cache = {}
nothing = []
for i, test in enumerate(request["tests"]):
    path = os.path.join(request["root"], test["file"])
    if path not in cache:
        try:
            with open(path, "rb") as f:
                funcs = functions(ast.parse(f.read(), path))
            cache[path] = (funcs, checking_names(funcs))
        except (OSError, SyntaxError, ValueError):
            cache[path] = None
    if cache[path] is None:
        continue
    funcs, checking = cache[path]
    if test["name"] in funcs and test["name"] not in checking:
        nothing.append(i)
print(json.dumps(nothing))
