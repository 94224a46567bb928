"""Event-time lookups on a sorted log, with the standard library's bisect."""

import bisect
from collections.abc import Iterable, Sequence


def count_in_window(timestamps: Sequence[float], start: float, end: float) -> int:
    """How many events happened in [start, end): at or after start, before end."""
    if not start < end:
        return 0
    left = bisect.bisect_left(timestamps, start)
    # The end is at or after the start, so its search starts where the first one stopped.
    right = bisect.bisect_left(timestamps, end, lo=left)
    return right - left


def latest_at_or_before(timestamps: Sequence[float], t: float) -> int | None:
    """The index of the last event at or before t (the last of equal times), or None."""
    n_at_or_before = bisect.bisect_right(timestamps, t)
    if n_at_or_before:
        return n_at_or_before - 1
    return None


def asof_join(feature_times: Sequence[float], feature_values: Sequence[float], query_times: Iterable[float]) -> list[float | None]:
    """The feature value known at each query time; queries may come in any order.

    The queries are answered in time order, each search starting where the previous one
    ended, and the answers are put back in the order the queries came.
    """
    if len(feature_times) != len(feature_values):
        raise ValueError("feature_times and feature_values must have the same length")
    queries = list(query_times)
    answers: list[float | None] = [None] * len(queries)
    lo = 0
    for position in sorted(range(len(queries)), key=queries.__getitem__):
        lo = bisect.bisect_right(feature_times, queries[position], lo=lo)
        if lo > 0:
            answers[position] = feature_values[lo - 1]
    return answers
