import os
import random
import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any

from ranking import Prediction, most_confident, top_labels

try:
    # In Upskill's check the memory is measured from outside: most_confident runs in a
    # process of its own, and how far that process's memory rose is read from the OS.
    from upskill_judge import measure
except ImportError:  # run by hand: measured in this process, with tracemalloc

    class _Measured:
        def __init__(self, value: Any, peak_bytes: int) -> None:
            self.value, self.peak_bytes = value, peak_bytes

    def measure(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        tracemalloc.start()
        try:
            value = fn(*args, **kwargs)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        return _Measured(value, peak)

SAMPLE = [
    Prediction("r1", "churn", 0.62),
    Prediction("r2", "stay", 0.97),
    Prediction("r3", "churn", 0.55),
    Prediction("r4", "stay", 0.91),
    Prediction("r5", "churn", 0.88),
]


def test_most_confident_highest_first() -> None:
    assert most_confident(SAMPLE, 3) == [SAMPLE[1], SAMPLE[3], SAMPLE[4]]


def test_most_confident_reads_a_generator() -> None:
    stream = (p for p in SAMPLE)
    assert [p.request_id for p in most_confident(stream, 2)] == ["r2", "r4"]


def test_top_labels_counts() -> None:
    assert top_labels(SAMPLE, 1) == [("churn", 3)]
    assert top_labels(SAMPLE, 5) == [("churn", 3), ("stay", 2)]


class Traffic:
    """n predictions, made one at a time as the function asks for them (a stream, like a log
    file read line by line); iterating again gives the same predictions."""

    def __init__(self, n: int, seed: int) -> None:
        self.n, self.seed = n, seed

    def __iter__(self) -> Iterator[Prediction]:
        rng = random.Random(self.seed)
        for i in range(self.n):
            yield Prediction(f"req-{i:07d}", rng.choice(["churn", "stay"]), rng.random())


def test_most_confident_keeps_about_k_predictions_in_memory() -> None:
    """100 000 predictions, k = 10: memory may grow by under 5 MB while they are read (all of them take about 20 MB)."""
    traffic = Traffic(100_000, seed=int.from_bytes(os.urandom(4), "big"))
    run = measure(most_confident, traffic, 10)
    expected = sorted(traffic, key=lambda p: p.confidence, reverse=True)[:10]
    assert [tuple(p) for p in run.value] == [tuple(p) for p in expected]
    assert run.peak_bytes < 5_000_000, f"memory grew by {run.peak_bytes:,} bytes while most_confident read the stream; keep only about k predictions"
