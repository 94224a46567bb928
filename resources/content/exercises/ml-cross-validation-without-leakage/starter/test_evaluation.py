"""Tests for evaluation.py. Run them with: python -m pytest -q"""

import numpy as np

from evaluation import cross_validate, k_fold_indices, train_test_split
from toolkit import RidgeRegression, StandardScaler


def test_the_split_holds_out_the_rounded_up_fraction_and_loses_no_row() -> None:
    X = np.arange(51 * 2, dtype=float).reshape(51, 2)
    y = np.arange(51, dtype=float)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_fraction=0.2, seed=3)
    assert len(X_test) == 11  # ceil(51 * 0.2)
    assert sorted(np.concatenate([y_train, y_test]).tolist()) == y.tolist()


def test_every_row_is_in_exactly_one_test_fold() -> None:
    folds = k_fold_indices(23, k=5, seed=0)
    assert len(folds) == 5
    tested = np.concatenate([test for _, test in folds])
    assert sorted(tested.tolist()) == list(range(23))


class RememberingScaler(StandardScaler):
    """A StandardScaler that remembers the row ids (column 0) it was fitted on."""

    fitted_ids: list[set[float]] = []

    def fit(self, X: np.ndarray) -> "RememberingScaler":
        RememberingScaler.fitted_ids.append(set(X[:, 0].tolist()))
        super().fit(X)
        return self


def test_the_scaler_never_sees_the_rows_it_is_evaluated_on() -> None:
    rng = np.random.default_rng(0)
    X = np.column_stack([np.arange(40.0), rng.normal(size=(40, 3))])
    y = X[:, 1] * 2.0 + rng.normal(size=40)
    RememberingScaler.fitted_ids = []
    cross_validate(RidgeRegression, RememberingScaler, X, y, k=4, seed=0)
    folds = k_fold_indices(40, k=4, seed=0)
    assert len(RememberingScaler.fitted_ids) == 4, "fit a new scaler in every fold"
    for (train, test), fitted in zip(folds, RememberingScaler.fitted_ids):
        assert not fitted & set(test.tolist()), "the scaler was fitted on rows of the fold it is evaluated on"
