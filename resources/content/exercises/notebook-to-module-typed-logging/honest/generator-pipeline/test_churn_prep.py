import logging
from pathlib import Path

import pytest

from churn_prep import Customer, churn_rate_by_bucket, clean_customers, load_customers, tenure_bucket

GOOD = {"customer_id": "K", "tenure_months": "6", "monthly_charges": "20", "churned": "Yes"}


def with_(**changes: str) -> dict[str, str]:
    return GOOD | changes


def test_good_row() -> None:
    assert clean_customers([GOOD]) == [Customer("K", 6, 20.0, True)]


def test_new_customers_are_kept() -> None:
    kept = clean_customers([with_(tenure_months="0")])
    assert len(kept) == 1
    assert kept[0].tenure_months == 0


@pytest.mark.parametrize(
    "bad",
    [
        {"tenure_months": "-2"},
        {"tenure_months": "2.0"},
        {"monthly_charges": "inf"},
        {"monthly_charges": "nan"},
        {"monthly_charges": "-5"},
        {"monthly_charges": "501"},
        {"churned": "Maybe"},
    ],
    ids=["neg-tenure", "float-tenure", "inf", "nan", "neg-charge", "over-max", "bad-flag"],
)
def test_bad_rows_are_dropped(bad: dict[str, str]) -> None:
    assert clean_customers([with_(**bad)]) == []


def test_the_maximum_itself_is_allowed_and_is_a_parameter() -> None:
    rows = [with_(monthly_charges="250"), with_(monthly_charges="250.5")]
    assert len(clean_customers(rows, max_monthly_charge=250)) == 1
    assert len(clean_customers(rows)) == 2


def test_missing_fields_drop_the_row() -> None:
    row = dict(GOOD)
    del row["monthly_charges"]
    assert clean_customers([row]) == []


def test_one_warning_with_the_counts(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="churn_prep")
    clean_customers(iter([GOOD, with_(churned="?"), with_(tenure_months="x"), GOOD]))
    assert [r.getMessage() for r in caplog.records] == ["Dropped 2 of 4 rows"]


@pytest.mark.parametrize(("months", "name"), [(5, "new"), (6, "regular"), (23, "regular"), (24, "loyal")])
def test_buckets(months: int, name: str) -> None:
    assert tenure_bucket(months) == name


def test_rates() -> None:
    people = [Customer(str(i), 30, 1.0, i % 4 == 0) for i in range(8)]
    assert churn_rate_by_bucket(people) == {"loyal": pytest.approx(0.25)}


def test_load(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("customer_id,tenure_months,monthly_charges,churned\nK,6,20,Yes\n")
    assert load_customers(tmp_path / "x.csv") == [GOOD]
