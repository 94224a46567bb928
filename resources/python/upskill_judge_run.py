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

import pytest  # noqa: E402

sys.exit(pytest.main(sys.argv[2:], plugins=[upskill_judge]))
