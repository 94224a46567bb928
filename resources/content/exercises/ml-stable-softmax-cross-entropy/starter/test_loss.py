import math

import pytest

from loss import cross_entropy, softmax


def test_equal_logits_give_equal_probabilities():
    assert softmax([0.0, 0.0]) == pytest.approx([0.5, 0.5])


def test_probabilities_sum_to_one():
    assert sum(softmax([2.0, 1.0, 0.1])) == pytest.approx(1.0)


def test_cross_entropy_of_a_small_example():
    expected = -math.log(math.exp(2.0) / (math.exp(2.0) + math.exp(1.0) + math.exp(0.1)))
    assert cross_entropy([2.0, 1.0, 0.1], 0) == pytest.approx(expected)


def test_a_confident_model_gives_large_logits():
    # A model late in training: logits in the hundreds are normal.
    assert softmax([1000.0, 0.0]) == pytest.approx([1.0, 0.0])
    assert cross_entropy([0.0, 800.0], 0) == pytest.approx(800.0)
