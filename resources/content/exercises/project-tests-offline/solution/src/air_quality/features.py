"""Features for the PM2.5 forecast, computed from one station's hourly readings."""


def daily_mean(readings: list[dict[str, float]]) -> float:
    """Mean PM2.5 over the readings; an empty day is an error, not a zero."""
    if not readings:
        raise ValueError("no readings: cannot compute a daily mean")
    return sum(r["pm25"] for r in readings) / len(readings)


def hours_over(readings: list[dict[str, float]], limit: float = 25.0) -> int:
    """How many hourly readings were above the WHO 24-hour guideline (25 µg/m³ by default)."""
    return sum(1 for r in readings if r["pm25"] > limit)
