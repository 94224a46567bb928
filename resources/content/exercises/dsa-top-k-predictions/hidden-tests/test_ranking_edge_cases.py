import random
from collections.abc import Iterator

import pytest

from ranking import Prediction, most_confident, top_labels


class OneShot:
    """An iterable that can be read once, like a log file streamed from storage."""

    def __init__(self, items: list[Prediction]) -> None:
        self.items = items
        self.reads = 0

    def __iter__(self) -> Iterator[Prediction]:
        self.reads += 1
        if self.reads > 1:
            raise RuntimeError("the stream was read a second time")
        return iter(self.items)


def random_stream(n: int, seed: int) -> list[Prediction]:
    rng = random.Random(seed)
    labels = ["churn", "stay", "upgrade", "downgrade"]
    # Confidences with two decimals, so that ties are common.
    return [Prediction(f"req-{i}", rng.choice(labels), rng.randint(0, 100) / 100) for i in range(n)]


@pytest.mark.parametrize("k", [0, -1, -5])
def test_k_zero_or_negative_gives_nothing(k: int) -> None:
    stream = random_stream(20, seed=1)
    assert most_confident(stream, k) == []
    assert top_labels(stream, k) == []


def test_empty_stream() -> None:
    assert most_confident(iter([]), 3) == []
    assert top_labels(iter([]), 3) == []


def test_shorter_stream_than_k_gives_everything_sorted() -> None:
    stream = random_stream(7, seed=2)
    assert most_confident(stream, 50) == sorted(stream, key=lambda p: p.confidence, reverse=True)


def test_ties_keep_stream_order() -> None:
    stream = [
        Prediction("a", "stay", 0.9),
        Prediction("b", "stay", 0.95),
        Prediction("c", "churn", 0.9),
        Prediction("d", "churn", 0.9),
        Prediction("e", "churn", 0.5),
    ]
    assert [p.request_id for p in most_confident(stream, 3)] == ["b", "a", "c"]
    assert [p.request_id for p in most_confident(stream, 4)] == ["b", "a", "c", "d"]


@pytest.mark.parametrize("seed", range(5))
def test_matches_a_full_sort_on_random_streams(seed: int) -> None:
    stream = random_stream(2_000, seed=seed)
    k = random.Random(seed).randint(1, 60)
    expected = sorted(stream, key=lambda p: p.confidence, reverse=True)[:k]
    assert most_confident(OneShot(stream), k) == expected


def test_streams_are_read_once() -> None:
    stream = OneShot(random_stream(100, seed=9))
    most_confident(stream, 5)
    assert stream.reads == 1
    again = OneShot(random_stream(100, seed=9))
    top_labels(again, 2)
    assert again.reads == 1


def test_top_labels_ties_are_alphabetical() -> None:
    stream = [Prediction(str(i), label, 0.5) for i, label in enumerate(["stay", "upgrade", "churn", "upgrade", "churn", "stay", "downgrade"])]
    assert top_labels(stream, 4) == [("churn", 2), ("stay", 2), ("upgrade", 2), ("downgrade", 1)]
    assert top_labels(stream, 2) == [("churn", 2), ("stay", 2)]


@pytest.mark.parametrize("seed", range(3))
def test_top_labels_on_random_streams(seed: int) -> None:
    stream = random_stream(3_000, seed=seed)
    counts: dict[str, int] = {}
    for p in stream:
        counts[p.label] = counts.get(p.label, 0) + 1
    expected = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    assert top_labels(OneShot(stream), 3) == expected[:3]
    assert top_labels(stream, 10) == expected
