from datetime import date

import pytest

from demand.features import is_weekend, lagged


def test_saturday_is_a_weekend() -> None:
    assert is_weekend(date(2026, 12, 5))
    assert not is_weekend(date(2026, 12, 7))


def test_lag_of_one_day() -> None:
    assert lagged([3.0, 5.0, 8.0], 1) == [None, 3.0, 5.0]


def test_a_lag_longer_than_the_history() -> None:
    assert lagged([3.0], 7) == [None]


def test_a_lag_of_zero_is_an_error() -> None:
    with pytest.raises(ValueError):
        lagged([3.0], 0)
