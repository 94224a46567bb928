"""Gap filling for the cold-chain temperature readings."""

from statistics import median


def fill_missing(values):
    """A new list in which each None is the median of the values present.

    Zero is a reading, not a gap. The input list is left unchanged. Raises ValueError
    when no value is present.
    """
    present = [v for v in values if v]
    if not present:
        raise ValueError("no readings to fill the gaps from")
    middle = median(present)
    return [middle if v is None else v for v in values]
