"""Binary-classification metrics and a rolling mean for score monitoring."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable


def confusion_counts(
    y_true: list[int] | tuple[int, ...], y_pred: list[int] | tuple[int, ...]
) -> tuple[int, int, int, int]:
    """Return (true positives, false positives, false negatives, true negatives)."""
    if len(y_true) != len(y_pred):
        raise ValueError("y_true and y_pred must have the same length")
    counts = {(1, 1): 0, (0, 1): 0, (1, 0): 0}
    negatives = 0
    for pair in zip(y_true, y_pred):
        if pair in counts:
            counts[pair] += 1
        else:
            negatives += 1
    return counts[(1, 1)], counts[(0, 1)], counts[(1, 0)], negatives


def safe_divide(numerator: int | float, denominator: int | float) -> float:
    """Divide, returning 0.0 instead of raising when the denominator is zero."""
    try:
        return numerator / denominator
    except ZeroDivisionError:
        return 0.0


def precision(y_true: list[int] | tuple[int, ...], y_pred: list[int] | tuple[int, ...]) -> float:
    counts = confusion_counts(y_true, y_pred)
    return safe_divide(counts[0], counts[0] + counts[1])


def recall(y_true: list[int] | tuple[int, ...], y_pred: list[int] | tuple[int, ...]) -> float:
    counts = confusion_counts(y_true, y_pred)
    return safe_divide(counts[0], counts[0] + counts[2])


def f1_score(y_true: list[int] | tuple[int, ...], y_pred: list[int] | tuple[int, ...]) -> float:
    p = precision(y_true, y_pred)
    r = recall(y_true, y_pred)
    return safe_divide(2 * p * r, p + r)


def rolling_mean(values: Iterable[float], window: int) -> list[float]:
    """Mean of each full window of `window` consecutive values."""
    if window <= 0:
        raise ValueError("window must be positive")
    recent: deque[float] = deque(maxlen=window)
    means: list[float] = []
    for value in values:
        recent.append(value)
        if len(recent) == window:
            means.append(sum(recent) / window)
    return means
