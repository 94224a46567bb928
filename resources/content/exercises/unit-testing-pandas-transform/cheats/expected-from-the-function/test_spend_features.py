import pandas as pd

from spend_features import customer_spend_features


def test_matches_itself() -> None:
    transactions = pd.DataFrame(
        {
            "customer_id": ["c2", "c1", "c2"],
            "merchant": ["grocer", "cinema", "fuel"],
            "timestamp": ["2024-03-05", "2024-03-01", "2024-03-09"],
            "amount": [40.0, float("nan"), -10.0],
        }
    )
    expected = customer_spend_features(transactions.copy())
    pd.testing.assert_frame_equal(customer_spend_features(transactions), expected)
