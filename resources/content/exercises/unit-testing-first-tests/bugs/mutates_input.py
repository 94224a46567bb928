"""Min-max scaling for one numeric feature column."""


def min_max_scale(values: list[float]) -> list[float]:
    if not values:
        return []
    low = min(values)
    high = max(values)
    for i, v in enumerate(values):
        values[i] = 0.0 if high == low else (v - low) / (high - low)
    return values
