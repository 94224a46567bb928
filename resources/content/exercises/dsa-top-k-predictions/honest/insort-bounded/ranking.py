"""Choosing predictions for review from a stream that can be read only once."""

from bisect import insort
from collections import Counter
from collections.abc import Iterable
from itertools import count
from typing import NamedTuple


class Prediction(NamedTuple):
    """One scored request from the serving log."""

    request_id: str
    label: str
    confidence: float


def most_confident(predictions: Iterable[Prediction], k: int) -> list[Prediction]:
    """The k predictions with the highest confidence, highest first.

    Equal confidences keep stream order. Only k predictions (plus the one being read)
    are held: a short list kept sorted, best first, cut back to k after each insertion.
    """
    if k < 1:
        return []
    ranked: list[tuple[float, int, Prediction]] = []
    order = count()
    for p in predictions:
        candidate = (-p.confidence, next(order), p)
        if len(ranked) == k and candidate >= ranked[-1]:
            continue  # not better than the worst kept one
        insort(ranked, candidate)
        del ranked[k:]
    return [p for _, _, p in ranked]


def top_labels(predictions: Iterable[Prediction], k: int) -> list[tuple[str, int]]:
    """The k most frequent labels with their counts; equal counts in alphabetical order."""
    if k < 1:
        return []
    by_label = sorted(Counter(p.label for p in predictions).items())
    # A stable sort by count keeps the alphabetical order among equal counts.
    by_label.sort(key=lambda item: item[1], reverse=True)
    return by_label[:k]
