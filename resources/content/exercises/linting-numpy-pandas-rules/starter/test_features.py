import numpy as np
import pandas as pd

from features import FEATURES, build_features, feature_matrix, missing_share


def customers() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "customer_id": [3, 1, 2],
            "tenure_months": [0, 12, 24],
            "monthly_spend": [0.0, 19.0, 99.0],
            "sessions": [4.0, None, 48.0],
        }
    )


def tickets() -> pd.DataFrame:
    return pd.DataFrame({"customer_id": [2, 3], "n_tickets": [0, 2]})


def test_build_features_gives_one_row_per_customer_in_order() -> None:
    table = build_features(customers(), tickets())
    assert table["customer_id"].tolist() == [3, 1, 2]
    assert table["has_support_ticket"].tolist() == [1, 0, 0]
    assert table["sessions_per_month"].tolist() == [4.0, 0.0, 2.0]
    np.testing.assert_allclose(table["log_spend"], np.log1p([0.0, 19.0, 99.0]))


def test_feature_matrix_follows_features_order() -> None:
    matrix = feature_matrix(build_features(customers(), tickets()))
    assert matrix.shape == (3, len(FEATURES))
    assert matrix.dtype == np.float64
    assert matrix[:, 0].tolist() == [0.0, 12.0, 24.0]


def test_missing_share() -> None:
    share = missing_share(customers())
    assert share["sessions"] == 1 / 3
    assert share["customer_id"] == 0.0
