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
    if not path.name.startswith(PREFIX):
        return None
    digits = path.name.removeprefix(PREFIX)
    if not digits.isdigit():
        return None
    return int(digits)


def _runs(root: Path) -> list[tuple[int, Path]]:
    """(number, path) of every run under `root`, in number order."""
    numbered = []
    for entry in root.iterdir():
        number = run_number(entry)
        if number is not None:
            numbered.append((number, entry))
    numbered.sort(key=lambda pair: pair[0])
    return numbered


def next_run_dir(root: Path) -> Path:
    """Create and return the next run folder under `root`: run-001, run-002, ...

    `root` is created, with any missing parent folders, if it does not exist.
    Numbers continue after the highest existing run, so the number of a
    deleted run is never reused and no run is ever overwritten.
    """
    root.mkdir(exist_ok=True, parents=True)
    highest = 0
    for number, _ in _runs(root):
        highest = max(highest, number)
    run_dir = root.joinpath(PREFIX + str(highest + 1).zfill(3))
    run_dir.mkdir()
    return run_dir


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, sort_keys=True, indent=2))


def save_run(root: Path, params: dict[str, Any], metrics: dict[str, float]) -> Path:
    """Write params.json and metrics.json into a new run folder; return the folder."""
    folder = next_run_dir(root)
    _write_json(folder / "params.json", params)
    _write_json(folder / "metrics.json", metrics)
    return folder


def load_run(run_dir: Path) -> tuple[dict[str, Any], dict[str, float]]:
    """Read (params, metrics) back from a run folder."""
    params, metrics = (json.loads((run_dir / name).read_text()) for name in ("params.json", "metrics.json"))
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
    scored: list[tuple[float, Path]] = []
    for _, run_dir in _runs(root):
        metrics_file = run_dir / "metrics.json"
        if metrics_file.is_file():
            value = json.loads(metrics_file.read_text()).get(metric)
            if value is not None and not math.isnan(value):
                scored.append((value, run_dir))
    if not scored:
        return None
    # max and min return the first of equal values: a tie goes to the earlier run.
    pick = max if higher_is_better else min
    return pick(scored, key=lambda pair: pair[0])[1]
