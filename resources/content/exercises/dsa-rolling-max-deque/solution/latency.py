"""Rolling statistics over a serving log's request latencies (milliseconds).

The on-call alert fires when the slowest request among the last `window` requests is
over the latency objective. The log holds millions of requests a day, and the alert job
recomputes the rolling maximum for every one of them.
"""

from collections import deque
from collections.abc import Sequence


def rolling_max(values: Sequence[float], window: int) -> list[float]:
    """The largest of the last `window` values at every position.

    `result[i] == max(values[max(0, i - window + 1) : i + 1])`: the first window - 1
    positions use the values seen so far (like pandas' rolling(window, min_periods=1)).
    An empty input gives an empty list. Raises ValueError if window < 1.
    """
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    result: list[float] = []
    # Indices of the values that can still become the maximum, their values strictly
    # decreasing from the front: the front is the maximum of the current window. Each
    # index is appended once and removed at most once, so the whole pass is O(n).
    candidates: deque[int] = deque()
    for i, value in enumerate(values):
        # A value that is not larger than the new one can never be the maximum again.
        while candidates and values[candidates[-1]] <= value:
            candidates.pop()
        candidates.append(i)
        # The front leaves the window once it is `window` positions behind.
        if candidates[0] <= i - window:
            candidates.popleft()
        result.append(values[candidates[0]])
    return result
