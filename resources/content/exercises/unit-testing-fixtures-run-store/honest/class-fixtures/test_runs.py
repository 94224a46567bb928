import json
import math
from pathlib import Path

import pytest

from runs import best_run, load_run, next_run_dir, save_run


class TestRunFolders:
    @pytest.fixture
    def store(self, tmp_path: Path) -> Path:
        return tmp_path / "missing" / "parents" / "runs"

    def test_first_run_creates_the_root_and_parents(self, store: Path) -> None:
        run = next_run_dir(store)
        assert run == store / "run-001"
        assert run.is_dir()

    def test_numbers_continue_after_the_highest(self, store: Path) -> None:
        for _ in range(3):
            next_run_dir(store)
        (store / "run-001").rmdir()
        (store / "run-002").rmdir()
        assert next_run_dir(store).name == "run-004"

    def test_save_and_load_give_params_then_metrics(self, store: Path) -> None:
        run = save_run(store, {"depth": 6, "optimiser": "adam"}, {"rmse": 1.25})
        params, metrics = load_run(run)
        assert params == {"depth": 6, "optimiser": "adam"}
        assert metrics == {"rmse": 1.25}
        assert json.loads((run / "params.json").read_text())["depth"] == 6


class TestBestRun:
    @pytest.fixture
    def sweep(self, tmp_path: Path) -> Path:
        root = tmp_path / "sweep"
        save_run(root, {"lr": 1.0}, {"loss": math.nan, "acc": math.nan})
        save_run(root, {"lr": 0.5}, {"loss": 0.9, "acc": 0.60})
        next_run_dir(root)  # crashed before metrics.json
        save_run(root, {"lr": 0.1}, {"loss": 0.4, "acc": 0.75})
        save_run(root, {"lr": 0.05}, {"loss": 0.4, "acc": 0.75})
        save_run(root, {"lr": 0.01}, {"acc": 0.70})
        return root

    def test_highest_wins_and_ties_go_to_the_earlier(self, sweep: Path) -> None:
        assert best_run(sweep, "acc") == sweep / "run-004"

    def test_lowest_wins_when_lower_is_better(self, sweep: Path) -> None:
        assert best_run(sweep, "loss", higher_is_better=False) == sweep / "run-004"

    def test_nan_first_run_does_not_win(self, sweep: Path) -> None:
        assert best_run(sweep, "loss", higher_is_better=False) != sweep / "run-001"
        assert best_run(sweep, "acc") != sweep / "run-001"

    def test_unknown_metric_or_no_root(self, sweep: Path, tmp_path: Path) -> None:
        assert best_run(sweep, "f1") is None
        assert best_run(tmp_path / "nowhere", "acc") is None
