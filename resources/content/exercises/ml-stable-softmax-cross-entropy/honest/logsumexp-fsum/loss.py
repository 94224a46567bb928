"""Softmax and cross-entropy for the support-ticket intent classifier's training loop."""

import math


def _logsumexp(values: list[float]) -> float:
    pivot = max(values)
    return pivot + math.log(math.fsum(math.exp(v - pivot) for v in values))


def softmax(logits: list[float]) -> list[float]:
    """Class probabilities: exp(z - logsumexp(z)), so every exponent is at most 0."""
    norm = _logsumexp(logits)
    return [math.exp(z - norm) for z in logits]


def cross_entropy(logits: list[float], target: int) -> float:
    """Minus the log-probability of the target, computed in log space."""
    log_probs = [z - _logsumexp(logits) for z in logits]
    return -log_probs[target]
