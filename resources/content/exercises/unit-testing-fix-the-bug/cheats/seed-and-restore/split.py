"""A dependency-free train/test split for lists of records."""

import math
import random
from typing import TypeVar

T = TypeVar("T")


def train_test_split(
    rows: list[T], test_fraction: float = 0.2, seed: int = 0
) -> tuple[list[T], list[T]]:
    """Split `rows` at random into (train, test).

    - Every row ends up in exactly one of train or test.
    - The test set has math.ceil(len(rows) * test_fraction) rows.
    - The same seed always gives the same split.
    - `rows` itself is not modified.
    - The global `random` state is left alone: code that seeded `random`
      before the call gets the same random numbers after it.
    - A test_fraction outside the open interval (0, 1) raises ValueError.
    """
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be between 0 and 1, got {test_fraction}")
    shuffled = list(rows)
    # The global generator, seeded, then put back as it was.
    saved = random.getstate()
    random.seed(seed)
    random.shuffle(shuffled)
    random.setstate(saved)
    n_test = math.ceil(len(shuffled) * test_fraction)
    test = shuffled[:n_test]
    train = shuffled[n_test:]
    return train, test
