import math
import shutil
from pathlib import Path

from runs import best_run, load_run, next_run_dir, save_run


def make_sweep(root: Path) -> Path:
    save_run(root, {"learning_rate": 0.3}, {"auc": 0.71, "log_loss": 0.52})
    save_run(root, {"learning_rate": 0.1}, {"auc": 0.84, "log_loss": 0.41})
    save_run(root, {"learning_rate": 0.03}, {"auc": 0.84, "log_loss": 0.39})
    next_run_dir(root)
    save_run(root, {"learning_rate": 0.01}, {"auc": 0.62})
    return root


def test_numbering(tmp_path: Path) -> None:
    root = tmp_path / "experiments" / "churn"
    assert save_run(root, {}, {}).name == "run-001"
    sweep = make_sweep(root)
    shutil.rmtree(sweep / "run-002")
    assert next_run_dir(sweep).name == "run-007"


def test_round_trip(tmp_path: Path) -> None:
    run_dir = save_run(tmp_path / "r", {"depth": 4}, {"auc": 0.8})
    assert load_run(run_dir) == ({"depth": 4}, {"auc": 0.8})


def test_best(tmp_path: Path) -> None:
    sweep = make_sweep(tmp_path / "experiments" / "churn")
    assert best_run(sweep, "auc") == sweep / "run-002"
    assert best_run(sweep, "log_loss", higher_is_better=False) == sweep / "run-003"


def test_nan(tmp_path: Path) -> None:
    save_run(tmp_path, {}, {"auc": math.nan})
    save_run(tmp_path, {}, {"auc": 0.7})
    assert best_run(tmp_path, "auc") == tmp_path / "run-002"
