"""Calendar and lag features for the daily demand model."""

from datetime import date


def is_weekend(day: date) -> bool:
    """Saturday and Sunday sell differently from weekdays."""
    return day.weekday() >= 5


def lagged(sales: list[float], lag: int) -> list[float | None]:
    """Each day's sales `lag` days earlier; None where there is no history yet."""
    if lag < 1:
        raise ValueError(f"lag must be at least 1, got {lag}")
    return [None] * min(lag, len(sales)) + sales[: max(len(sales) - lag, 0)]
