import json
import math
import shutil
from pathlib import Path

import pytest

from runs import best_run, load_run, next_run_dir, save_run


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A folder for runs that does not exist yet, with a missing parent too."""
    return tmp_path / "experiments" / "churn"


@pytest.fixture
def sweep(root: Path) -> Path:
    """Four finished runs and one that crashed before writing its metrics."""
    save_run(root, {"learning_rate": 0.3}, {"auc": 0.71, "log_loss": 0.52})
    save_run(root, {"learning_rate": 0.1}, {"auc": 0.84, "log_loss": 0.41})
    save_run(root, {"learning_rate": 0.03}, {"auc": 0.84, "log_loss": 0.39})
    next_run_dir(root)  # crashed: params never written, no metrics.json
    save_run(root, {"learning_rate": 0.01}, {"auc": 0.62})  # no log_loss
    return root


def test_runs_are_numbered_from_one_and_root_is_created(root: Path) -> None:
    assert save_run(root, {}, {}).name == "run-001"
    assert save_run(root, {}, {}).name == "run-002"


def test_a_deleted_run_number_is_never_reused(sweep: Path) -> None:
    shutil.rmtree(sweep / "run-002")
    assert next_run_dir(sweep).name == "run-006"


def test_load_run_round_trips(root: Path) -> None:
    run_dir = save_run(root, {"learning_rate": 0.1, "depth": 4}, {"auc": 0.8})
    params, metrics = load_run(run_dir)
    assert params == {"learning_rate": 0.1, "depth": 4}
    assert metrics == {"auc": 0.8}


def test_metrics_are_stored_as_json(root: Path) -> None:
    run_dir = save_run(root, {"seed": 1}, {"auc": 0.5})
    assert json.loads((run_dir / "metrics.json").read_text()) == {"auc": 0.5}


def test_best_run_higher_is_better_and_ties_go_to_the_earlier_run(sweep: Path) -> None:
    assert best_run(sweep, "auc") == sweep / "run-002"


def test_best_run_lower_is_better(sweep: Path) -> None:
    assert best_run(sweep, "log_loss", higher_is_better=False) == sweep / "run-003"


def test_best_run_skips_a_diverged_run(root: Path) -> None:
    save_run(root, {"learning_rate": 10.0}, {"auc": math.nan})
    save_run(root, {"learning_rate": 0.1}, {"auc": 0.7})
    assert best_run(root, "auc") == root / "run-002"


@pytest.mark.parametrize("metric", ["recall", "auc"])
def test_best_run_is_none_without_runs(root: Path, metric: str) -> None:
    assert best_run(root, metric) is None
    root.mkdir(parents=True)
    next_run_dir(root)
    assert best_run(root, metric) is None
