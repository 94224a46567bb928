"""Pick predictions for review from a stream of model outputs.

The serving log of the churn model is far too big to load at once: it arrives as a
stream (a generator over the log file) and is read exactly once.
"""

import heapq
from collections import Counter
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
    # A min-heap of the k best seen so far: O(n log k) time, O(k) memory. nlargest is
    # documented to equal sorted(..., reverse=True)[:k], ties in stream order included.
    return heapq.nlargest(k, predictions, key=lambda p: p.confidence)


def top_labels(predictions: Iterable[Prediction], k: int) -> list[tuple[str, int]]:
    """The k most frequently predicted labels with their counts, most frequent first.

    Labels with the same count are in alphabetical order. k <= 0 gives an empty list.
    The stream is read once.
    """
    counts = Counter(p.label for p in predictions)
    # The k smallest by (-count, label): most frequent first, then alphabetical.
    return heapq.nsmallest(k, counts.items(), key=lambda item: (-item[1], item[0]))
