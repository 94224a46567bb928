"""Rolling maximum with a monotonic queue of (position, value) pairs: O(n)."""

from collections import deque
from collections.abc import Sequence


def rolling_max(values: Sequence[float], window: int) -> list[float]:
    """The largest of the last `window` values at every position.

    `result[i] == max(values[max(0, i - window + 1) : i + 1])`. An empty input gives an
    empty list. Raises ValueError if window < 1.
    """
    if window < 1:
        raise ValueError(f"window must be >= 1 (got {window})")
    queue: deque[tuple[int, float]] = deque()  # values decreasing from left to right
    maxima = []
    for right, value in enumerate(values):
        # Drop what slid out on the left first, then what the new value outranks.
        if queue and queue[0][0] == right - window:
            queue.popleft()
        while queue and queue[-1][1] <= value:
            queue.pop()
        queue.append((right, value))
        maxima.append(queue[0][1])
    return maxima
