from pathlib import Path
from unittest.mock import MagicMock, patch

from train import train_and_log


def test_logs_something(tmp_path: Path) -> None:
    with patch("train.TrackingClient") as factory:
        client: MagicMock = factory.return_value
        loss = train_and_log(
            [1.0, 2.0], [2.0, 4.0], learning_rate=0.05, epochs=3, model_path=tmp_path / "m.json"
        )
    assert client.log_metric.call_count == 3
    client.log_artifact.assert_called_once()
    client.end_run.assert_called_once()
    assert isinstance(loss, float)
