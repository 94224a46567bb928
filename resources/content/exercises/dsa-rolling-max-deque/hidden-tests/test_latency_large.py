"""Edge cases, and a time budget on a day-sized input.

The large-input test measures rolling_max from outside the process that runs it (Upskill
runs your code in a worker process of its own; the clock is the test's, and a call that
runs past the budget is stopped there), so nothing in latency.py can change the figure.
"""

import os
import random
import time
from collections.abc import Callable
from typing import Any

import pytest

from latency import rolling_max

try:
    from upskill_judge import measure
except ImportError:  # run by hand: timed in this process (no stopping at the budget)

    class _Measured:
        def __init__(self, value: Any, seconds: float, cpu_seconds: float, args: tuple[Any, ...]) -> None:
            self.finished, self.value, self.seconds, self.cpu_seconds, self.args = True, value, seconds, cpu_seconds, list(args)

    def measure(fn: Callable[..., Any], *args: Any, timeout: float = 60.0, cpu_timeout: float | None = None, **kwargs: Any) -> Any:
        started, cpu = time.perf_counter(), time.process_time()
        value = fn(*args, **kwargs)
        return _Measured(value, time.perf_counter() - started, time.process_time() - cpu, args)


N = 1_000_000
WINDOW = 500_000
# The budget is CPU time, which a machine busy with other work does not inflate. A call is
# stopped one CPU second past it (the kernel's limit on the process running your code), or
# after a minute of wall clock if it waits instead of computing.
BUDGET_SECONDS = 5.0
STOP_AFTER_CPU_SECONDS = BUDGET_SECONDS + 1
STOP_AFTER_SECONDS = 60.0


def day_of_latencies(shape: str, rng: random.Random) -> list[float]:
    if shape == "random":
        return [rng.uniform(5.0, 2_000.0) for _ in range(N)]
    # A steady climb (or fall): each value a small random step from the one before.
    step, level, values = (1.0 if shape == "rising" else -1.0), 50_000.0, []
    for _ in range(N):
        level += step * rng.uniform(0.001, 0.01)
        values.append(level)
    return values


BLOCK = 1_024


def block_maxima(values: list[float]) -> list[float]:
    return [max(values[i : i + BLOCK]) for i in range(0, len(values), BLOCK)]


def window_max(values: list[float], blocks: list[float], lo: int, hi: int) -> float:
    """max(values[lo : hi + 1]) from the whole blocks inside the window and the two ends:
    the test's own answer, cheap enough to check thousands of positions of a 500 000 window."""
    first, last = -(-lo // BLOCK), (hi + 1) // BLOCK
    if first >= last:
        return max(values[lo : hi + 1])
    parts = [max(blocks[first:last])]
    if lo < first * BLOCK:
        parts.append(max(values[lo : first * BLOCK]))
    if last * BLOCK <= hi:
        parts.append(max(values[last * BLOCK : hi + 1]))
    return max(parts)


def test_day_sized_input_within_the_time_budget() -> None:
    """1 000 000 values, window 500 000, falling then rising then random: 5 s of CPU each at most.

    The steady fall and rise come first: they are what defeats a shortcut that is fast on
    random data, so such a shortcut is stopped before two more day-sized runs."""
    rng = random.Random(int.from_bytes(os.urandom(8), "big"))
    for shape in ("falling", "rising", "random"):
        values = day_of_latencies(shape, rng)
        run = measure(rolling_max, values, WINDOW, timeout=STOP_AFTER_SECONDS, cpu_timeout=STOP_AFTER_CPU_SECONDS)
        assert run.finished, (
            f"rolling_max on {N:,} {shape} values (window {WINDOW:,}) was still running after {STOP_AFTER_CPU_SECONDS:.0f} s of CPU time "
            f"(or {STOP_AFTER_SECONDS:.0f} s of wall clock) and was stopped; "
            f"an O(n) solution takes well under a second"
        )
        result = run.value
        assert type(result) is list and len(result) == N, f"rolling_max on {shape} values did not return a list of {N:,} values"
        checked = rng.sample(range(N), 2_000) + [0, 1, WINDOW - 1, WINDOW, N - 1]
        blocks = block_maxima(values)
        wrong = [i for i in checked if result[i] != window_max(values, blocks, max(0, i - WINDOW + 1), i)]
        assert not wrong, f"rolling_max gave wrong values on the {shape} input, at positions {wrong[:5]}"
        assert run.args[0] == values, f"rolling_max changed its input list ({shape} values)"
        spent = run.cpu_seconds if run.cpu_seconds is not None else run.seconds
        assert spent <= BUDGET_SECONDS, (
            f"rolling_max on {N:,} {shape} values took {spent:.1f} s of CPU time, over the {BUDGET_SECONDS:.0f} s budget; "
            f"an O(n) solution takes well under a second"
        )


def brute(values: list[float], window: int) -> list[float]:
    return [max(values[max(0, i - window + 1) : i + 1]) for i in range(len(values))]


def test_empty_input() -> None:
    assert rolling_max([], 3) == []


@pytest.mark.parametrize("window", [0, -1, -50])
def test_window_below_one_raises(window: int) -> None:
    with pytest.raises(ValueError):
        rolling_max([1.0, 2.0, 3.0], window)


def test_window_longer_than_the_input_is_a_running_max() -> None:
    values = [5.0, 3.0, 8.0, 1.0, 9.0, 2.0]
    assert rolling_max(values, 100) == [5.0, 5.0, 8.0, 8.0, 9.0, 9.0]


def test_equal_values_and_negatives() -> None:
    values = [-3.0, -3.0, -7.0, -3.0, -9.0, -9.0, -9.0, -1.0]
    assert rolling_max(values, 2) == brute(values, 2)
    assert rolling_max(values, 3) == brute(values, 3)


def test_accepts_any_sequence_and_leaves_it_alone() -> None:
    values = (4.0, 2.0, 12.0, 3.0, 1.0, 0.5)
    assert rolling_max(values, 2) == [4.0, 4.0, 12.0, 12.0, 3.0, 1.0]
    as_list = list(values)
    rolling_max(as_list, 3)
    assert as_list == list(values)


@pytest.mark.parametrize("seed", range(8))
def test_matches_brute_force_on_random_inputs(seed: int) -> None:
    rng = random.Random(seed)
    values = [float(rng.randint(0, 20)) for _ in range(rng.randint(1, 400))]
    for window in (1, 2, 3, rng.randint(1, 50), len(values), len(values) + 5):
        assert rolling_max(values, window) == brute(values, window)
