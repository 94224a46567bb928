# The memory test measures with tracemalloc, so it is imported before the module under test.
import tracemalloc  # isort: skip

import os
import random
from collections.abc import Iterator

from ranking import Prediction, most_confident, top_labels

traced_memory = tracemalloc.get_traced_memory

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


class Tracked(Prediction):
    """A Prediction that counts how many of its kind are alive."""

    __slots__ = ()
    alive = 0

    def __new__(cls, request_id: str, label: str, confidence: float) -> "Tracked":
        Tracked.alive += 1
        return super().__new__(cls, request_id, label, confidence)

    def __del__(self) -> None:
        Tracked.alive -= 1


class Traffic:
    """n predictions, made one at a time as the function asks for them.

    While they are read it records the most predictions alive at once and the most
    memory allocated since the start (tracemalloc's current size, every 500 predictions).
    """

    def __init__(self, n: int, seed: int) -> None:
        self.n, self.seed = n, seed
        self.most_alive = 0
        self.most_bytes = 0

    def predictions(self) -> Iterator[Prediction]:
        rng = random.Random(self.seed)
        for i in range(self.n):
            yield Prediction(f"req-{i:07d}", rng.choice(["churn", "stay"]), rng.random())

    def __iter__(self) -> Iterator[Prediction]:
        start, _ = traced_memory()
        for i, p in enumerate(self.predictions()):
            if i % 500 == 0:
                assert tracemalloc.is_tracing(), "tracemalloc was stopped while most_confident ran"
                self.most_bytes = max(self.most_bytes, traced_memory()[0] - start)
            self.most_alive = max(self.most_alive, Tracked.alive)
            yield Tracked(*p)
        self.most_alive = max(self.most_alive, Tracked.alive)
        self.most_bytes = max(self.most_bytes, traced_memory()[0] - start)


def test_most_confident_keeps_about_k_predictions_in_memory() -> None:
    """50 000 predictions, k = 10: at most 30 alive at once, and under 250 kB held."""
    traffic = Traffic(50_000, seed=int.from_bytes(os.urandom(4), "big"))
    Tracked.alive = 0
    tracemalloc.start()
    try:
        top = most_confident(traffic, 10)
    finally:
        tracemalloc.stop()
    expected = sorted(traffic.predictions(), key=lambda p: p.confidence, reverse=True)[:10]
    assert [tuple(p) for p in top] == [tuple(p) for p in expected]
    assert traffic.most_alive <= 30, f"{traffic.most_alive:,} predictions were alive at once; keep only about k"
    assert traffic.most_bytes < 250_000, f"most_confident held {traffic.most_bytes:,} bytes while reading the stream; keep only about k predictions"
