"""Review queue for the churn model: the most confident predictions and the top labels."""

from collections.abc import Iterable
from typing import NamedTuple


class Prediction(NamedTuple):
    """One scored request from the serving log."""

    request_id: str
    label: str
    confidence: float


def _weakest(kept: list[tuple[int, Prediction]]) -> int:
    """The index in `kept` of the entry a newcomer would replace: the lowest confidence,
    and among equal confidences the one that came last in the stream."""
    worst = 0
    for i in range(1, len(kept)):
        seen, p = kept[i]
        worst_seen, worst_p = kept[worst]
        if p.confidence < worst_p.confidence or (p.confidence == worst_p.confidence and seen > worst_seen):
            worst = i
    return worst


def most_confident(predictions: Iterable[Prediction], k: int) -> list[Prediction]:
    """The k predictions with the highest confidence, highest first; ties in stream order.

    A selection without a heap: k slots, and a newcomer takes the weakest slot's place
    when it beats it (O(n k), fine for the small k of a review queue).
    """
    kept: list[tuple[int, Prediction]] = []
    if k <= 0:
        return []
    for seen, p in enumerate(predictions):
        if len(kept) < k:
            kept.append((seen, p))
            continue
        slot = _weakest(kept)
        if p.confidence > kept[slot][1].confidence:
            kept[slot] = (seen, p)
    kept.sort(key=lambda entry: (-entry[1].confidence, entry[0]))
    return [p for _, p in kept]


def top_labels(predictions: Iterable[Prediction], k: int) -> list[tuple[str, int]]:
    """The k most frequent labels with their counts; equal counts in alphabetical order."""
    tally: dict[str, int] = {}
    for p in predictions:
        tally.setdefault(p.label, 0)
        tally[p.label] += 1
    result: list[tuple[str, int]] = []
    while tally and len(result) < k:
        label = min(tally, key=lambda name: (-tally[name], name))
        result.append((label, tally.pop(label)))
    return result
