"""Your tests for churn_prep.py: one small test per rule in its docstrings.

Run them with: python -m pytest -q
"""

import logging
from pathlib import Path

import pytest

from churn_prep import Customer, churn_rate_by_bucket, clean_customers, load_customers, tenure_bucket


def row(tenure: str = "12", charges: str = "70.5", churned: str = "No", customer_id: str = "C1") -> dict[str, str]:
    return {"customer_id": customer_id, "tenure_months": tenure, "monthly_charges": charges, "churned": churned}


def test_a_valid_row_becomes_a_customer() -> None:
    assert clean_customers([row()]) == [Customer("C1", 12, 70.5, False)]


def test_churned_yes_is_true() -> None:
    assert clean_customers([row(churned="Yes")])[0].churned is True


@pytest.mark.parametrize("tenure", ["", "twelve", "3.5", "-1"])
def test_bad_tenure_is_dropped(tenure: str) -> None:
    assert clean_customers([row(tenure=tenure)]) == []


def test_a_customer_in_their_first_month_is_kept() -> None:
    assert clean_customers([row(tenure="0")]) == [Customer("C1", 0, 70.5, False)]


@pytest.mark.parametrize("charges", ["", "abc", "nan", "inf", "-0.01"])
def test_bad_charges_are_dropped(charges: str) -> None:
    assert clean_customers([row(charges=charges)]) == []


def test_charges_up_to_the_maximum_are_kept() -> None:
    kept = clean_customers([row(charges="100.0"), row(charges="100.01")], max_monthly_charge=100.0)
    assert [c.monthly_charges for c in kept] == [100.0]


@pytest.mark.parametrize("churned", ["yes", "", "1", "No "])
def test_churned_must_be_exactly_yes_or_no(churned: str) -> None:
    assert clean_customers([row(churned=churned)]) == []


def test_order_is_kept_and_a_warning_counts_the_dropped(caplog: pytest.LogCaptureFixture) -> None:
    rows = [row(customer_id="A"), row(tenure="x"), row(customer_id="B")]
    with caplog.at_level(logging.WARNING, logger="churn_prep"):
        kept = clean_customers(rows)
    assert [c.customer_id for c in kept] == ["A", "B"]
    assert any("1 of 3" in r.getMessage() for r in caplog.records if r.levelno == logging.WARNING)


@pytest.mark.parametrize(("months", "bucket"), [(0, "new"), (5, "new"), (6, "regular"), (23, "regular"), (24, "loyal"), (70, "loyal")])
def test_tenure_bucket_boundaries(months: int, bucket: str) -> None:
    assert tenure_bucket(months) == bucket


def test_churn_rate_by_bucket() -> None:
    customers = [Customer("a", 2, 50.0, True), Customer("b", 3, 50.0, False), Customer("c", 24, 50.0, True), Customer("d", 30, 50.0, False)]
    assert churn_rate_by_bucket(customers) == {"new": 0.5, "loyal": 0.5}


def test_load_customers_reads_every_row(tmp_path: Path) -> None:
    path = tmp_path / "customers.csv"
    path.write_text("customer_id,tenure_months,monthly_charges,churned\nC1,1,20.0,No\nC2,30,99.9,Yes\n", encoding="utf-8")
    assert load_customers(path) == [row("1", "20.0", "No", "C1"), row("30", "99.9", "Yes", "C2")]
