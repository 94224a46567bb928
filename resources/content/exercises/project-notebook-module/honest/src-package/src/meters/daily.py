"""Readings summed per day."""

from collections import defaultdict
from collections.abc import Iterable


def kwh_per_day(readings: Iterable[tuple[str, float]]) -> dict[str, float]:
    """Total kWh of each calendar day of the (timestamp, kWh) readings."""
    totals: defaultdict[str, float] = defaultdict(float)
    for stamp, kwh in readings:
        totals[stamp.split("T")[0]] += kwh
    return dict(totals)
