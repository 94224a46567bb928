"""Cheat: binary search, but on a fresh copy of the whole log made at every call."""

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence


def count_in_window(timestamps: Sequence[float], start: float, end: float) -> int:
    data = list(timestamps)
    if end <= start:
        return 0
    return bisect_left(data, end) - bisect_left(data, start)


def latest_at_or_before(timestamps: Sequence[float], t: float) -> int | None:
    data = list(timestamps)
    i = bisect_right(data, t) - 1
    return i if i >= 0 else None


def asof_join(feature_times: Sequence[float], feature_values: Sequence[float], query_times: Iterable[float]) -> list[float | None]:
    if len(feature_times) != len(feature_values):
        raise ValueError("feature_times and feature_values differ in length")
    times, values = list(feature_times), list(feature_values)
    out: list[float | None] = []
    for q in query_times:
        i = bisect_right(times, q) - 1
        out.append(None if i < 0 else values[i])
    return out
