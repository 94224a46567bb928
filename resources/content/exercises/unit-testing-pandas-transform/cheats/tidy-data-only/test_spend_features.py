import pandas as pd

from spend_features import customer_spend_features


def test_two_tidy_customers() -> None:
    transactions = pd.DataFrame(
        {
            "customer_id": ["c1", "c1", "c2", "c2"],
            "merchant": ["grocer", "grocer", "fuel", "fuel"],
            "timestamp": pd.to_datetime(
                ["2024-03-01", "2024-03-04", "2024-03-02", "2024-03-06"]
            ),
            "amount": [10.0, 20.0, 30.0, 50.0],
        }
    )
    expected = pd.DataFrame(
        {
            "customer_id": ["c1", "c2"],
            "n_transactions": [2, 2],
            "total_spend": [30.0, 80.0],
            "mean_spend": [15.0, 40.0],
            "n_merchants": [1, 1],
            "last_seen": pd.to_datetime(["2024-03-04", "2024-03-06"]),
        }
    )
    pd.testing.assert_frame_equal(customer_spend_features(transactions), expected)
