"""One test per Ruff finding in the starter: each finding was a real bug."""

import math

import pytest

from serving import calibrate, make_alerts, pad_batch, score_batches


def test_f841_calibrated_probabilities_are_clipped() -> None:
    assert calibrate(20.0) == 0.999
    assert calibrate(-20.0) == 0.001


def test_b006_each_call_gets_a_new_batch() -> None:
    first = pad_batch([[1.0]], width=2)
    second = pad_batch([[2.0]], width=2)
    assert first == [[1.0, 0.0]]
    assert second == [[2.0, 0.0]]


def test_b006_a_batch_passed_in_is_extended() -> None:
    batch = [[9.0, 9.0]]
    assert pad_batch([[1.0]], width=2, batch=batch) is batch
    assert batch == [[9.0, 9.0], [1.0, 0.0]]


def test_b023_each_alert_watches_its_own_metric() -> None:
    latency, errors = make_alerts({"latency_ms": 250.0, "error_rate": 0.01})
    metrics = {"latency_ms": 300.0, "error_rate": 0.0}
    assert latency(metrics) == "latency_ms is 300, above 250"
    assert errors(metrics) is None
    message = errors({"latency_ms": 0.0, "error_rate": 0.05})
    assert message == "error_rate is 0.05, above 0.01"


def test_e722_a_rejected_batch_scores_nan_for_each_row() -> None:
    def predict(batch: list[list[float]]) -> list[float]:
        if any(math.isnan(row[0]) for row in batch):
            raise ValueError("NaN in the features")
        return [0.5 for _ in batch]

    scores = score_batches(predict, [[[1.0]], [[math.nan], [2.0]], [[3.0]]])
    assert len(scores) == 4
    assert scores[0] == 0.5
    assert math.isnan(scores[1])
    assert math.isnan(scores[2])
    assert scores[3] == 0.5


def test_e722_other_errors_reach_the_caller() -> None:
    def predict(batch: list[list[float]]) -> list[float]:
        raise ConnectionError("model server unreachable")

    with pytest.raises(ConnectionError):
        score_batches(predict, [[[1.0]]])
