"""ROC AUC for the churn model's evaluation report, without scikit-learn."""

from collections.abc import Sequence


def roc_auc(labels: Sequence[int], scores: Sequence[float]) -> float:
    """Area under the ROC curve of `scores` for the binary `labels` (1 positive, 0 negative).

    It is the probability that a randomly chosen positive gets a higher score than a
    randomly chosen negative; a tie counts as half. Raises ValueError when the lengths
    differ, a label is not 0 or 1, or there is no positive or no negative.
    """
    pairs = sorted(zip(scores, labels))
    negatives_below = 0
    wins = 0
    for _score, label in pairs:
        if label == 0:
            negatives_below += 1
        else:
            wins += negatives_below
    n_pos = sum(labels)
    n_neg = len(labels) - n_pos
    return wins / (n_pos * n_neg)
