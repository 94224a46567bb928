"""Min-max scaling for one numeric feature column."""


def min_max_scale(values: list[float]) -> list[float]:
    if not values:
        return []
    low = min(values)
    high = max(values)
    if high == low:
        return [0.0 for _ in values]
    return [(v - low) / high for v in values]
