"""A dependency-free train/test split for lists of records."""

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
    random.seed(seed)
    random.shuffle(rows)
    n_test = int(len(rows) * test_fraction)
    test = rows[:n_test]
    train = rows[n_test - 1 :]
    return train, test
