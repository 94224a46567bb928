import pytest

from churn.features import customer_features, normalise_plan, spend_per_month, tenure_bucket


@pytest.mark.parametrize("months", [0, 5, 6, 23, 24, 120])
def test_tenure_bucket_runs(months: int) -> None:
    tenure_bucket(months)


def test_spend_per_month_runs() -> None:
    result = spend_per_month(600.0, 12)
    print(result)


def test_normalise_plan_runs() -> None:
    normalise_plan(" Pro ")
    assert True


def test_customer_features_runs(customer: dict[str, str]) -> None:
    customer_features(customer)
    assert 1 == 1


def test_nothing_broke() -> None:
    assert "it works"
