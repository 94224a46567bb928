"""Min-max scaling for one numeric feature column."""


def min_max_scale(values: list[float]) -> list[float]:
    """Scale `values` linearly to the range [0, 1].

    The smallest value becomes 0.0 and the largest 1.0.
    An empty list gives an empty list.
    A constant column (all values equal) gives a list of 0.0 of the same length.
    The input list is never modified; a new list is returned.
    """
    scaled: list[float] = []
    if values:
        lo, hi = min(values), max(values)
        width = hi - lo
        for x in values:
            scaled.append(0.0 if hi == lo else (x - lo) / width)
    return scaled
