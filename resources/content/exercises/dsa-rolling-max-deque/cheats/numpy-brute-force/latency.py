"""Cheat: the same O(n * window) brute force, vectorised with NumPy."""

from collections.abc import Sequence

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def rolling_max(values: Sequence[float], window: int) -> list[float]:
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    if len(values) == 0:
        return []
    arr = np.asarray(values, dtype=float)
    head = np.maximum.accumulate(arr[: min(window - 1, len(arr))])
    if len(arr) < window:
        return [float(x) for x in head]
    body = sliding_window_view(arr, window).max(axis=1)
    return [float(x) for x in np.concatenate([head, body])]
