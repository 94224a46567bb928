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


def run_number(path: Path) -> int | None:
    """The number of a run folder ("run-007" gives 7), or None for any other name."""
    suffix = path.name[len(PREFIX) :]
    return int(suffix) if path.name.startswith(PREFIX) and suffix.isdigit() else None


def next_run_dir(root: Path) -> Path:
    """Create and return the next run folder under `root`: run-001, run-002, ...

    `root` is created, with any missing parent folders, if it does not exist.
    Numbers continue after the highest existing run, so the number of a
    deleted run is never reused and no run is ever overwritten.
    """
    root.mkdir(parents=True, exist_ok=True)
    numbers = [n for p in root.iterdir() if (n := run_number(p)) is not None]
    run_dir = root / f"{PREFIX}{max(numbers, default=0) + 1:03d}"
    run_dir.mkdir()
    return run_dir


def save_run(root: Path, params: dict[str, Any], metrics: dict[str, float]) -> Path:
    """Write params.json and metrics.json into a new run folder; return the folder."""
    run_dir = next_run_dir(root)
    (run_dir / "params.json").write_text(json.dumps(params, indent=2, sort_keys=True))
    (run_dir / "metrics.json").write_text(json.dumps(metrics, indent=2, sort_keys=True))
    return run_dir


def load_run(run_dir: Path) -> tuple[dict[str, Any], dict[str, float]]:
    """Read (params, metrics) back from a run folder."""
    params = json.loads((run_dir / "params.json").read_text())
    metrics = json.loads((run_dir / "metrics.json").read_text())
    return params, metrics


def best_run(root: Path, metric: str, higher_is_better: bool = True) -> Path | None:
    """The run folder with the best value of `metric`, or None if no run has one.

    Runs are compared in number order. A run without a metrics.json (it crashed
    before the end), a run without `metric`, and a NaN value (the training
    diverged) are all skipped. A tie goes to the earlier run. A missing or
    empty `root` gives None.
    """
    if not root.is_dir():
        return None
    best: Path | None = None
    best_value = 0.0
    runs = sorted((p for p in root.iterdir() if run_number(p) is not None), key=run_number)
    for run_dir in runs:
        path = run_dir / "metrics.json"
        if not path.is_file():
            continue
        value = json.loads(path.read_text()).get(metric)
        if value is None:
            continue
        better = value > best_value if higher_is_better else value < best_value
        if best is None or better:
            best, best_value = run_dir, value
    return best
