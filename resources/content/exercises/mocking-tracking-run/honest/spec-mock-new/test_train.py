import json
from pathlib import Path
from unittest import mock

import pytest

from tracking import TrackingClient, TrackingError
from train import TRACKING_URI, train_and_log

EPOCHS = 4


def make_client() -> tuple[mock.Mock, mock.Mock]:
    client = mock.Mock(spec=TrackingClient)
    client.start_run.return_value = "7f3a"
    factory = mock.Mock(return_value=client)
    return factory, client


def fit(path: Path) -> float:
    return train_and_log(
        [2.0, 4.0, 6.0, 8.0],
        [1.0, 2.0, 3.0, 4.0],
        learning_rate=0.005,
        epochs=EPOCHS,
        model_path=path,
    )


def test_happy_path_call_by_call(tmp_path: Path) -> None:
    factory, client = make_client()
    path = tmp_path / "m.json"
    with mock.patch("train.TrackingClient", new=factory):
        loss = fit(path)
    factory.assert_called_once_with(TRACKING_URI, "demand-forecast")
    logged = [c.args[2] for c in client.log_metric.call_args_list]
    expected = [mock.call.start_run("lr=0.005")]
    expected.append(
        mock.call.log_params("7f3a", {"learning_rate": 0.005, "epochs": EPOCHS})
    )
    expected += [
        mock.call.log_metric("7f3a", "mse", value, step=i + 1)
        for i, value in enumerate(logged)
    ]
    expected += [
        mock.call.log_artifact("7f3a", str(path)),
        mock.call.end_run("7f3a", status="FINISHED"),
    ]
    assert client.mock_calls == expected
    assert len(logged) == EPOCHS
    assert loss == pytest.approx(logged[-1])
    assert logged == sorted(logged, reverse=True)


def test_the_uploaded_file_exists_when_uploaded(tmp_path: Path) -> None:
    factory, client = make_client()
    seen = {}

    def upload(run_id: str, local_path: str) -> None:
        seen.update(json.loads(Path(local_path).read_text()))

    client.log_artifact.side_effect = upload
    with mock.patch("train.TrackingClient", new=factory):
        fit(tmp_path / "m.json")
    assert sorted(seen) == ["bias", "weight"]


def test_failed_upload(tmp_path: Path) -> None:
    factory, client = make_client()
    client.log_artifact.side_effect = [TrackingError("timeout")]
    with mock.patch("train.TrackingClient", new=factory), pytest.raises(TrackingError):
        fit(tmp_path / "m.json")
    client.end_run.assert_called_once_with("7f3a", status="FAILED")
