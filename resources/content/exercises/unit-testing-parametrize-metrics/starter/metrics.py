"""Evaluation metrics for a churn classifier and a spend regressor, without scikit-learn."""

import math
from collections.abc import Sequence


def _check_pair(y_true: Sequence[float], y_pred: Sequence[float]) -> None:
    """Raise ValueError unless both sequences are non-empty and of the same length."""
    if len(y_true) != len(y_pred):
        raise ValueError(f"{len(y_true)} labels but {len(y_pred)} predictions")
    if not y_true:
        raise ValueError("no labels to score")


def precision(y_true: Sequence[int], y_pred: Sequence[int]) -> float:
    """Share of predicted positives (1) that are truly positive.

    With no predicted positives at all, precision is 0.0.
    Raises ValueError if the inputs are empty or of different lengths.
    """
    _check_pair(y_true, y_pred)
    true_positives = sum(1 for t, p in zip(y_true, y_pred) if t == 1 and p == 1)
    predicted_positives = sum(1 for p in y_pred if p == 1)
    return true_positives / predicted_positives if predicted_positives else 0.0


def recall(y_true: Sequence[int], y_pred: Sequence[int]) -> float:
    """Share of true positives (1) that were predicted positive.

    With no true positives at all, recall is 0.0.
    Raises ValueError if the inputs are empty or of different lengths.
    """
    _check_pair(y_true, y_pred)
    true_positives = sum(1 for t, p in zip(y_true, y_pred) if t == 1 and p == 1)
    actual_positives = sum(1 for t in y_true if t == 1)
    return true_positives / actual_positives if actual_positives else 0.0


def f1_score(y_true: Sequence[int], y_pred: Sequence[int]) -> float:
    """Harmonic mean of precision and recall; 0.0 when both are 0.0."""
    p = precision(y_true, y_pred)
    r = recall(y_true, y_pred)
    return 2 * p * r / (p + r) if p + r else 0.0


def mean_absolute_error(y_true: Sequence[float], y_pred: Sequence[float]) -> float:
    """Mean of |true - predicted|.

    Raises ValueError if the inputs are empty or of different lengths.
    """
    _check_pair(y_true, y_pred)
    return sum(abs(t - p) for t, p in zip(y_true, y_pred)) / len(y_true)


def root_mean_squared_error(y_true: Sequence[float], y_pred: Sequence[float]) -> float:
    """Square root of the mean of (true - predicted) ** 2.

    Raises ValueError if the inputs are empty or of different lengths.
    """
    _check_pair(y_true, y_pred)
    mse = sum((t - p) ** 2 for t, p in zip(y_true, y_pred)) / len(y_true)
    return math.sqrt(mse)
