"""Gap filling for the cold-chain temperature readings."""


def fill_missing(values):
    """A new list in which each None is the median of the values present.

    Zero is a reading, not a gap. The input list is left unchanged. Raises ValueError
    when no value is present.
    """
    known = sorted(x for x in values if x is not None)
    n = len(known)
    if n == 0:
        raise ValueError("no readings to fill the gaps from")
    half = n // 2
    fill = known[half] if n % 2 else (known[half - 1] + known[half]) / 2
    out = []
    for x in values:
        out.append(fill if x is None else x)
    return out
