"""Min-max scaling for one numeric feature column."""


def min_max_scale(values: list[float]) -> list[float]:
    """Scale `values` linearly to the range [0, 1].

    The smallest value becomes 0.0 and the largest 1.0.
    An empty list gives an empty list.
    A constant column (all values equal) gives a list of 0.0 of the same length.
    The input list is never modified; a new list is returned.
    """
    if len(values) == 0:
        return []
    smallest = largest = values[0]
    for value in values[1:]:
        if value < smallest:
            smallest = value
        elif value > largest:
            largest = value
    if largest == smallest:
        return [0.0] * len(values)
    span = largest - smallest
    return [(value - smallest) / span for value in values]
