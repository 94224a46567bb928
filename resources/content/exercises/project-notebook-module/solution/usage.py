"""Daily electricity use from smart-meter readings."""


def kwh_per_day(readings: list[tuple[str, float]]) -> dict[str, float]:
    """Total kWh of each day, from (ISO timestamp, kWh) readings, days in the order first seen."""
    totals: dict[str, float] = {}
    for stamp, kwh in readings:
        if kwh < 0:
            raise ValueError(f"a meter reading cannot be negative: {stamp} {kwh}")
        day = stamp[:10]
        totals[day] = totals.get(day, 0.0) + kwh
    return totals
