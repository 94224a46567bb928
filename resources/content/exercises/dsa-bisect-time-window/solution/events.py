"""Questions about a sorted log of event times (seconds since the epoch).

The serving log of the churn model records one timestamp per prediction request,
sorted in time. Monitoring asks "how many requests between 09:00 and 09:05?", and
training asks "what was this customer's feature value at prediction time?".
"""

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence


def count_in_window(timestamps: Sequence[float], start: float, end: float) -> int:
    """How many events happened in [start, end): at or after start, before end.

    `timestamps` is sorted in ascending order and may repeat. A window with end <= start
    holds no events.
    """
    if end <= start:
        return 0
    # First index at or after start, first index at or after end: O(log n) each.
    return bisect_left(timestamps, end) - bisect_left(timestamps, start)


def latest_at_or_before(timestamps: Sequence[float], t: float) -> int | None:
    """The index of the last event at or before time t, or None if every event is later.

    `timestamps` is sorted in ascending order and may repeat; with several events at the
    same time, the last of them is the latest.
    """
    # bisect_right gives the first index after every event at time t.
    i = bisect_right(timestamps, t) - 1
    return i if i >= 0 else None


def asof_join(feature_times: Sequence[float], feature_values: Sequence[float], query_times: Iterable[float]) -> list[float | None]:
    """For each query time, the feature value most recently known at that time.

    `feature_values[i]` became known at `feature_times[i]` (sorted ascending). A value is
    known from its own time on, never before: no value from the future leaks into a
    query. A query before the first feature time gets None. Raises ValueError when the
    two feature sequences differ in length.
    """
    if len(feature_times) != len(feature_values):
        raise ValueError("feature_times and feature_values differ in length")
    out: list[float | None] = []
    for q in query_times:
        i = latest_at_or_before(feature_times, q)
        out.append(None if i is None else feature_values[i])
    return out
