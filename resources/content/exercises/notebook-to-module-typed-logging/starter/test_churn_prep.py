"""Your tests for churn_prep.py: one small test per rule in its docstrings.

Run them with: python -m pytest -q
"""

from churn_prep import Customer, clean_customers


def test_a_valid_row_becomes_a_customer() -> None:
    rows = [{"customer_id": "C1", "tenure_months": "12", "monthly_charges": "70.5", "churned": "No"}]
    assert clean_customers(rows) == [Customer("C1", 12, 70.5, False)]


# Add your tests below: what clean_customers drops and keeps (look closely at the
# boundaries), tenure_bucket, and churn_rate_by_bucket.
