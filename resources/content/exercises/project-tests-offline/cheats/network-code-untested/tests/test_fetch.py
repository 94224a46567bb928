# The network code is left alone: these only test the features again.
import pytest

from air_quality.features import daily_mean, hours_over


def test_mean_of_one_reading() -> None:
    assert daily_mean([{"hour": 0.0, "pm25": 12.0}]) == pytest.approx(12.0)


def test_no_hour_over() -> None:
    assert hours_over([{"hour": 0.0, "pm25": 12.0}]) == 0
