from pathlib import Path

import pytest

from runs import save_run


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path


def test_save_run_creates_a_folder(root: Path) -> None:
    run_dir = save_run(root, {"learning_rate": 0.1}, {"auc": 0.81})
    assert run_dir.exists()
