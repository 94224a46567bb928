import pytest

from metrics import confusion_counts, f1_score, precision, recall, rolling_mean

Y_TRUE = [1, 0, 1, 1, 0, 0, 1, 0]
Y_PRED = [1, 0, 0, 1, 1, 0, 1, 0]


def test_confusion_counts() -> None:
    assert confusion_counts(Y_TRUE, Y_PRED) == (3, 1, 1, 3)


def test_precision_recall_f1() -> None:
    assert precision(Y_TRUE, Y_PRED) == pytest.approx(0.75)
    assert recall(Y_TRUE, Y_PRED) == pytest.approx(0.75)
    assert f1_score(Y_TRUE, Y_PRED) == pytest.approx(0.75)


def test_no_positive_predictions_gives_zero_precision() -> None:
    assert precision([1, 0], [0, 0]) == 0.0
    assert f1_score([1, 0], [0, 0]) == 0.0


def test_mismatched_lengths_raise() -> None:
    with pytest.raises(ValueError):
        confusion_counts([1, 0], [1])


def test_rolling_mean() -> None:
    assert rolling_mean([1.0, 2.0, 3.0, 4.0], 2) == [1.5, 2.5, 3.5]
    assert rolling_mean([1.0, 2.0], 3) == []
    with pytest.raises(ValueError):
        rolling_mean([1.0], 0)
