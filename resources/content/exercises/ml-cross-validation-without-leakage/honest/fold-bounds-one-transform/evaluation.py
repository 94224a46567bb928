"""Model evaluation for the house-price model: a hold-out split and k-fold cross-validation.

The fold boundaries are computed by hand, and each fold's scaler transforms its training
and test rows in one call; it is still fitted on the training rows alone.
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


def train_test_split(
    X: np.ndarray, y: np.ndarray, test_fraction: float = 0.2, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Returns ``X_train, X_test, y_train, y_test`` with ``ceil(n * test_fraction)`` rows held out."""
    n = len(X)
    if n != len(y):
        raise ValueError(f"{n} feature rows but {len(y)} targets")
    if not (0.0 < test_fraction < 1.0):
        raise ValueError(f"test_fraction {test_fraction} is not in (0, 1)")
    generator = np.random.default_rng(seed)
    test = generator.choice(n, size=math.ceil(n * test_fraction), replace=False)
    train = np.setdiff1d(np.arange(n), test)
    return X[train], X[test], y[train], y[test]


def k_fold_indices(n_samples: int, k: int = 5, seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """``k`` pairs of (train indices, test indices) over shuffled rows."""
    if not 2 <= k <= n_samples:
        raise ValueError(f"k={k} is impossible for {n_samples} rows (2 <= k <= n)")
    order = np.random.default_rng(seed).permutation(n_samples)
    base, extra = divmod(n_samples, k)
    sizes = [base + 1 if fold < extra else base for fold in range(k)]
    bounds = np.cumsum([0, *sizes])
    folds = []
    for start, stop in zip(bounds[:-1], bounds[1:]):
        test = order[start:stop]
        train = np.concatenate([order[:start], order[stop:]])
        folds.append((train, test))
    return folds


def cross_validate(
    make_model: Callable[[], Model],
    make_scaler: Callable[[], Scaler],
    X: np.ndarray,
    y: np.ndarray,
    k: int = 5,
    seed: int = 0,
    metric: Callable[[np.ndarray, np.ndarray], float] = rmse,
) -> list[float]:
    """The metric on each of the ``k`` folds of ``k_fold_indices(len(X), k, seed)``, in fold order."""
    if len(X) != len(y):
        raise ValueError(f"{len(X)} feature rows but {len(y)} targets")
    results = []
    for train, test in k_fold_indices(len(X), k, seed):
        fold_scaler = make_scaler()
        fold_scaler.fit(X[train])
        both = fold_scaler.transform(np.vstack([X[train], X[test]]))
        fold_model = make_model()
        fold_model.fit(both[: len(train)], y[train])
        results.append(float(metric(y[test], fold_model.predict(both[len(train) :]))))
    return results
