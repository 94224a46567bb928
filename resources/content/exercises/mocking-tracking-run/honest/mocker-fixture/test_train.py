import json
from pathlib import Path
from unittest.mock import call

import pytest
from pytest_mock import MockerFixture

import train
from tracking import TrackingError


@pytest.fixture
def client(mocker: MockerFixture):
    factory = mocker.patch("train.TrackingClient", autospec=True)
    instance = factory.return_value
    instance.start_run.return_value = "abc"
    return instance


def run(folder: Path, epochs: int = 5, learning_rate: float = 0.02) -> float:
    return train.train_and_log(
        [0.0, 1.0, 2.0],
        [1.0, 3.0, 5.0],
        learning_rate=learning_rate,
        epochs=epochs,
        model_path=folder / "weights.json",
        experiment="pricing",
    )


def test_the_client_is_built_for_the_experiment(mocker: MockerFixture, tmp_path):
    factory = mocker.patch.object(train, "TrackingClient", autospec=True)
    run(tmp_path, learning_rate=0.5)
    factory.assert_called_once_with(train.TRACKING_URI, "pricing")
    factory.return_value.start_run.assert_called_once_with("lr=0.5")


def test_params_metrics_and_steps(client, tmp_path):
    final = run(tmp_path, epochs=5)
    client.log_params.assert_called_once_with(
        "abc", {"learning_rate": 0.02, "epochs": 5}
    )
    assert client.log_metric.call_count == 5
    for number, logged in enumerate(client.log_metric.call_args_list, start=1):
        run_id, key, value = logged.args
        assert (run_id, key) == ("abc", "mse")
        assert logged.kwargs == {"step": number}
    assert final == client.log_metric.call_args_list[-1].args[2]


def test_params_come_before_the_first_metric(client, tmp_path):
    run(tmp_path, epochs=2)
    names = [name for name, _, _ in client.mock_calls]
    assert names.index("log_params") < names.index("log_metric")
    assert names.count("log_params") == 1


def test_upload_sees_the_saved_model(client, tmp_path):
    contents = []
    client.log_artifact.side_effect = lambda run_id, path: contents.append(
        Path(path).read_text()
    )
    run(tmp_path)
    assert "weight" in json.loads(contents[0])
    client.log_artifact.assert_called_once_with("abc", str(tmp_path / "weights.json"))
    client.end_run.assert_called_once_with("abc", status="FINISHED")


def test_upload_failure(client, tmp_path):
    client.log_artifact.side_effect = TrackingError("503")
    with pytest.raises(TrackingError):
        run(tmp_path)
    assert client.end_run.call_args_list == [call("abc", status="FAILED")]
