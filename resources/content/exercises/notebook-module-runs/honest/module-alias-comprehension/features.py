from collections.abc import Sequence


def add_lags(series: Sequence[float], lags: Sequence[int]) -> list[dict[str, float | None]]:
    """Rows of y and its lagged values; a lag that reaches before the series is None."""
    return [
        {"y": y, **{f"lag_{k}": (series[i - k] if i - k >= 0 else None) for k in lags}}
        for i, y in enumerate(series)
    ]
