from pathlib import Path

from runs import save_run


def test_save_run_creates_a_folder() -> None:
    run_dir = save_run(Path("experiments"), {"learning_rate": 0.1}, {"auc": 0.81})
    assert run_dir.exists()


# This test writes into your exercise folder, leaves "experiments/" behind, and gives a
# different folder every time it runs (run-001, then run-002, ...). Replace it: build
# the runs in pytest's tmp_path, through a fixture of your own (see README.md).
