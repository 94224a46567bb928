"""Questions about a sorted log of event times, answered by galloping (exponential) search.

From the start of the log, the step doubles until it passes the boundary, then a binary
search inside the last step finds it: O(log i) reads for a boundary at index i.
"""

from collections.abc import Iterable, Sequence


def _boundary(times: Sequence[float], t: float, strictly_after: bool) -> int:
    """The first index whose time is > t (strictly_after) or >= t, or len(times)."""

    def past(value: float) -> bool:
        return value > t if strictly_after else value >= t

    n = len(times)
    bound = 1
    while bound <= n and not past(times[bound - 1]):
        bound *= 2
    lo, hi = bound // 2, min(bound, n)
    # Every index below lo is not past the boundary; the answer is in [lo, hi].
    while lo < hi:
        mid = (lo + hi) // 2
        if past(times[mid]):
            hi = mid
        else:
            lo = mid + 1
    return lo


def count_in_window(timestamps: Sequence[float], start: float, end: float) -> int:
    if end <= start:
        return 0
    return _boundary(timestamps, end, strictly_after=False) - _boundary(timestamps, start, strictly_after=False)


def latest_at_or_before(timestamps: Sequence[float], t: float) -> int | None:
    i = _boundary(timestamps, t, strictly_after=True) - 1
    return None if i < 0 else i


def asof_join(feature_times: Sequence[float], feature_values: Sequence[float], query_times: Iterable[float]) -> list[float | None]:
    if len(feature_times) != len(feature_values):
        raise ValueError("feature_times and feature_values differ in length")
    answers: list[float | None] = []
    for q in query_times:
        i = latest_at_or_before(feature_times, q)
        answers.append(None if i is None else feature_values[i])
    return answers
