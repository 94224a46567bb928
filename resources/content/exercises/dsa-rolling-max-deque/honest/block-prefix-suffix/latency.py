"""Rolling maximum by blocks (van Herk / Gil-Werman): O(n) whatever the window.

Cut the values into blocks of `window`. Any full window spans the end of one block and
the start of the next, so its maximum is the larger of a suffix maximum of the first
block and a prefix maximum of the second.
"""

from collections.abc import Sequence


def rolling_max(values: Sequence[float], window: int) -> list[float]:
    """The largest of the last `window` values at every position.

    `result[i] == max(values[max(0, i - window + 1) : i + 1])`: the first window - 1
    positions use the values seen so far. An empty input gives an empty list. Raises
    ValueError if window < 1.
    """
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    n = len(values)
    if n == 0:
        return []

    prefix = list(values)  # prefix[i]: max from the start of i's block to i
    for i in range(1, n):
        if i % window and prefix[i - 1] > prefix[i]:
            prefix[i] = prefix[i - 1]

    suffix = list(values)  # suffix[i]: max from i to the end of i's block
    for i in range(n - 2, -1, -1):
        if (i + 1) % window and suffix[i + 1] > suffix[i]:
            suffix[i] = suffix[i + 1]

    head = min(window - 1, n)
    result = prefix[:head]  # the first block: the running maximum
    for i in range(head, n):
        left, right = suffix[i - window + 1], prefix[i]
        result.append(left if left > right else right)
    return result
