from typing import Optional


def _shifted(series: list[float], lag: int) -> list[Optional[float]]:
    padding: list[Optional[float]] = [None] * min(lag, len(series))
    return padding + list(series[: len(series) - lag])


def add_lags(series: list[float], lags: list[int]) -> list[dict[str, Optional[float]]]:
    """Add lag_<k> columns, the series shifted down by k (None where nothing came before)."""
    columns = {f"lag_{lag}": _shifted(series, lag) for lag in lags}
    return [
        {"y": value, **{name: column[i] for name, column in columns.items()}}
        for i, value in enumerate(series)
    ]
