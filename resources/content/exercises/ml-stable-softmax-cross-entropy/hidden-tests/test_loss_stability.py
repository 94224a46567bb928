import math
import random

import pytest

from loss import cross_entropy, softmax


def test_very_negative_logits_keep_their_differences():
    assert softmax([-1000.0, -1001.0]) == pytest.approx([0.7310585786, 0.2689414214])
    assert cross_entropy([-1000.0, -1001.0], 1) == pytest.approx(1.3132616875)


def test_large_close_logits_are_not_rounded_to_a_winner():
    assert softmax([1000.0, 999.0, 998.0]) == pytest.approx([0.6652409558, 0.2447284711, 0.0900305732])


def test_a_wrong_confident_prediction_costs_the_whole_gap():
    assert cross_entropy([0.0, 1e4], 0) == pytest.approx(1e4)
    assert cross_entropy([3.0, 900.0, -5.0], 2) == pytest.approx(905.0)


def test_adding_the_same_number_to_every_logit_changes_nothing():
    rng = random.Random(7)
    for _ in range(20):
        logits = [rng.uniform(-5.0, 5.0) for _ in range(4)]
        shift = rng.choice([-1, 1]) * rng.uniform(500.0, 5000.0)
        moved = [z + shift for z in logits]
        assert softmax(moved) == pytest.approx(softmax(logits))
        loss = cross_entropy(moved, 2)
        assert math.isfinite(loss)
        assert loss == pytest.approx(cross_entropy(logits, 2))
