import logging
from pathlib import Path

import pytest

from churn_prep import Customer, churn_rate_by_bucket, clean_customers, load_customers, tenure_bucket

HEADER = "customer_id,tenure_months,monthly_charges,churned\n"


def raw(tenure: str = "8", charges: str = "64.0", churned: str = "No") -> dict[str, str]:
    return {"customer_id": "X1", "tenure_months": tenure, "monthly_charges": charges, "churned": churned}


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (raw(), Customer("X1", 8, 64.0, False)),
        (raw(churned="Yes"), Customer("X1", 8, 64.0, True)),
        (raw(tenure="0"), Customer("X1", 0, 64.0, False)),
        (raw(charges="500"), Customer("X1", 8, 500.0, False)),
        (raw(charges="0"), Customer("X1", 8, 0.0, False)),
    ],
    ids=["plain", "churned", "first-month", "at-the-maximum", "free"],
)
def test_kept(row: dict[str, str], expected: Customer) -> None:
    assert clean_customers([row]) == [expected]


@pytest.mark.parametrize(
    "row",
    [
        raw(tenure="-1"),
        raw(tenure="1.5"),
        raw(tenure=""),
        raw(charges="500.01"),
        raw(charges="-1"),
        raw(charges="inf"),
        raw(charges="nan"),
        raw(churned="yes"),
        raw(churned="N"),
    ],
    ids=["neg-tenure", "frac-tenure", "no-tenure", "over-max", "neg-charge", "inf", "nan", "lower-yes", "N"],
)
def test_dropped(row: dict[str, str]) -> None:
    assert clean_customers([row]) == []


def test_max_monthly_charge_parameter() -> None:
    rows = [raw(charges="120"), raw(charges="80")]
    assert [c.monthly_charges for c in clean_customers(rows, max_monthly_charge=100.0)] == [80.0]


def test_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="churn_prep"):
        clean_customers([raw(), raw(churned="?"), raw(tenure="x"), raw(charges="n/a")])
    assert ["Dropped 3 of 4 rows"] == [r.getMessage() for r in caplog.records]


@pytest.mark.parametrize(
    ("months", "bucket"), [(0, "new"), (5, "new"), (6, "regular"), (23, "regular"), (24, "loyal")]
)
def test_bucket(months: int, bucket: str) -> None:
    assert tenure_bucket(months) == bucket


def test_rate() -> None:
    customers = [Customer("a", 30, 1.0, True), Customer("b", 40, 1.0, False), Customer("c", 1, 1.0, False)]
    assert churn_rate_by_bucket(customers) == pytest.approx({"loyal": 0.5, "new": 0.0})


def test_load(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(HEADER + "X1,8,64.0,No\n", encoding="utf-8")
    assert load_customers(path) == [raw()]
