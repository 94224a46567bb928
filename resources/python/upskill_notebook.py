"""Notebooks as modules in the worker: `import analysis` runs analysis.ipynb's code cells.

Installed by the worker's bootstrap (upskill_worker.py), after the audit hook and before any
learner code runs. A hidden test reaches a notebook's functions the way it reaches a
module's, as testbook does: `from analysis import clean`, for analysis.ipynb in the exercise
folder with no analysis.py (nor analysis/ folder) beside it. The judge still makes every
comparison; the cells run only here, in the worker, behind the audit hook.

The code cells run in order, in one module namespace, as a kernel runs them top to bottom,
read as the Ruff and mypy checks read them (src/core/notebookCells.ts): IPython lines
(`%magic`, `!shell`, `name?`) become comments, the body of a `%%time`, `%%timeit`,
`%%capture` or `%%prun` cell runs as Python, any other `%%` cell is a comment. Each cell is
compiled under the name "/path/analysis.ipynb, cell 3" (numbered from 1 among all cells, as
the notebook editor numbers them), so a traceback names the cell and its line, and the audit
hook (upskill_guard.py) lets it compile only if its text is that cell's text as it was when
the worker started: a notebook written or changed by the learner's code at run time never
runs, as for .py files.
"""

import json
import re
import sys

_MAGIC_LINE = re.compile(r"^\s*([%!]|\w[\w.]*\?\??\s*$)")
_PY_CELL_MAGIC = re.compile(r"^\s*%%(time|timeit|capture|prun)\b")


class NotebookLoadError(ImportError):
    """A notebook that is no notebook, or one of whose cells failed while it was imported."""


def python_lines(source):
    """A cell's lines as Python: IPython lines become comments of the same indentation, so
    line numbers stay the cell's (notebookCells.ts pythonLines)."""
    text = source.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    lines = text.split("\n")
    if _PY_CELL_MAGIC.match(lines[0]):
        return ["# " + lines[0]] + python_lines("\n".join(lines[1:]))
    if lines[0].lstrip().startswith("%%"):
        return ["# " + line for line in lines]
    return [re.sub(r"^(\s*)", r"\1# ", line, count=1) if _MAGIC_LINE.match(line) else line for line in lines]


def code_cells(data, label):
    """[(cell number from 1, Python source)] of a notebook file's bytes, blank cells left out."""
    try:
        nb = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise NotebookLoadError("%s is not a notebook: its JSON does not parse (%s)" % (label, e)) from None
    cells = nb.get("cells") if isinstance(nb, dict) else None
    if not isinstance(cells, list):
        raise NotebookLoadError('%s is not a notebook: it has no "cells" list' % label)
    out = []
    for index, cell in enumerate(cells):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        src = cell.get("source", "")
        src = "".join(str(s) for s in src) if isinstance(src, list) else src if isinstance(src, str) else ""
        if not src.strip():
            continue
        out.append((index + 1, "\n".join(python_lines(src)) + "\n"))
    return out


def cell_filename(path, number):
    """The name a cell's code is compiled under: what tracebacks and the audit hook see."""
    return "%s, cell %d" % (path, number)


def install(copy):
    """Appends the finder to sys.meta_path: after the path finder, so a module or package of
    the same name wins, as it would for Python."""
    import importlib.abc
    import importlib.machinery
    import linecache
    import os

    copy = os.path.realpath(copy)

    def notebook_of(name):
        if "." in name or not name.isidentifier():
            return None
        path = os.path.join(copy, name + ".ipynb")
        return path if os.path.isfile(path) else None

    class NotebookLoader(importlib.abc.Loader):
        def __init__(self, path):
            self.path = path

        def create_module(self, spec):
            return None

        def exec_module(self, module):
            label = os.path.relpath(self.path, copy)
            with open(self.path, "rb") as f:
                data = f.read()
            module.__file__ = self.path
            for number, source in code_cells(data, label):
                filename = cell_filename(self.path, number)
                linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
                try:
                    code = compile(source, filename, "exec", dont_inherit=True)
                except SyntaxError as e:
                    raise NotebookLoadError("%s: cell %d, line %s does not parse: %s" % (label, number, e.lineno, e.msg)) from None
                try:
                    exec(code, module.__dict__)
                except BaseException as e:
                    line = None
                    tb = e.__traceback__
                    while tb is not None:
                        if tb.tb_frame.f_code.co_filename == filename:
                            line = tb.tb_lineno
                        tb = tb.tb_next
                    where = "cell %d, line %s" % (number, line) if line is not None else "cell %d" % number
                    raise NotebookLoadError("%s: %s raised %s: %s" % (label, where, type(e).__name__, e)) from None

    class NotebookFinder(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            nb = notebook_of(name) if path is None else None
            if nb is None:
                return None
            return importlib.machinery.ModuleSpec(name, NotebookLoader(nb), origin=nb)

    sys.meta_path.append(NotebookFinder())
