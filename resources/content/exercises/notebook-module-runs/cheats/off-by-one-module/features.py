def add_lags(series: list[float], lags: list[int]) -> list[dict[str, float | None]]:
    """Lagged rows."""
    rows: list[dict[str, float | None]] = []
    for i, value in enumerate(series):
        row: dict[str, float | None] = {"y": value}
        for lag in lags:
            row[f"lag_{lag}"] = series[i - lag + 1] if i >= lag else None
        rows.append(row)
    return rows
