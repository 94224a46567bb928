"""Evaluation metrics for a churn classifier and a spend regressor, without scikit-learn."""

import math
from collections.abc import Callable, Sequence


def _check_pair(y_true: Sequence[float], y_pred: Sequence[float]) -> None:
    """Raise ValueError unless both sequences are non-empty and of the same length."""
    if len(y_pred) != len(y_true):
        raise ValueError(f"{len(y_true)} labels but {len(y_pred)} predictions")
    if len(y_true) < 1:
        raise ValueError("no labels to score")


def _share(hits: int, out_of: int) -> float:
    """hits / out_of, or 0.0 when there is nothing to divide by."""
    return 0.0 if not out_of else hits / out_of


def _mean(
    y_true: Sequence[float], y_pred: Sequence[float], term: Callable[[float], float]
) -> float:
    """Mean of term(true - predicted) over the pairs, after checking them."""
    _check_pair(y_true, y_pred)
    return sum(term(t - p) for t, p in zip(y_true, y_pred)) / len(y_true)


def precision(y_true: Sequence[int], y_pred: Sequence[int]) -> float:
    """Share of predicted positives (1) that are truly positive.

    With no predicted positives at all, precision is 0.0.
    Raises ValueError if the inputs are empty or of different lengths.
    """
    _check_pair(y_true, y_pred)
    picked = [t for t, p in zip(y_true, y_pred) if p == 1]
    return _share(picked.count(1), len(picked))


def recall(y_true: Sequence[int], y_pred: Sequence[int]) -> float:
    """Share of true positives (1) that were predicted positive.

    With no true positives at all, recall is 0.0.
    Raises ValueError if the inputs are empty or of different lengths.
    """
    _check_pair(y_true, y_pred)
    found = [p for t, p in zip(y_true, y_pred) if t == 1]
    return _share(found.count(1), len(found))


def f1_score(y_true: Sequence[int], y_pred: Sequence[int]) -> float:
    """Harmonic mean of precision and recall; 0.0 when both are 0.0."""
    r = recall(y_true, y_pred)
    p = precision(y_true, y_pred)
    total = p + r
    return 2 * p * r / total if total else 0.0


def mean_absolute_error(y_true: Sequence[float], y_pred: Sequence[float]) -> float:
    """Mean of |true - predicted|.

    Raises ValueError if the inputs are empty or of different lengths.
    """
    return _mean(y_true, y_pred, abs)


def root_mean_squared_error(y_true: Sequence[float], y_pred: Sequence[float]) -> float:
    """Square root of the mean of (true - predicted) ** 2.

    Raises ValueError if the inputs are empty or of different lengths.
    """
    return math.sqrt(_mean(y_true, y_pred, lambda error: error**2))
