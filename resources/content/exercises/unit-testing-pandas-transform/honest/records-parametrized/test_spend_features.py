import math
from datetime import datetime

import pandas as pd
import pytest

from spend_features import COLUMNS, customer_spend_features

ROWS = [
    {"customer_id": "z9", "merchant": "cafe", "timestamp": "2023-12-31 23:00", "amount": 3.5},
    {"customer_id": "k1", "merchant": "books", "timestamp": "2024-01-02 10:00", "amount": None},
    {"customer_id": "k1", "merchant": "books", "timestamp": "2024-01-01 10:00", "amount": None},
    {"customer_id": "a5", "merchant": "fuel", "timestamp": "2024-01-03 07:30", "amount": 50.0},
    {"customer_id": "a5", "merchant": "cafe", "timestamp": "2024-01-04 08:00", "amount": 2.0},
    {"customer_id": "a5", "merchant": "fuel", "timestamp": "2024-01-01 09:00", "amount": None},
]


def features() -> dict[str, dict[str, object]]:
    frame = customer_spend_features(pd.DataFrame.from_records(ROWS))
    return {str(r["customer_id"]): r for r in frame.to_dict("records")}


@pytest.mark.parametrize(
    ("customer", "n", "total", "merchants", "last"),
    [
        ("a5", 3, 52.0, 2, datetime(2024, 1, 4, 8, 0)),
        ("k1", 2, 0.0, 1, datetime(2024, 1, 2, 10, 0)),
        ("z9", 1, 3.5, 1, datetime(2023, 12, 31, 23, 0)),
    ],
    ids=["two-merchants-one-missing", "no-known-amount", "single"],
)
def test_customer_row(customer: str, n: int, total: float, merchants: int, last: datetime) -> None:
    row = features()[customer]
    assert row["n_transactions"] == n
    assert row["total_spend"] == pytest.approx(total)
    assert row["n_merchants"] == merchants
    assert row["last_seen"] == pd.Timestamp(last)


def test_mean_ignores_missing_amounts() -> None:
    rows = features()
    assert rows["a5"]["mean_spend"] == pytest.approx(26.0)
    mean_k1 = rows["k1"]["mean_spend"]
    assert isinstance(mean_k1, float) and math.isnan(mean_k1)


def test_layout() -> None:
    frame = customer_spend_features(pd.DataFrame.from_records(ROWS))
    assert list(frame.columns) == COLUMNS
    assert frame["customer_id"].tolist() == sorted({r["customer_id"] for r in ROWS})
    assert frame.index.equals(pd.RangeIndex(len(frame)))


def test_input_keeps_its_string_timestamps() -> None:
    raw = pd.DataFrame.from_records(ROWS)
    customer_spend_features(raw)
    assert raw["timestamp"].tolist() == [r["timestamp"] for r in ROWS]
