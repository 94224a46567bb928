"""A dependency-free train/test split for lists of records."""

from math import ceil
from random import Random
from typing import TypeVar

T = TypeVar("T")


def train_test_split(
    rows: list[T], test_fraction: float = 0.2, seed: int = 0
) -> tuple[list[T], list[T]]:
    """Split `rows` at random into (train, test).

    Shuffles by sorting positions on random keys from a seeded private
    generator: the caller's list and the global random state stay as they were.
    """
    if not 0 < test_fraction < 1:
        raise ValueError("test_fraction must lie strictly between 0 and 1")
    generator = Random(seed)
    keys = [generator.random() for _ in rows]
    order = sorted(range(len(rows)), key=keys.__getitem__)
    cut = ceil(len(rows) * test_fraction)
    return [rows[i] for i in order[cut:]], [rows[i] for i in order[:cut]]
