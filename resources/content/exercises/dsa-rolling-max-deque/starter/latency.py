"""Rolling statistics over a serving log's request latencies (milliseconds).

The on-call alert fires when the slowest request among the last `window` requests is
over the latency objective. The log holds millions of requests a day, and the alert job
recomputes the rolling maximum for every one of them.
"""

from collections.abc import Sequence


def rolling_max(values: Sequence[float], window: int) -> list[float]:
    """The largest of the last `window` values at every position.

    `result[i] == max(values[max(0, i - window + 1) : i + 1])`: the first window - 1
    positions use the values seen so far (like pandas' rolling(window, min_periods=1)).
    An empty input gives an empty list. Raises ValueError if window < 1.
    """
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    # O(n * window): fine on a sample, hours on a day of traffic.
    return [max(values[max(0, i - window + 1) : i + 1]) for i in range(len(values))]
