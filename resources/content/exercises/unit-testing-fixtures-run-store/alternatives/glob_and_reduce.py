"""Save and compare experiment runs on disk: one folder per run, JSON inside.

    experiments/churn/
        run-001/params.json
        run-001/metrics.json
        run-002/...
"""

import json
import math
from pathlib import Path
from typing import Any

PREFIX = "run-"
PARAMS, METRICS = "params.json", "metrics.json"


def run_number(path: Path) -> int | None:
    """The number of a run folder ("run-007" gives 7), or None for any other name."""
    head, sep, tail = path.name.partition(PREFIX)
    return int(tail) if sep and not head and tail.isdigit() else None


def next_run_dir(root: Path) -> Path:
    """Create and return the next run folder under `root`: run-001, run-002, ...

    `root` is created, with any missing parent folders, if it does not exist.
    Numbers continue after the highest existing run, so the number of a
    deleted run is never reused and no run is ever overwritten.
    """
    root.mkdir(parents=True, exist_ok=True)
    taken = {run_number(p) for p in root.glob(PREFIX + "*")} - {None}
    number = 1 + max((n for n in taken if n is not None), default=0)
    run_dir = root / "{}{:03d}".format(PREFIX, number)
    run_dir.mkdir()
    return run_dir


def save_run(root: Path, params: dict[str, Any], metrics: dict[str, float]) -> Path:
    """Write params.json and metrics.json into a new run folder; return the folder."""
    run_dir = next_run_dir(root)
    for name, data in ((PARAMS, params), (METRICS, metrics)):
        with open(run_dir / name, "w") as handle:
            handle.write(json.dumps(data, indent=2, sort_keys=True))
    return run_dir


def load_run(run_dir: Path) -> tuple[dict[str, Any], dict[str, float]]:
    """Read (params, metrics) back from a run folder."""
    with open(run_dir / PARAMS) as handle:
        params = json.load(handle)
    with open(run_dir / METRICS) as handle:
        metrics = json.load(handle)
    return params, metrics


def _value(run_dir: Path, metric: str) -> float | None:
    """The run's value of `metric`, or None when it has none worth comparing."""
    path = run_dir / METRICS
    if not path.is_file():
        return None
    value = json.loads(path.read_text()).get(metric)
    return None if value is None or math.isnan(value) else value


def best_run(root: Path, metric: str, higher_is_better: bool = True) -> Path | None:
    """The run folder with the best value of `metric`, or None if no run has one.

    Runs are compared in number order. A run without a metrics.json (it crashed
    before the end), a run without `metric`, and a NaN value (the training
    diverged) are all skipped. A tie goes to the earlier run. A missing or
    empty `root` gives None.
    """
    if not root.is_dir():
        return None
    sign = 1 if higher_is_better else -1
    winner: tuple[float, Path] | None = None
    numbered = [(n, p) for p in root.iterdir() if (n := run_number(p)) is not None]
    for _, run_dir in sorted(numbered, key=lambda pair: pair[0]):
        value = _value(run_dir, metric)
        if value is not None and (winner is None or sign * value > sign * winner[0]):
            winner = (value, run_dir)
    return None if winner is None else winner[1]
