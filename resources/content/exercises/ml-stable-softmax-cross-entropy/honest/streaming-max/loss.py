"""Softmax and cross-entropy for the support-ticket intent classifier's training loop."""

import math


def _running_log_sum_exp(logits: list[float]) -> float:
    """One pass: keep the largest logit so far and the sum of exp(z - largest), rescaled."""
    largest = -math.inf
    acc = 0.0
    for z in logits:
        if z <= largest:
            acc += math.exp(z - largest)
        else:
            acc = acc * math.exp(largest - z) + 1.0
            largest = z
    return largest + math.log(acc)


def softmax(logits: list[float]) -> list[float]:
    """Class probabilities from logits, without overflow for any size of logit."""
    lse = _running_log_sum_exp(logits)
    probs = []
    for z in logits:
        probs.append(math.exp(z - lse))
    return probs


def cross_entropy(logits: list[float], target: int) -> float:
    """The loss of one example, from the log-sum-exp and the target's logit."""
    return _running_log_sum_exp(logits) - logits[target]
