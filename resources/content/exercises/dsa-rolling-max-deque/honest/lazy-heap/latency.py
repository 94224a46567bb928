"""Rolling maximum of request latencies with a heap: O(n log n)."""

import heapq
from collections.abc import Sequence


def rolling_max(values: Sequence[float], window: int) -> list[float]:
    """The largest of the last `window` values at every position.

    `result[i] == max(values[max(0, i - window + 1) : i + 1])`. An empty input gives an
    empty list. Raises ValueError if window < 1.
    """
    if window < 1:
        raise ValueError(f"window must be a positive integer, not {window}")
    # A max-heap through negated values; entries that left the window are dropped only
    # when they reach the top, so each entry is pushed and popped once.
    heap: list[tuple[float, int]] = []
    out: list[float] = []
    for position, latency in enumerate(values):
        heapq.heappush(heap, (-latency, position))
        oldest_in_window = position - window + 1
        while heap[0][1] < oldest_in_window:
            heapq.heappop(heap)
        out.append(-heap[0][0])
    return out
