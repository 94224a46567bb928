"""ROC AUC for the churn model's evaluation report, without scikit-learn."""

from collections.abc import Sequence


def roc_auc(labels: Sequence[int], scores: Sequence[float]) -> float:
    """Area under the ROC curve of `scores` for the binary `labels` (1 positive, 0 negative).

    It is the probability that a randomly chosen positive gets a higher score than a
    randomly chosen negative; a tie counts as half. Raises ValueError when the lengths
    differ, a label is not 0 or 1, or there is no positive or no negative.
    """
    if len(labels) != len(scores):
        raise ValueError(f"{len(labels)} labels but {len(scores)} scores")
    if any(label not in (0, 1) for label in labels):
        raise ValueError("labels must be 0 or 1")
    n_pos = sum(labels)
    n_neg = len(labels) - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("ROC AUC needs at least one positive and one negative")
    # Mann-Whitney: rank the scores (tied scores share their average rank), then the
    # positives' rank sum, less its minimum, counts the pairs a positive wins.
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    rank_sum = 0.0
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and scores[order[end + 1]] == scores[order[start]]:
            end += 1
        average_rank = (start + end) / 2 + 1
        rank_sum += average_rank * sum(labels[order[k]] for k in range(start, end + 1))
        start = end + 1
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)
