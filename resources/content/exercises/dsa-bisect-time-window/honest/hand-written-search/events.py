"""Questions about a sorted log of event times, answered by hand-written binary search."""

from collections.abc import Iterable, Sequence


def _first_after(times: Sequence[float], t: float, *, inclusive: bool) -> int:
    """The first index whose time is after t (at or after t when `inclusive`), or len(times).

    The invariant: every index below `low` is before the boundary, every index from
    `high` on is at or after it.
    """
    low, high = 0, len(times)
    while low < high:
        middle = (low + high) // 2
        value = times[middle]
        before = value < t if inclusive else value <= t
        if before:
            low = middle + 1
        else:
            high = middle
    return low


def latest_at_or_before(timestamps: Sequence[float], t: float) -> int | None:
    """The index of the last event at or before time t, or None if every event is later."""
    after = _first_after(timestamps, t, inclusive=False)
    return None if after == 0 else after - 1


def count_in_window(timestamps: Sequence[float], start: float, end: float) -> int:
    """How many events happened in [start, end); none when end <= start."""
    if start >= end:
        return 0
    first = _first_after(timestamps, start, inclusive=True)
    stop = _first_after(timestamps, end, inclusive=True)
    return stop - first


def asof_join(feature_times: Sequence[float], feature_values: Sequence[float], query_times: Iterable[float]) -> list[float | None]:
    """For each query time, the latest feature value known at that time (None before the first)."""
    if len(feature_values) != len(feature_times):
        raise ValueError(f"{len(feature_times)} feature times but {len(feature_values)} values")
    joined: list[float | None] = []
    for query in query_times:
        index = latest_at_or_before(feature_times, query)
        joined.append(feature_values[index] if index is not None else None)
    return joined
