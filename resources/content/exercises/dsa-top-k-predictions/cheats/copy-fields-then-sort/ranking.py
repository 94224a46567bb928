"""Cheat: keeps a compact copy of every prediction, sorts it, then resets tracemalloc's peak."""

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
    if k <= 0:
        return []
    # The originals are dropped at once, so "how many are alive" stays low.
    rows = [(-p.confidence, i, p.request_id, p.label) for i, p in enumerate(predictions)]
    rows.sort()
    top = [Prediction(rid, label, -neg) for neg, _, rid, label in rows[:k]]
    del rows
    if tracemalloc.is_tracing():
        tracemalloc.reset_peak()
    return top


def top_labels(predictions: Iterable[Prediction], k: int) -> list[tuple[str, int]]:
    counts = Counter(p.label for p in predictions)
    return heapq.nsmallest(k, counts.items(), key=lambda item: (-item[1], item[0]))
