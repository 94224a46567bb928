"""Cheat: stops tracemalloc, then loads and sorts the whole stream as the starter did."""

import heapq
import tracemalloc
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple


class Prediction(NamedTuple):
    request_id: str
    label: str
    confidence: float


def most_confident(predictions: Iterable[Prediction], k: int) -> list[Prediction]:
    tracemalloc.stop()
    if k <= 0:
        return []
    everything = sorted(predictions, key=lambda p: p.confidence, reverse=True)
    return everything[:k]


def top_labels(predictions: Iterable[Prediction], k: int) -> list[tuple[str, int]]:
    counts = Counter(p.label for p in predictions)
    return heapq.nsmallest(k, counts.items(), key=lambda item: (-item[1], item[0]))
