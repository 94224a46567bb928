import pandas as pd

from spend_features import COLUMNS, customer_spend_features


def test_shape_columns_and_types() -> None:
    transactions = pd.DataFrame(
        {
            "customer_id": ["c2", "c1", "c2", "c3"],
            "merchant": ["grocer", "cinema", "fuel", "grocer"],
            "timestamp": ["2024-03-05", "2024-03-01", "2024-03-09", "2024-03-03"],
            "amount": [40.0, 12.5, -10.0, 3.0],
        }
    )
    features = customer_spend_features(transactions)
    assert list(features.columns) == COLUMNS
    assert len(features) == 3
    assert features["n_transactions"].dtype == "int64"
    assert str(features["last_seen"].dtype).startswith("datetime64")
