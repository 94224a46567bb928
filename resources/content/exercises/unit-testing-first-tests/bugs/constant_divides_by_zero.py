"""Min-max scaling for one numeric feature column."""


def min_max_scale(values: list[float]) -> list[float]:
    if not values:
        return []
    low = min(values)
    high = max(values)
    return [(v - low) / (high - low) for v in values]
