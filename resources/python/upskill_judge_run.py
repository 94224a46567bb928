"""Starts the judge: `python -I upskill_judge_run.py CONFIG_JSON_FILE PYTEST_ARGS...`.

Isolated mode (-I): no PYTHON* variables, no user site-packages, and neither the current
folder nor the exercise copy on sys.path, so nothing of the learner's is importable here
except through upskill_judge's proxies.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True

import upskill_judge  # noqa: E402

with open(sys.argv[1], encoding="utf-8") as f:
    upskill_judge.configure(json.load(f))


def _no_learner_code_here(copy):
    """A second line behind the proxies: this process compiles no source from the exercise
    copy, whatever a test does (importlib tricks, runpy, exec of a file's text)."""
    real = os.path.realpath
    root = real(copy) + os.sep

    def hook(event, args):
        if event == "compile" and len(args) > 1 and isinstance(args[1], (str, bytes)):
            name = os.fsdecode(args[1])
            if name.startswith(os.sep) and real(name).startswith(root):
                raise RuntimeError("Upskill's judge runs no code from the exercise folder (%s); the tests reach it through the worker" % name)

    sys.addaudithook(hook)


_no_learner_code_here(upskill_judge.CONFIG["copy"])
upskill_judge.prestart_worker()

import pytest  # noqa: E402

sys.exit(pytest.main(sys.argv[2:], plugins=[upskill_judge]))
