"""Model evaluation for the house-price model: a hold-out split and k-fold cross-validation.

Moved out of the notebook as it was. The cross-validated RMSE it reports is better than
what the model does on next month's data.
"""

from collections.abc import Callable

import numpy as np

from toolkit import rmse


def train_test_split(X, y, test_fraction=0.2, seed=0):
    np.random.seed(seed)
    order = np.random.permutation(len(X))
    n_test = int(len(X) * test_fraction)
    test, train = order[:n_test], order[n_test:]
    return X[train], X[test], y[train], y[test]


def k_fold_indices(n_samples, k=5, seed=0):
    fold_size = n_samples // k
    folds = []
    for i in range(k):
        test = np.arange(i * fold_size, (i + 1) * fold_size)
        train = np.setdiff1d(np.arange(n_samples), test)
        folds.append((train, test))
    return folds


def cross_validate(make_model: Callable, make_scaler: Callable, X, y, k=5, seed=0, metric=rmse):
    # Scale once, up front, so every fold uses the same features.
    X_scaled = make_scaler().fit(X).transform(X)
    scores = []
    for train, test in k_fold_indices(len(X), k, seed):
        model = make_model().fit(X_scaled[train], y[train])
        scores.append(metric(y[test], model.predict(X_scaled[test])))
    return scores
