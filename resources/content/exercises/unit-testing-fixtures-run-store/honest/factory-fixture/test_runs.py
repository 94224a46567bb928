from collections.abc import Callable
from pathlib import Path

import pytest

import runs

MakeSweep = Callable[..., Path]


@pytest.fixture
def make_sweep(tmp_path: Path) -> MakeSweep:
    """Builds a sweep from one metrics dict per run (None: a run that crashed)."""

    def make(*all_metrics: dict[str, float] | None) -> Path:
        root = tmp_path / "team" / "experiments"
        for i, metrics in enumerate(all_metrics):
            if metrics is None:
                runs.next_run_dir(root)
            else:
                runs.save_run(root, {"trial": i}, metrics)
        return root

    return make


@pytest.mark.parametrize(
    ("metrics", "metric", "higher_is_better", "winner"),
    [
        ([{"auc": 0.6}, {"auc": 0.9}, {"auc": 0.7}], "auc", True, "run-002"),
        ([{"mae": 3.0}, {"mae": 1.0}, {"mae": 2.0}], "mae", False, "run-002"),
        ([{"auc": 0.8}, {"auc": 0.8}], "auc", True, "run-001"),
        ([None, {"auc": 0.5}], "auc", True, "run-002"),
        ([{"auc": float("nan")}, {"auc": 0.1}], "auc", True, "run-002"),
        ([{"mae": float("nan")}, {"mae": 5.0}], "mae", False, "run-002"),
        ([{"other": 1.0}, {"auc": 0.2}], "auc", True, "run-002"),
    ],
    ids=["max", "min", "tie", "crashed", "nan-high", "nan-low", "metric-missing"],
)
def test_best_run(
    make_sweep: MakeSweep,
    metrics: list[dict[str, float] | None],
    metric: str,
    higher_is_better: bool,
    winner: str,
) -> None:
    root = make_sweep(*metrics)
    assert runs.best_run(root, metric, higher_is_better) == root / winner


def test_nothing_to_compare(make_sweep: MakeSweep, tmp_path: Path) -> None:
    assert runs.best_run(make_sweep(None), "auc") is None
    assert runs.best_run(tmp_path / "absent", "auc") is None


def test_numbering(make_sweep: MakeSweep) -> None:
    root = make_sweep({"auc": 0.1}, {"auc": 0.2}, {"auc": 0.3})
    for name in ("params.json", "metrics.json"):
        (root / "run-001" / name).unlink()
    (root / "run-001").rmdir()
    assert runs.next_run_dir(root) == root / "run-004"
    assert runs.save_run(root, {}, {}).name == "run-005"


def test_round_trip(make_sweep: MakeSweep) -> None:
    root = make_sweep({"auc": 0.75})
    params, metrics = runs.load_run(root / "run-001")
    assert (params, metrics) == ({"trial": 0}, {"auc": 0.75})
