"""ROC AUC for the churn model's evaluation report, without scikit-learn."""

from collections.abc import Sequence


def roc_auc(labels: Sequence[int], scores: Sequence[float]) -> float:
    """Area under the ROC curve of `scores` for the binary `labels` (1 positive, 0 negative).

    It is the probability that a randomly chosen positive gets a higher score than a
    randomly chosen negative; a tie counts as half. Raises ValueError when the lengths
    differ, a label is not 0 or 1, or there is no positive or no negative.
    """
    if len(labels) != len(scores):
        raise ValueError("labels and scores differ in length")
    positives = [s for s, y in zip(scores, labels, strict=True) if y == 1]
    negatives = [s for s, y in zip(scores, labels, strict=True) if y == 0]
    if len(positives) + len(negatives) != len(labels):
        raise ValueError("a label is neither 0 nor 1")
    if not positives or not negatives:
        raise ValueError("both classes are needed")
    # The definition itself, pair by pair: fine for an evaluation report's few thousand rows.
    score = 0.0
    for p in positives:
        for n in negatives:
            if p > n:
                score += 1.0
            elif p == n:
                score += 0.5
    return score / (len(positives) * len(negatives))
