"""Evaluation metrics for a churn classifier and a spend regressor, without scikit-learn."""

from collections.abc import Sequence
from math import sqrt


def _check_pair(y_true: Sequence[float], y_pred: Sequence[float]) -> None:
    """Raise ValueError unless both sequences are non-empty and of the same length."""
    n_labels, n_predictions = len(y_true), len(y_pred)
    if n_labels != n_predictions:
        raise ValueError(f"{n_labels} labels but {n_predictions} predictions")
    if n_labels == 0:
        raise ValueError("no labels to score")


def _confusion(y_true: Sequence[int], y_pred: Sequence[int]) -> tuple[int, int, int]:
    """(true positives, predicted positives, actual positives)."""
    hits = flagged = positives = 0
    for actual, predicted in zip(y_true, y_pred):
        if predicted == 1:
            flagged += 1
        if actual == 1:
            positives += 1
            if predicted == 1:
                hits += 1
    return hits, flagged, positives


def precision(y_true: Sequence[int], y_pred: Sequence[int]) -> float:
    """Share of predicted positives (1) that are truly positive.

    With no predicted positives at all, precision is 0.0.
    Raises ValueError if the inputs are empty or of different lengths.
    """
    _check_pair(y_true, y_pred)
    hits, flagged, _ = _confusion(y_true, y_pred)
    if flagged == 0:
        return 0.0
    return hits / flagged


def recall(y_true: Sequence[int], y_pred: Sequence[int]) -> float:
    """Share of true positives (1) that were predicted positive.

    With no true positives at all, recall is 0.0.
    Raises ValueError if the inputs are empty or of different lengths.
    """
    _check_pair(y_true, y_pred)
    hits, _, positives = _confusion(y_true, y_pred)
    if positives == 0:
        return 0.0
    return hits / positives


def f1_score(y_true: Sequence[int], y_pred: Sequence[int]) -> float:
    """Harmonic mean of precision and recall; 0.0 when both are 0.0."""
    p, r = precision(y_true, y_pred), recall(y_true, y_pred)
    if p + r == 0:
        return 0.0
    return 2 * p * r / (p + r)


def mean_absolute_error(y_true: Sequence[float], y_pred: Sequence[float]) -> float:
    """Mean of |true - predicted|.

    Raises ValueError if the inputs are empty or of different lengths.
    """
    _check_pair(y_true, y_pred)
    errors = [abs(actual - predicted) for actual, predicted in zip(y_true, y_pred)]
    return sum(errors) / len(errors)


def root_mean_squared_error(y_true: Sequence[float], y_pred: Sequence[float]) -> float:
    """Square root of the mean of (true - predicted) ** 2.

    Raises ValueError if the inputs are empty or of different lengths.
    """
    _check_pair(y_true, y_pred)
    squares = [(actual - predicted) ** 2 for actual, predicted in zip(y_true, y_pred)]
    return sqrt(sum(squares) / len(squares))
