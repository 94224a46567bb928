import pytest

from serving import calibrate, make_alerts, pad_batch, score_batches


def test_calibrate_maps_a_zero_logit_to_one_half() -> None:
    assert calibrate(0.0) == pytest.approx(0.5)
    assert calibrate(1.0) > calibrate(-1.0)


def test_pad_batch_pads_short_rows_with_zeros() -> None:
    batch = pad_batch([[1.0], [2.0, 3.0]], width=3)
    assert batch == [[1.0, 0.0, 0.0], [2.0, 3.0, 0.0]]


def test_pad_batch_rejects_a_row_that_is_too_long() -> None:
    with pytest.raises(ValueError):
        pad_batch([[1.0, 2.0, 3.0, 4.0]], width=3)


def test_one_alert_fires_above_its_threshold() -> None:
    [latency] = make_alerts({"latency_ms": 250.0})
    assert latency({"latency_ms": 300.0}) == "latency_ms is 300, above 250"
    assert latency({"latency_ms": 120.0}) is None


def test_score_batches_keeps_the_row_order() -> None:
    def predict(batch: list[list[float]]) -> list[float]:
        return [row[0] / 10 for row in batch]

    scores = score_batches(predict, [[[1.0], [2.0]], [[3.0]]])
    assert scores == pytest.approx([0.1, 0.2, 0.3])
