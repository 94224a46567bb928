import math

import pandas as pd
import pytest

from spend_features import COLUMNS, customer_spend_features


@pytest.fixture
def transactions() -> pd.DataFrame:
    """Customers out of order, a refund, missing amounts, a repeated merchant."""
    return pd.DataFrame(
        {
            "customer_id": ["c2", "c1", "c2", "c3", "c2", "c1"],
            "merchant": ["grocer", "cinema", "fuel", "grocer", "grocer", "cinema"],
            "timestamp": [
                "2024-03-05 10:00",
                "2024-03-01 09:15",
                "2024-03-09 18:30",
                "2024-03-03 12:00",
                "2024-03-02 08:45",
                "2024-03-04 20:10",
            ],
            "amount": [40.0, 12.5, float("nan"), float("nan"), -10.0, 7.5],
        }
    )


def test_features_per_customer(transactions: pd.DataFrame) -> None:
    expected = pd.DataFrame(
        {
            "customer_id": ["c1", "c2", "c3"],
            "n_transactions": [2, 3, 1],
            "total_spend": [20.0, 30.0, 0.0],
            "mean_spend": [10.0, 15.0, float("nan")],
            "n_merchants": [1, 2, 1],
            "last_seen": pd.to_datetime(
                ["2024-03-04 20:10", "2024-03-09 18:30", "2024-03-03 12:00"]
            ),
        }
    )
    result = customer_spend_features(transactions)
    pd.testing.assert_frame_equal(result, expected[COLUMNS])


def test_every_customer_appears_once_even_without_amounts(
    transactions: pd.DataFrame,
) -> None:
    result = customer_spend_features(transactions)
    assert result["customer_id"].tolist() == ["c1", "c2", "c3"]
    c3 = result.set_index("customer_id").loc["c3"]
    assert c3["n_transactions"] == 1
    assert c3["total_spend"] == 0.0
    assert math.isnan(c3["mean_spend"])


def test_the_input_frame_is_not_modified(transactions: pd.DataFrame) -> None:
    before = transactions.copy()
    customer_spend_features(transactions)
    pd.testing.assert_frame_equal(transactions, before)


def test_a_fresh_index(transactions: pd.DataFrame) -> None:
    result = customer_spend_features(transactions.iloc[::-1])
    assert result.index.tolist() == [0, 1, 2]
    assert result["customer_id"].tolist() == ["c1", "c2", "c3"]
