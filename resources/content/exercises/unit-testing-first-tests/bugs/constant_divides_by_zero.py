"""Min-max scaling for one numeric feature column."""


def min_max_scale(values: list[float]) -> list[float]:
    """Scale `values` linearly to the range [0, 1].

    The smallest value becomes 0.0 and the largest 1.0.
    An empty list gives an empty list.
    A constant column (all values equal) gives a list of 0.0 of the same length.
    The input list is never modified; a new list is returned.
    """
    if not values:
        return []
    low = min(values)
    high = max(values)
    return [(v - low) / (high - low) for v in values]
