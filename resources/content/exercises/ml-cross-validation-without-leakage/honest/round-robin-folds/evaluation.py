"""Model evaluation for the house-price model: a hold-out split and k-fold cross-validation.

Folds are dealt round-robin over the shuffled rows, like cards: fold sizes then differ by
at most one without np.array_split. Every scaler is fitted inside its fold.
"""

import math
from collections.abc import Callable
from typing import Protocol

import numpy as np

from toolkit import rmse


class Scaler(Protocol):
    def fit(self, X: np.ndarray) -> "Scaler": ...
    def transform(self, X: np.ndarray) -> np.ndarray: ...


class Model(Protocol):
    def fit(self, X: np.ndarray, y: np.ndarray) -> "Model": ...
    def predict(self, X: np.ndarray) -> np.ndarray: ...


Metric = Callable[[np.ndarray, np.ndarray], float]


def _check_rows(X: np.ndarray, y: np.ndarray) -> None:
    if X.shape[0] != y.shape[0]:
        raise ValueError(f"X has {X.shape[0]} rows but y has {y.shape[0]}")


def train_test_split(
    X: np.ndarray, y: np.ndarray, test_fraction: float = 0.2, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Returns ``X_train, X_test, y_train, y_test`` with ``ceil(n * test_fraction)`` rows held out."""
    _check_rows(X, y)
    if test_fraction <= 0 or test_fraction >= 1:
        raise ValueError(f"test_fraction must be strictly between 0 and 1, not {test_fraction}")
    rng = np.random.default_rng(seed)
    rows = np.arange(X.shape[0])
    rng.shuffle(rows)
    cut = math.ceil(X.shape[0] * test_fraction)
    test_rows = rows[:cut]
    train_rows = rows[cut:]
    return X[train_rows], X[test_rows], y[train_rows], y[test_rows]


def k_fold_indices(n_samples: int, k: int = 5, seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """``k`` pairs of (train indices, test indices) over shuffled rows."""
    if k < 2 or k > n_samples:
        raise ValueError(f"need 2 <= k <= {n_samples}, got k={k}")
    shuffled = np.random.default_rng(seed).permutation(n_samples)
    fold_of = np.empty(n_samples, dtype=int)
    fold_of[shuffled] = np.arange(n_samples) % k
    return [(np.flatnonzero(fold_of != fold), np.flatnonzero(fold_of == fold)) for fold in range(k)]


def _score_fold(
    make_model: Callable[[], Model],
    make_scaler: Callable[[], Scaler],
    X_train: np.ndarray,
    y_train: np.ndarray,
    X_test: np.ndarray,
    y_test: np.ndarray,
    metric: Metric,
) -> float:
    scaler = make_scaler()
    scaler.fit(X_train)
    model = make_model()
    model.fit(scaler.transform(X_train), y_train)
    predictions = model.predict(scaler.transform(X_test))
    return metric(y_test, predictions)


def cross_validate(
    make_model: Callable[[], Model],
    make_scaler: Callable[[], Scaler],
    X: np.ndarray,
    y: np.ndarray,
    k: int = 5,
    seed: int = 0,
    metric: Metric = rmse,
) -> list[float]:
    """The metric on each of the ``k`` folds of ``k_fold_indices(len(X), k, seed)``, in fold order."""
    _check_rows(X, y)
    return [
        _score_fold(make_model, make_scaler, X[train], y[train], X[test], y[test], metric)
        for train, test in k_fold_indices(len(X), k, seed)
    ]
