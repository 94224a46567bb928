"""Binary-classification metrics and a rolling mean for score monitoring."""

from typing import List, Sequence, Tuple

Labels = Sequence[int]
Counts = Tuple[int, int, int, int]


def confusion_counts(y_true: Labels, y_pred: Labels) -> Counts:
    """Return (true positives, false positives, false negatives, true negatives)."""
    if len(y_true) != len(y_pred):
        raise ValueError("y_true and y_pred must have the same length")
    pairs = list(zip(y_true, y_pred))
    tp = pairs.count((1, 1))
    fp = pairs.count((0, 1))
    fn = pairs.count((1, 0))
    return tp, fp, fn, len(pairs) - tp - fp - fn


def safe_divide(numerator: float, denominator: float) -> float:
    """Divide, returning 0.0 instead of raising when the denominator is zero."""
    return numerator / denominator if denominator else 0.0


def precision(y_true: Labels, y_pred: Labels) -> float:
    tp, fp, _fn, _tn = confusion_counts(y_true, y_pred)
    return safe_divide(tp, tp + fp)


def recall(y_true: Labels, y_pred: Labels) -> float:
    tp, _fp, fn, _tn = confusion_counts(y_true, y_pred)
    return safe_divide(tp, tp + fn)


def f1_score(y_true: Labels, y_pred: Labels) -> float:
    p, r = precision(y_true, y_pred), recall(y_true, y_pred)
    return safe_divide(2 * p * r, p + r)


def rolling_mean(values: Sequence[float], window: int) -> List[float]:
    """Mean of each full window of `window` consecutive values (a running sum)."""
    if window <= 0:
        raise ValueError("window must be positive")
    if len(values) < window:
        return []
    total = sum(values[:window])
    means = [total / window]
    for i in range(window, len(values)):
        total += values[i] - values[i - window]
        means.append(total / window)
    return means
