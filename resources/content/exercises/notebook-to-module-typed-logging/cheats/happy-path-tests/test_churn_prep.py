"""Cheat: tests that only try rows nobody would drop."""

from churn_prep import Customer, churn_rate_by_bucket, clean_customers, tenure_bucket


def test_a_valid_row_becomes_a_customer() -> None:
    rows = [{"customer_id": "C1", "tenure_months": "12", "monthly_charges": "70.5", "churned": "No"}]
    assert clean_customers(rows) == [Customer("C1", 12, 70.5, False)]


def test_buckets() -> None:
    assert tenure_bucket(2) == "new"
    assert tenure_bucket(12) == "regular"
    assert tenure_bucket(60) == "loyal"


def test_rates() -> None:
    assert churn_rate_by_bucket([Customer("a", 2, 20.0, True)]) == {"new": 1.0}
