import pytest

from air_quality.features import daily_mean, hours_over

DAY = [{"hour": 0.0, "pm25": 10.0}, {"hour": 1.0, "pm25": 30.0}, {"hour": 2.0, "pm25": 26.0}]


def test_daily_mean() -> None:
    assert daily_mean(DAY) == pytest.approx(22.0)


def test_daily_mean_of_no_readings_is_an_error() -> None:
    with pytest.raises(ValueError):
        daily_mean([])


def test_hours_over_the_guideline() -> None:
    assert hours_over(DAY) == 2
    assert hours_over(DAY, limit=30.0) == 0
