"""A dependency-free train/test split for lists of records."""

import math
import random
from typing import TypeVar

T = TypeVar("T")


def train_test_split(
    rows: list[T], test_fraction: float = 0.2, seed: int = 0
) -> tuple[list[T], list[T]]:
    """Split `rows` at random into (train, test).

    The test rows are a sample drawn by a generator of our own, so the global
    `random` state is never touched; the training rows keep their input order.
    """
    if not (0.0 < test_fraction < 1.0):
        raise ValueError(f"test_fraction must be in (0, 1), not {test_fraction}")
    n_test = math.ceil(test_fraction * len(rows))
    picked = random.Random(seed).sample(range(len(rows)), n_test)
    chosen = set(picked)
    test = [rows[i] for i in picked]
    train = [row for i, row in enumerate(rows) if i not in chosen]
    return train, test
