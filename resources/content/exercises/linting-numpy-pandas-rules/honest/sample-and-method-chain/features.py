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
    out = customers.merge(tickets, on="customer_id", how="left")
    out[["sessions", "n_tickets"]] = out[["sessions", "n_tickets"]].fillna(0)
    out["has_support_ticket"] = out["n_tickets"].gt(0).astype(int)
    out["sessions_per_month"] = out["sessions"] / np.maximum(out["tenure_months"], 1)
    out["log_spend"] = np.log1p(out["monthly_spend"])
    del out["sessions"], out["n_tickets"]
    return out


def missing_share(table: pd.DataFrame) -> pd.Series:
    """The share of missing values in each column, between 0 and 1."""
    return table.isna().mean()


def feature_matrix(table: pd.DataFrame) -> np.ndarray:
    """The features as a float64 NumPy array, columns in FEATURES order."""
    return table[FEATURES].astype(np.float64).to_numpy()


def split_customers(
    table: pd.DataFrame, validation_fraction: float = 0.2, seed: int = 0
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Train and validation rows, drawn at random from `seed`.

    Every customer lands in exactly one of the two; the validation part has
    round(len(table) * validation_fraction) rows; the same seed gives the same split.
    """
    rng = np.random.default_rng(seed)
    validation = table.sample(
        n=round(len(table) * validation_fraction), random_state=rng
    )
    return table.drop(index=validation.index), validation


def jitter(matrix: np.ndarray, scale: float, seed: int) -> np.ndarray:
    """A copy of `matrix` with Gaussian noise (mean 0, standard deviation `scale`).

    Used to augment the training rows; the same seed gives the same noise.
    """
    noisy = matrix.copy()
    noisy += np.random.default_rng(seed).normal(scale=scale, size=matrix.shape)
    return noisy
