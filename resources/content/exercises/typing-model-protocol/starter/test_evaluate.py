import pytest

from evaluate import Split, accuracy, compare, train_and_evaluate
from models import MajorityClassBaseline, NearestCentroidClassifier

SPLIT = Split(
    train_features=[[0.1, 0.9, 4.0], [0.3, 0.8, 3.0], [5.0, 0.4, 0.0], [6.0, 0.5, 1.0], [4.5, 0.3, 0.0]],
    train_labels=[1, 1, 0, 0, 0],
    test_features=[[0.2, 1.0, 5.0], [5.5, 0.4, 1.0], [7.0, 0.2, 0.0]],
    test_labels=[1, 0, 0],
)


def test_accuracy() -> None:
    assert accuracy([1, 0, 1, 1], [1, 1, 1, 0]) == pytest.approx(0.5)
    assert accuracy([], []) == 0.0
    with pytest.raises(ValueError):
        accuracy([1], [])


def test_the_baseline_predicts_the_majority_class() -> None:
    assert train_and_evaluate(MajorityClassBaseline(), SPLIT) == pytest.approx(2 / 3)


def test_nearest_centroid_can_be_evaluated_too() -> None:
    assert train_and_evaluate(NearestCentroidClassifier(), SPLIT) == pytest.approx(1.0)


def test_compare_ranks_every_model_best_first() -> None:
    leaderboard = compare(
        {"baseline": MajorityClassBaseline(), "centroid": NearestCentroidClassifier()},
        SPLIT,
    )
    assert [name for name, _ in leaderboard] == ["centroid", "baseline"]
    assert leaderboard[0][1] == pytest.approx(1.0)
