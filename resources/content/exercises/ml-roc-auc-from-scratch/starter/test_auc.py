import pytest

from auc import roc_auc


def test_a_perfect_ranking_scores_one() -> None:
    assert roc_auc([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9]) == pytest.approx(1.0)


def test_a_reversed_ranking_scores_zero() -> None:
    assert roc_auc([1, 1, 0, 0], [0.1, 0.2, 0.8, 0.9]) == pytest.approx(0.0)


def test_one_pair_out_of_order() -> None:
    # Four positive-negative pairs; the positive 0.3 ranks below the negative 0.4.
    assert roc_auc([0, 1, 0, 1], [0.1, 0.3, 0.4, 0.9]) == pytest.approx(0.75)


def test_a_model_that_scores_everyone_the_same_is_a_coin_flip() -> None:
    assert roc_auc([0, 1, 0, 1, 1], [0.5] * 5) == pytest.approx(0.5)
