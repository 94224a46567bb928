import pytest

from churn_model.features import activity_ratio


def test_ratio_of_two_months() -> None:
    assert activity_ratio(5, 10) == pytest.approx(0.5)


def test_no_activity_in_either_month_is_neutral() -> None:
    assert activity_ratio(0, 0) == 1.0
