"""Gap filling for the cold-chain temperature readings (copy, then fill)."""

import statistics


def fill_missing(values):
    """A new list in which each None is the median of the values present.

    Zero is a reading, not a gap. The input list is left unchanged. Raises ValueError
    when no value is present.
    """
    result = list(values)
    gaps = [i for i, x in enumerate(result) if x is None]
    if len(gaps) == len(result):
        raise ValueError("no readings to fill the gaps from")
    fill = statistics.median(x for x in result if x is not None)
    for i in gaps:
        result[i] = fill
    return result
