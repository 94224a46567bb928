import pytest

from usage import kwh_per_day


def test_readings_of_one_day_are_summed():
    daily = kwh_per_day([("2026-11-02T07:30", 0.5), ("2026-11-02T19:00", 1.25), ("2026-11-03T08:00", 2.0)])
    assert daily == {"2026-11-02": pytest.approx(1.75), "2026-11-03": pytest.approx(2.0)}


def test_no_readings_no_days():
    assert kwh_per_day([]) == {}


def test_a_negative_reading_is_refused():
    with pytest.raises(ValueError, match="negative"):
        kwh_per_day([("2026-11-02T07:30", -0.1)])
