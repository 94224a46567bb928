"""Pick predictions for review from a stream of model outputs.

The serving log of the churn model is far too big to load at once: it arrives as a
stream (a generator over the log file) and is read exactly once.
"""

from collections.abc import Iterable
from typing import NamedTuple


class Prediction(NamedTuple):
    """One scored request from the serving log."""

    request_id: str
    label: str
    confidence: float


def most_confident(predictions: Iterable[Prediction], k: int) -> list[Prediction]:
    """The k predictions with the highest confidence, highest first.

    Predictions with equal confidence keep their order in the stream (the earlier one
    first). A stream shorter than k gives all its predictions, sorted; k <= 0 gives an
    empty list. The stream is read once, and only about k predictions are kept in memory.
    """
    # Works on a sample, but keeps the whole stream in memory: a day of traffic is
    # tens of millions of predictions.
    everything = list(predictions)
    everything.sort(key=lambda p: p.confidence, reverse=True)
    return everything[:k]


def top_labels(predictions: Iterable[Prediction], k: int) -> list[tuple[str, int]]:
    """The k most frequently predicted labels with their counts, most frequent first.

    Labels with the same count are in alphabetical order. k <= 0 gives an empty list.
    The stream is read once.
    """
    raise NotImplementedError("TODO: count the labels, then pick the k most frequent")
