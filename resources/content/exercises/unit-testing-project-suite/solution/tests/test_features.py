import pytest

from churn.features import customer_features, normalise_plan, spend_per_month, tenure_bucket


@pytest.mark.parametrize(
    ("months", "bucket"),
    [(0, "new"), (5, "new"), (6, "settled"), (23, "settled"), (24, "loyal"), (120, "loyal")],
)
def test_tenure_bucket_edges(months: int, bucket: str) -> None:
    assert tenure_bucket(months) == bucket


def test_negative_tenure_is_an_error() -> None:
    with pytest.raises(ValueError):
        tenure_bucket(-1)


def test_spend_per_month() -> None:
    assert spend_per_month(600.0, 12) == pytest.approx(50.0)


def test_first_month_customer_spend_is_not_divided_by_zero() -> None:
    assert spend_per_month(30.0, 0) == 30.0


@pytest.mark.parametrize(("raw", "plan"), [(" Pro ", "pro"), ("BASIC", "free"), ("team", "team")])
def test_normalise_plan(raw: str, plan: str) -> None:
    assert normalise_plan(raw) == plan


def test_customer_features(customer: dict[str, str]) -> None:
    assert customer_features(customer) == {
        "tenure_bucket": "settled",
        "spend_per_month": pytest.approx(30.0),
        "plan": "pro",
    }
