import random

import pytest

from auc import roc_auc


def by_definition(labels: list[int], scores: list[float]) -> float:
    """Every positive-negative pair: a win counts 1, a tie a half."""
    pos = [s for s, y in zip(scores, labels) if y == 1]
    neg = [s for s, y in zip(scores, labels) if y == 0]
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


@pytest.mark.parametrize("seed", range(8))
def test_matches_the_definition_with_many_tied_scores(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(20, 120)
    labels = [rng.randint(0, 1) for _ in range(n)] + [0, 1]
    # A tree model's scores: a handful of distinct values, so ties everywhere.
    scores = [rng.choice([0.1, 0.25, 0.5, 0.75, 0.9]) for _ in labels]
    assert roc_auc(labels, scores) == pytest.approx(by_definition(labels, scores))


@pytest.mark.parametrize("seed", range(4))
def test_matches_the_definition_on_distinct_scores_in_any_order(seed: int) -> None:
    rng = random.Random(100 + seed)
    labels = [rng.randint(0, 1) for _ in range(80)] + [0, 1]
    scores = [rng.random() for _ in labels]
    assert roc_auc(tuple(labels), tuple(scores)) == pytest.approx(by_definition(labels, scores))


@pytest.mark.parametrize(
    ("labels", "scores"),
    [([0, 1, 1], [0.1, 0.2]), ([0, 2, 1], [0.1, 0.2, 0.3]), ([1, 1, 1], [0.1, 0.2, 0.3]), ([0, 0], [0.1, 0.2]), ([], [])],
    ids=["lengths-differ", "label-2", "no-negative", "no-positive", "empty"],
)
def test_refuses_what_has_no_auc(labels: list[int], scores: list[float]) -> None:
    with pytest.raises(ValueError):
        roc_auc(labels, scores)
