"""Softmax and cross-entropy for the support-ticket intent classifier's training loop."""

import math


def _clip(logits: list[float]) -> list[float]:
    return [min(max(z, -500.0), 500.0) for z in logits]


def softmax(logits: list[float]) -> list[float]:
    """Class probabilities from a model's raw scores (logits): exp of each over their sum."""
    exps = [math.exp(z) for z in _clip(logits)]
    total = sum(exps)
    return [e / total for e in exps]


def cross_entropy(logits: list[float], target: int) -> float:
    """The loss of one example: minus the natural log of the target class's probability."""
    clipped = _clip(logits)
    return math.log(sum(math.exp(z) for z in clipped)) - clipped[target]
