from pathlib import Path

from tracking import TrackingClient
from train import train_and_log


def test_run_is_recorded(tmp_path: Path) -> None:
    train_and_log([1.0, 2.0], [2.0, 4.0], learning_rate=0.05, epochs=3, model_path=tmp_path / "m.json")
    run = TrackingClient.runs["lr=0.05"]
    assert [step for _, _, step in run["metrics"]] == [1, 2, 3]
    assert run["params"] == {"learning_rate": 0.05, "epochs": 3}
    assert run["status"] == "FINISHED"
