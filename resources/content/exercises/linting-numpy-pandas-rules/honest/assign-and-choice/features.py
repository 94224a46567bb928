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
    merged = customers.merge(tickets, how="left", on="customer_id")
    sessions = merged["sessions"].fillna(0)
    n_tickets = merged["n_tickets"].fillna(0)
    return merged.drop(columns=["sessions", "n_tickets"]).assign(
        log_spend=np.log1p(merged["monthly_spend"].array),
        sessions_per_month=sessions / merged["tenure_months"].clip(lower=1),
        has_support_ticket=(n_tickets > 0).astype("int64"),
    )


def missing_share(table: pd.DataFrame) -> pd.Series:
    """The share of missing values in each column, between 0 and 1."""
    return table.isna().sum() / len(table)


def feature_matrix(table: pd.DataFrame) -> np.ndarray:
    """The features as a float64 NumPy array, columns in FEATURES order."""
    return np.asarray(table.loc[:, FEATURES], dtype=np.float64)


def split_customers(
    table: pd.DataFrame, validation_fraction: float = 0.2, seed: int = 0
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Train and validation rows, drawn at random from `seed`.

    Every customer lands in exactly one of the two; the validation part has
    round(len(table) * validation_fraction) rows; the same seed gives the same split.
    """
    generator = np.random.default_rng(seed=seed)
    size = round(len(table) * validation_fraction)
    picked = generator.choice(len(table), size=size, replace=False)
    in_validation = np.zeros(len(table), dtype=bool)
    in_validation[picked] = True
    return table[~in_validation], table[in_validation]


def jitter(matrix: np.ndarray, scale: float, seed: int) -> np.ndarray:
    """A copy of `matrix` with Gaussian noise (mean 0, standard deviation `scale`).

    Used to augment the training rows; the same seed gives the same noise.
    """
    noise = np.random.Generator(np.random.PCG64(seed)).standard_normal(matrix.shape)
    return matrix + scale * noise
