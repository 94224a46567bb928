import random
from collections.abc import Sequence
from typing import overload

from events import asof_join, count_in_window, latest_at_or_before

LOG = [100.0, 101.5, 101.5, 103.0, 107.0, 110.0]


def test_count_in_window() -> None:
    assert count_in_window(LOG, 101.5, 107.0) == 3
    assert count_in_window(LOG, 0.0, 1_000.0) == 6
    assert count_in_window(LOG, 104.0, 106.0) == 0


def test_latest_at_or_before() -> None:
    assert latest_at_or_before(LOG, 101.5) == 2
    assert latest_at_or_before(LOG, 108.0) == 4
    assert latest_at_or_before(LOG, 99.0) is None


def test_asof_join_never_uses_a_future_value() -> None:
    times = [10.0, 20.0, 30.0]
    values = [0.1, 0.2, 0.3]
    assert asof_join(times, values, [5.0, 10.0, 25.0, 99.0]) == [None, 0.1, 0.2, 0.3]


class CountingSequence(Sequence[float]):
    """A read-only sorted list that counts the elements read from it.

    Reading more than `budget` elements stops the test at once (the message says how
    many), so that a linear scan over a long log fails fast.
    """

    def __init__(self, data: list[float], budget: int = 100) -> None:
        self.budget = budget
        self.reads = 0
        self._len = len(data)

        def read(i: int | slice) -> float | list[float]:
            part = data[i]
            self.reads += len(part) if isinstance(part, list) else 1
            if self.reads > self.budget:
                raise AssertionError(f"read more than {self.budget:,} of {len(data):,} elements (the test's budget for this call)")
            return part

        self._read = read

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, i: int) -> float: ...
    @overload
    def __getitem__(self, i: slice) -> list[float]: ...
    def __getitem__(self, i: int | slice) -> float | list[float]:
        return self._read(i)


def a_day_of_requests(n: int, seed: int) -> list[float]:
    rng = random.Random(seed)
    return sorted(rng.uniform(0, 86_400) for _ in range(n))


def test_lookups_read_about_log2_n_elements() -> None:
    """200 000 events: each call may read at most 100 elements (binary search needs ~36)."""
    log = CountingSequence(a_day_of_requests(200_000, seed=7), budget=100)
    rng = random.Random(8)
    for _ in range(50):
        start = rng.uniform(0, 86_400)
        end = start + rng.uniform(0, 3_600)
        log.reads = 0
        count_in_window(log, start, end)
        log.reads = 0
        latest_at_or_before(log, start)
