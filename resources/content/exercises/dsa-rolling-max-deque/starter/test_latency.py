import pytest

from latency import rolling_max


def test_rolling_max_of_a_short_log() -> None:
    latencies = [120.0, 80.0, 95.0, 300.0, 40.0, 42.0, 41.0, 250.0]
    assert rolling_max(latencies, 3) == [120.0, 120.0, 120.0, 300.0, 300.0, 300.0, 42.0, 250.0]


def test_window_of_one_is_the_values_themselves() -> None:
    assert rolling_max([3.0, 1.0, 2.0], 1) == [3.0, 1.0, 2.0]


def test_bad_window() -> None:
    with pytest.raises(ValueError):
        rolling_max([1.0, 2.0], 0)
