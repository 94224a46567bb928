import json
from collections.abc import Iterator
from pathlib import Path
from unittest.mock import MagicMock, call, patch

import pytest

from tracking import TrackingError
from train import TRACKING_URI, train_and_log

XS = [1.0, 2.0, 3.0, 4.0]
YS = [3.0, 5.0, 7.0, 9.0]


@pytest.fixture
def client_class() -> Iterator[MagicMock]:
    # Patch the name where train.py looks it up. autospec=True: the fake client has
    # TrackingClient's methods with their real signatures.
    with patch("train.TrackingClient", autospec=True) as fake_class:
        fake_class.return_value.start_run.return_value = "run-123"
        yield fake_class


def train(tmp_path: Path, epochs: int = 3) -> float:
    return train_and_log(
        XS, YS, learning_rate=0.01, epochs=epochs, model_path=tmp_path / "model.json"
    )


def test_one_client_and_one_run(client_class: MagicMock, tmp_path: Path) -> None:
    train(tmp_path)
    client_class.assert_called_once_with(TRACKING_URI, "demand-forecast")
    client_class.return_value.start_run.assert_called_once_with("lr=0.01")


def test_params_logged_once_with_the_run_id(
    client_class: MagicMock, tmp_path: Path
) -> None:
    train(tmp_path, epochs=4)
    client_class.return_value.log_params.assert_called_once_with(
        "run-123", {"learning_rate": 0.01, "epochs": 4}
    )


def test_one_mse_per_epoch_numbered_from_one(
    client_class: MagicMock, tmp_path: Path
) -> None:
    loss = train(tmp_path, epochs=3)
    calls = client_class.return_value.log_metric.call_args_list
    assert [c.args[:2] for c in calls] == [("run-123", "mse")] * 3
    assert [c.kwargs["step"] for c in calls] == [1, 2, 3]
    losses = [c.args[2] for c in calls]
    assert losses[0] > losses[1] > losses[2]
    assert loss == losses[-1]


def test_model_saved_then_uploaded_then_run_finished(
    client_class: MagicMock, tmp_path: Path
) -> None:
    train(tmp_path)
    client = client_class.return_value
    path = tmp_path / "model.json"
    assert set(json.loads(path.read_text())) == {"weight", "bias"}
    assert client.mock_calls[-2:] == [
        call.log_artifact("run-123", str(path)),
        call.end_run("run-123", status="FINISHED"),
    ]


def test_a_failed_upload_marks_the_run_failed_and_raises(
    client_class: MagicMock, tmp_path: Path
) -> None:
    client = client_class.return_value
    client.log_artifact.side_effect = TrackingError("artifact store is down")
    with pytest.raises(TrackingError, match="artifact store is down"):
        train(tmp_path)
    client.end_run.assert_called_once_with("run-123", status="FAILED")


def test_the_file_is_written_before_it_is_uploaded(
    client_class: MagicMock, tmp_path: Path
) -> None:
    uploaded: list[dict[str, float]] = []

    def read_at_upload(run_id: str, local_path: str) -> None:
        uploaded.append(json.loads(Path(local_path).read_text()))

    client_class.return_value.log_artifact.side_effect = read_at_upload
    train(tmp_path)
    assert len(uploaded) == 1
    assert set(uploaded[0]) == {"weight", "bias"}
