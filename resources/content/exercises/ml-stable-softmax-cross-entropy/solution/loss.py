"""Softmax and cross-entropy for the support-ticket intent classifier's training loop."""

import math


def log_sum_exp(logits: list[float]) -> float:
    """log(sum(exp(z))) without overflow: shift by the largest logit first."""
    top = max(logits)
    return top + math.log(sum(math.exp(z - top) for z in logits))


def softmax(logits: list[float]) -> list[float]:
    """Class probabilities from a model's raw scores (logits): exp of each over their sum."""
    top = max(logits)
    exps = [math.exp(z - top) for z in logits]
    total = sum(exps)
    return [e / total for e in exps]


def cross_entropy(logits: list[float], target: int) -> float:
    """The loss of one example: minus the natural log of the target class's probability."""
    return log_sum_exp(logits) - logits[target]
