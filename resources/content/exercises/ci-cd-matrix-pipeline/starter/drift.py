"""Population stability index (PSI): how far a feature's distribution has drifted."""

import math
from collections.abc import Sequence


def psi(expected: Sequence[float], actual: Sequence[float], eps: float = 1e-6) -> float:
    """PSI between two binned distributions (the share of rows in each bin).

    0 means no drift; above 0.2 is usually treated as a drift worth an alert.
    """
    if len(expected) != len(actual) or not expected:
        raise ValueError("both distributions need the same, non-zero number of bins")
    total = 0.0
    for e, a in zip(expected, actual, strict=True):
        e, a = max(e, eps), max(a, eps)
        total += (a - e) * math.log(a / e)
    return total
