import pandas as pd

from spend_features import COLUMNS, customer_spend_features


def test_has_the_feature_columns() -> None:
    transactions = pd.DataFrame(
        {
            "customer_id": ["c1", "c1"],
            "merchant": ["grocer", "cinema"],
            "timestamp": ["2024-03-01 09:15", "2024-03-02 19:40"],
            "amount": [23.5, 12.0],
        }
    )
    features = customer_spend_features(transactions)
    assert list(features.columns) == COLUMNS


# A frame with one customer, no missing amounts and no refunds hides most bugs.
# Write tests with small, hand-made frames that contain the awkward cases (see README.md).
