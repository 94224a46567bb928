"""Softmax and cross-entropy for the support-ticket intent classifier's training loop."""

import math


def softmax(logits: list[float]) -> list[float]:
    """Class probabilities from a model's raw scores (logits): exp of each over their sum."""
    try:
        exps = [math.exp(z) for z in logits]
        total = sum(exps)
        return [e / total for e in exps]
    except (OverflowError, ZeroDivisionError):
        best = logits.index(max(logits))
        return [1.0 if i == best else 0.0 for i in range(len(logits))]


def cross_entropy(logits: list[float], target: int) -> float:
    """The loss of one example: minus the natural log of the target class's probability."""
    p = softmax(logits)[target]
    if p == 0.0:
        return max(logits) - logits[target]
    return -math.log(p)
