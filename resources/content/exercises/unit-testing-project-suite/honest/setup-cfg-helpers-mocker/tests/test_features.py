import pytest
from pytest_mock import MockerFixture

from churn import features


def expect_bucket(months: int, bucket: str) -> None:
    """A helper that asserts: the tests calling it check something through it."""
    assert features.tenure_bucket(months) == bucket, f"{months} months"


class TenureSpec:
    def test_new(self) -> None:
        expect_bucket(0, "new")
        expect_bucket(5, "new")

    def test_settled(self) -> None:
        expect_bucket(6, "settled")
        expect_bucket(23, "settled")

    def test_loyal(self) -> None:
        expect_bucket(24, "loyal")

    def test_negative(self) -> None:
        with pytest.raises(ValueError, match="negative"):
            features.tenure_bucket(-1)


@pytest.mark.parametrize(
    ("total", "months", "per_month"),
    [(120.0, 12, 10.0), (45.0, 0, 45.0), (45.0, 1, 45.0)],
    ids=["a-year", "first-month", "one-month"],
)
def test_spend_per_month(total: float, months: int, per_month: float) -> None:
    assert features.spend_per_month(total, months) == pytest.approx(per_month)


def test_customer_features_delegates_to_the_helpers(mocker: MockerFixture) -> None:
    bucket = mocker.patch.object(features, "tenure_bucket", return_value="stub-bucket")
    result = features.customer_features(
        {"tenure_months": "18", "total_spend": "36", "plan": " PREMIUM"}
    )
    bucket.assert_called_once_with(18)
    assert result == {"tenure_bucket": "stub-bucket", "spend_per_month": 2.0, "plan": "pro"}
