"""Cheat: interpolation search, not binary search.

On evenly spread times it guesses the place from the values and reads a handful of
elements (about log log n), so a read budget on uniform data passes it; on a log with a
burst of events, or times that grow geometrically, it degrades to a scan.
"""

from collections.abc import Iterable, Sequence


def _first_after(times: Sequence[float], t: float, *, inclusive: bool) -> int:
    """The first index whose time is after t (at or after t when `inclusive`)."""

    def before(value: float) -> bool:
        return value < t if inclusive else value <= t

    low, high = 0, len(times) - 1
    if high < 0:
        return 0
    low_value, high_value = times[low], times[high]
    if not before(low_value):
        return 0
    if before(high_value):
        return len(times)
    # Invariant: times[low] is before the boundary, times[high] is not.
    while high - low > 1:
        span = high_value - low_value
        guess = low + int((t - low_value) * (high - low) / span) if span > 0 else (low + high) // 2
        guess = min(max(guess, low + 1), high - 1)
        value = times[guess]
        if before(value):
            low, low_value = guess, value
        else:
            high, high_value = guess, value
    return high


def count_in_window(timestamps: Sequence[float], start: float, end: float) -> int:
    if end <= start:
        return 0
    return _first_after(timestamps, end, inclusive=True) - _first_after(timestamps, start, inclusive=True)


def latest_at_or_before(timestamps: Sequence[float], t: float) -> int | None:
    after = _first_after(timestamps, t, inclusive=False)
    return None if after == 0 else after - 1


def asof_join(feature_times: Sequence[float], feature_values: Sequence[float], query_times: Iterable[float]) -> list[float | None]:
    if len(feature_times) != len(feature_values):
        raise ValueError("feature_times and feature_values differ in length")
    out: list[float | None] = []
    for q in query_times:
        i = latest_at_or_before(feature_times, q)
        out.append(None if i is None else feature_values[i])
    return out
