"""ROC AUC for the churn model's evaluation report, without scikit-learn."""

from collections.abc import Sequence


def roc_auc(labels: Sequence[int], scores: Sequence[float]) -> float:
    """Validated, but a tie still counts as a win for the positive."""
    if len(labels) != len(scores):
        raise ValueError("lengths differ")
    if any(label not in (0, 1) for label in labels):
        raise ValueError("labels must be 0 or 1")
    n_pos = sum(labels)
    n_neg = len(labels) - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("needs both classes")
    if len(set(scores)) == 1:
        return 0.5
    negatives_below = 0
    wins = 0
    for _score, label in sorted(zip(scores, labels)):
        if label == 0:
            negatives_below += 1
        else:
            wins += negatives_below
    return wins / (n_pos * n_neg)
