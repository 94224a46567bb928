"""Features for the demand forecast, shared by the notebook, training and serving."""


def add_lags(series: list[float], lags: list[int]) -> list[dict[str, float | None]]:
    """One row per value: "y" is the value, "lag_<k>" the value k steps before (None before the start)."""
    rows: list[dict[str, float | None]] = []
    for i, value in enumerate(series):
        row: dict[str, float | None] = {"y": value}
        for lag in lags:
            row[f"lag_{lag}"] = series[i - lag] if i >= lag else None
        rows.append(row)
    return rows
