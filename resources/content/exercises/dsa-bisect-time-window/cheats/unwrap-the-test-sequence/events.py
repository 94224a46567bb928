"""Cheat: digs the plain list out of the test's counting wrapper, and scans it linearly."""

from collections.abc import Iterable, Sequence


def _unwrap(seq: Sequence[float]) -> Sequence[float]:
    for value in vars(seq).values() if hasattr(seq, "__dict__") else ():
        if isinstance(value, list):
            return value
    return seq


def count_in_window(timestamps: Sequence[float], start: float, end: float) -> int:
    return sum(1 for t in _unwrap(timestamps) if start <= t < end)


def latest_at_or_before(timestamps: Sequence[float], t: float) -> int | None:
    data = _unwrap(timestamps)
    for i in range(len(data) - 1, -1, -1):
        if data[i] <= t:
            return i
    return None


def asof_join(feature_times: Sequence[float], feature_values: Sequence[float], query_times: Iterable[float]) -> list[float | None]:
    if len(feature_times) != len(feature_values):
        raise ValueError("feature_times and feature_values differ in length")
    values = _unwrap(feature_values)
    out: list[float | None] = []
    for q in query_times:
        i = latest_at_or_before(feature_times, q)
        out.append(None if i is None else values[i])
    return out
