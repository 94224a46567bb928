"""ROC AUC for the churn model's evaluation report, without scikit-learn."""

from collections.abc import Sequence
from itertools import groupby


def roc_auc(labels: Sequence[int], scores: Sequence[float]) -> float:
    """Area under the ROC curve of `scores` for the binary `labels` (1 positive, 0 negative).

    It is the probability that a randomly chosen positive gets a higher score than a
    randomly chosen negative; a tie counts as half. Raises ValueError when the lengths
    differ, a label is not 0 or 1, or there is no positive or no negative.
    """
    if len(scores) != len(labels):
        raise ValueError("one score per label")
    if not set(labels) <= {0, 1}:
        raise ValueError("binary labels only")
    total_pos = labels.count(1) if isinstance(labels, list) else sum(1 for y in labels if y == 1)
    total_neg = len(labels) - total_pos
    if total_pos == 0 or total_neg == 0:
        raise ValueError("a single class has no ROC curve")
    # Walk the thresholds from the highest score down; tied scores move the curve
    # diagonally at once, and the trapezoid under that step is the half credit for ties.
    ranked = sorted(zip(scores, labels), key=lambda pair: pair[0], reverse=True)
    tpr = fpr = 0.0
    area = 0.0
    for _, group in groupby(ranked, key=lambda pair: pair[0]):
        ys = [y for _, y in group]
        next_tpr = tpr + ys.count(1) / total_pos
        next_fpr = fpr + ys.count(0) / total_neg
        area += (next_fpr - fpr) * (tpr + next_tpr) / 2
        tpr, fpr = next_tpr, next_fpr
    return area
