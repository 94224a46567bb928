"""Edge cases, and a time budget on a day-sized input.

The large-input test runs rolling_max in a separate Python process with a watchdog, so
that a slow solution is stopped after the budget instead of running for minutes.
"""

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from latency import rolling_max

N = 1_000_000
WINDOW = 500_000
BUDGET_SECONDS = 5.0

# Runs in a fresh interpreter in this folder. The clock and the watchdog are taken before
# latency.py is imported, so nothing in it can change them.
CHILD = r"""
import json, os, random, sys, threading, time

perf_counter, Timer, exit_now = time.perf_counter, threading.Timer, os._exit
shape, n, window, budget = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])

from latency import rolling_max

rng = random.Random(int.from_bytes(os.urandom(8), "big"))
if shape == "random":
    values = [rng.uniform(5.0, 2_000.0) for _ in range(n)]
else:
    # A steady climb (or fall): each value a small random step from the one before.
    step, level, values = (1.0 if shape == "rising" else -1.0), 50_000.0, []
    for _ in range(n):
        level += step * rng.uniform(0.001, 0.01)
        values.append(level)
original = list(values)


def too_slow():
    sys.stdout.write(json.dumps({"finished": False}) + "\n")
    sys.stdout.flush()
    exit_now(0)


watchdog = Timer(budget, too_slow)
watchdog.daemon = True
watchdog.start()
started = perf_counter()
result = rolling_max(values, window)
seconds = perf_counter() - started
watchdog.cancel()
checked = rng.sample(range(n), 100) + [0, 1, window - 1, window, n - 1]
wrong = [] if type(result) is list and len(result) == n else ["not a list of n values"]
wrong += [i for i in checked if not wrong and result[i] != max(original[max(0, i - window + 1) : i + 1])]
sys.stdout.write(json.dumps({"finished": True, "seconds": seconds, "wrong": wrong[:5], "unchanged": values == original}) + "\n")
"""


def test_day_sized_input_within_the_time_budget() -> None:
    """1 000 000 values, window 500 000, random then rising then falling: 5 s each at most."""
    folder = Path(__file__).resolve().parent
    for shape in ("random", "rising", "falling"):
        try:
            run = subprocess.run(
                [sys.executable, "-c", CHILD, shape, str(N), str(WINDOW), str(BUDGET_SECONDS)],
                cwd=folder,
                capture_output=True,
                text=True,
                timeout=BUDGET_SECONDS + 60,
            )
        except subprocess.TimeoutExpired:
            pytest.fail(f"rolling_max on {N:,} {shape} values (window {WINDOW:,}) did not finish: it was stopped after {BUDGET_SECONDS + 60:.0f} s")
        lines = run.stdout.strip().splitlines()
        assert lines, f"the timing run on {shape} values crashed:\n{run.stderr[-2000:]}"
        report = json.loads(lines[-1])
        assert report["finished"], (
            f"rolling_max on {N:,} {shape} values (window {WINDOW:,}) took more than {BUDGET_SECONDS:.0f} s and was stopped; "
            f"an O(n) solution takes well under a second"
        )
        assert not report["wrong"], f"rolling_max gave wrong values on the {shape} input, at positions {report['wrong']}"
        assert report["unchanged"], f"rolling_max changed its input list ({shape} values)"
        assert report["seconds"] <= BUDGET_SECONDS


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
