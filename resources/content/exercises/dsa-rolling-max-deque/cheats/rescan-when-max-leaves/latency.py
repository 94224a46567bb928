"""Cheat: remembers where the maximum is and rescans the window only when it leaves.

Fast on random data; on falling values the maximum leaves at every step, so it is
O(n * window) again.
"""

from collections.abc import Sequence


def rolling_max(values: Sequence[float], window: int) -> list[float]:
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    result: list[float] = []
    best = -1
    for i, value in enumerate(values):
        low = max(0, i - window + 1)
        if best < low:
            best = max(range(low, i + 1), key=values.__getitem__)
        elif value >= values[best]:
            best = i
        result.append(values[best])
    return result
