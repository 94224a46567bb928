import bisect
import random

import pytest

from events import asof_join, count_in_window, latest_at_or_before
from test_events import CountingSequence, a_day_of_requests


def brute_count(ts: list[float], start: float, end: float) -> int:
    return sum(1 for t in ts if start <= t < end)


def brute_latest(ts: list[float], t: float) -> int | None:
    found = [i for i, x in enumerate(ts) if x <= t]
    return found[-1] if found else None


def test_empty_log() -> None:
    assert count_in_window([], 0.0, 10.0) == 0
    assert latest_at_or_before([], 5.0) is None
    assert asof_join([], [], [1.0, 2.0]) == [None, None]


def test_window_bounds_are_half_open_with_repeated_times() -> None:
    log = [1.0, 2.0, 2.0, 2.0, 3.0, 3.0, 4.0]
    assert count_in_window(log, 2.0, 3.0) == 3
    assert count_in_window(log, 2.0, 3.000001) == 5
    assert count_in_window(log, 1.0, 1.0) == 0
    assert count_in_window(log, 4.0, 5.0) == 1


@pytest.mark.parametrize(("start", "end"), [(5.0, 5.0), (7.0, 3.0), (100.0, -100.0)])
def test_empty_or_backwards_window(start: float, end: float) -> None:
    assert count_in_window([1.0, 3.0, 5.0, 7.0, 9.0], start, end) == 0


def test_latest_with_repeated_times_is_the_last_of_them() -> None:
    log = [1.0, 2.0, 2.0, 2.0, 3.0]
    assert latest_at_or_before(log, 2.0) == 3
    assert latest_at_or_before(log, 2.5) == 3
    assert latest_at_or_before(log, 1.0) == 0
    assert latest_at_or_before(log, 0.999) is None
    assert latest_at_or_before(log, 50.0) == 4


@pytest.mark.parametrize("seed", range(5))
def test_matches_brute_force_on_random_logs(seed: int) -> None:
    rng = random.Random(seed)
    # Whole seconds, so that repeated times and queries on an event are common.
    log = sorted(float(rng.randint(0, 200)) for _ in range(rng.randint(1, 300)))
    for _ in range(200):
        a, b = float(rng.randint(-10, 210)), float(rng.randint(-10, 210))
        assert count_in_window(log, a, b) == brute_count(log, a, b)
        assert latest_at_or_before(log, a) == brute_latest(log, a)


def test_asof_join_takes_the_last_value_at_a_repeated_time() -> None:
    times = [10.0, 20.0, 20.0, 30.0]
    values = [1.0, 2.0, 2.5, 3.0]
    assert asof_join(times, values, [20.0, 19.999, 30.0, 9.0]) == [2.5, 1.0, 3.0, None]


def test_asof_join_refuses_mismatched_lengths() -> None:
    with pytest.raises(ValueError):
        asof_join([1.0, 2.0], [0.5], [1.5])


def test_asof_join_reads_about_log2_n_per_query() -> None:
    """200 000 feature updates, 100 queries in random order: at most 100 reads per query."""
    rng = random.Random(12)
    queries = [rng.uniform(-100, 86_500) for _ in range(100)]
    data = a_day_of_requests(200_000, seed=11)
    times = CountingSequence(data, budget=100 * len(queries))
    values = CountingSequence([float(i % 97) for i in range(200_000)], budget=len(queries))
    result = asof_join(times, values, queries)
    # The expected answers come from the standard library, here: the 200 000 times stay in
    # the test's process instead of crossing to the exercise's code once per query.
    expected = [bisect.bisect_right(data, q) - 1 for q in queries]
    assert result == [None if i < 0 else float(i % 97) for i in expected]


def a_burst_then_quiet(n: int, seed: int) -> list[float]:
    """An outage retried in a storm: all but two requests in the day's first second."""
    rng = random.Random(seed)
    return sorted(rng.random() for _ in range(n - 2)) + [43_200.0, 86_399.0]


def growing_traffic(n: int) -> list[float]:
    """Traffic that doubles every 7 000 requests: the times bunch up geometrically."""
    return [100.0 * 1.0001**i for i in range(n)]


@pytest.mark.parametrize("shape", ["burst", "geometric"])
def test_lookups_read_about_log2_n_on_unevenly_spread_times(shape: str) -> None:
    """Binary search reads ~log2(n) whatever the times are; a search that guesses the place
    from the values (interpolation search) reads thousands on logs like these."""
    data = a_burst_then_quiet(200_000, seed=21) if shape == "burst" else growing_traffic(200_000)
    log = CountingSequence(data, budget=100)
    rng = random.Random(22)
    for _ in range(50):
        # Queries where the events are: between two neighbours, on an event, across a gap.
        i = rng.randrange(len(data) - 1)
        start = (data[i] + data[i + 1]) / 2 if rng.random() < 0.5 else data[i]
        end = data[min(i + rng.randrange(1, 5_000), len(data) - 1)]
        log.reads = 0
        assert count_in_window(log, start, end) == bisect.bisect_left(data, end) - bisect.bisect_left(data, start)
        log.reads = 0
        assert latest_at_or_before(log, start) == bisect.bisect_right(data, start) - 1
    queries = [data[rng.randrange(len(data))] * rng.choice([1.0, 1.00001]) for _ in range(50)]
    times = CountingSequence(data, budget=100 * len(queries))
    assert asof_join(times, list(range(len(data))), queries) == [bisect.bisect_right(data, q) - 1 for q in queries]
