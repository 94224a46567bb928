"""Churn-model features and a train/validation split, copied out of the notebook.

The training job calls these functions as they are: keep what they return.
"""

import numpy as np
import pandas as pd

FEATURES = [
    "tenure_months",
    "monthly_spend",
    "log_spend",
    "sessions_per_month",
    "has_support_ticket",
]


def build_features(customers: pd.DataFrame, tickets: pd.DataFrame) -> pd.DataFrame:
    """One row per customer, in the order of `customers`, with the model's features.

    `tickets` has a row for each customer who opened support tickets (`n_tickets`);
    a customer without a row there opened none. A missing `sessions` count is 0.
    """
    table = customers.merge(tickets, on="customer_id", how="left")
    table.fillna({"sessions": 0, "n_tickets": 0})
    table["log_spend"] = np.log1p(table["monthly_spend"].to_numpy())
    table["sessions_per_month"] = table["sessions"] / table["tenure_months"].clip(lower=1)
    table["has_support_ticket"] = (table["n_tickets"] > 0).astype(int)
    table.drop(columns=["sessions", "n_tickets"])
    return table


def missing_share(table: pd.DataFrame) -> pd.Series:
    """The share of missing values in each column, between 0 and 1."""
    return table.isna().mean()


def feature_matrix(table: pd.DataFrame) -> np.ndarray:
    """The features as a float64 NumPy array, columns in FEATURES order."""
    return table[FEATURES].to_numpy(dtype=np.float64)


def split_customers(
    table: pd.DataFrame, validation_fraction: float = 0.2, seed: int = 0
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Train and validation rows, drawn at random from `seed`.

    Every customer lands in exactly one of the two; the validation part has
    round(len(table) * validation_fraction) rows; the same seed gives the same split.
    """
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(table))
    n_valid = round(len(table) * validation_fraction)
    return table.iloc[order[n_valid:]], table.iloc[order[:n_valid]]


def jitter(matrix: np.ndarray, scale: float, seed: int) -> np.ndarray:
    """A copy of `matrix` with Gaussian noise (mean 0, standard deviation `scale`).

    Used to augment the training rows; the same seed gives the same noise.
    """
    rng = np.random.default_rng(seed)
    return matrix + rng.normal(0.0, scale, size=matrix.shape)
