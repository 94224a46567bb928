"""Binary-classification metrics and a rolling mean for score monitoring.

Annotated with PEP 484 type comments, as code that must still read on old Pythons is.
"""

from typing import List, Sequence, Tuple


def confusion_counts(y_true, y_pred):
    # type: (Sequence[int], Sequence[int]) -> Tuple[int, int, int, int]
    """Return (true positives, false positives, false negatives, true negatives)."""
    if len(y_true) != len(y_pred):
        raise ValueError("y_true and y_pred must have the same length")
    tp = fp = fn = tn = 0
    for actual, predicted in zip(y_true, y_pred):
        if actual == 1 and predicted == 1:
            tp += 1
        elif actual == 0 and predicted == 1:
            fp += 1
        elif actual == 1 and predicted == 0:
            fn += 1
        else:
            tn += 1
    return tp, fp, fn, tn


def safe_divide(numerator, denominator):
    # type: (float, float) -> float
    """Divide, returning 0.0 instead of raising when the denominator is zero."""
    if denominator == 0:
        return 0.0
    return numerator / denominator


def precision(y_true, y_pred):
    # type: (Sequence[int], Sequence[int]) -> float
    tp, fp, _, _ = confusion_counts(y_true, y_pred)
    return safe_divide(tp, tp + fp)


def recall(y_true, y_pred):
    # type: (Sequence[int], Sequence[int]) -> float
    tp, _, fn, _ = confusion_counts(y_true, y_pred)
    return safe_divide(tp, tp + fn)


def f1_score(y_true, y_pred):
    # type: (Sequence[int], Sequence[int]) -> float
    p = precision(y_true, y_pred)
    r = recall(y_true, y_pred)
    return safe_divide(2 * p * r, p + r)


def rolling_mean(values, window):
    # type: (Sequence[float], int) -> List[float]
    """Mean of each full window of `window` consecutive values."""
    if window <= 0:
        raise ValueError("window must be positive")
    means = []  # type: List[float]
    for start in range(len(values) - window + 1):
        chunk = values[start : start + window]
        means.append(sum(chunk) / window)
    return means
