"""Pick predictions for review from a stream of model outputs, read once."""

import heapq
from collections.abc import Iterable
from typing import NamedTuple


class Prediction(NamedTuple):
    """One scored request from the serving log."""

    request_id: str
    label: str
    confidence: float


def most_confident(predictions: Iterable[Prediction], k: int) -> list[Prediction]:
    """The k predictions with the highest confidence, highest first (ties in stream order)."""
    if k <= 0:
        return []
    # A min-heap of the best k so far. The key (confidence, -position) puts the weakest
    # at the top: the lowest confidence, and among equal ones the latest, which loses a tie.
    best: list[tuple[float, int, Prediction]] = []
    for position, prediction in enumerate(predictions):
        entry = (prediction.confidence, -position, prediction)
        if len(best) < k:
            heapq.heappush(best, entry)
        elif entry > best[0]:
            heapq.heapreplace(best, entry)
    best.sort(reverse=True)
    return [prediction for _, _, prediction in best]


def top_labels(predictions: Iterable[Prediction], k: int) -> list[tuple[str, int]]:
    """The k most frequent labels with their counts; equal counts in alphabetical order."""
    counts: dict[str, int] = {}
    for prediction in predictions:
        counts[prediction.label] = counts.get(prediction.label, 0) + 1
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    return ranked[: max(k, 0)]
