from collections.abc import Callable, Sequence

import pytest

from metrics import f1_score, mean_absolute_error, precision, recall, root_mean_squared_error

Metric = Callable[[Sequence[float], Sequence[float]], float]


@pytest.mark.parametrize(
    "metric",
    [precision, recall, f1_score, mean_absolute_error, root_mean_squared_error],
    ids=lambda m: m.__name__,
)
class TestInputValidation:
    def test_more_labels_than_predictions(self, metric: Metric) -> None:
        with pytest.raises(ValueError):
            metric([1, 0, 1, 1], [1, 0, 1])

    def test_more_predictions_than_labels(self, metric: Metric) -> None:
        with pytest.raises(ValueError):
            metric([1, 0], [1, 0, 0])

    def test_empty(self, metric: Metric) -> None:
        with pytest.raises(ValueError):
            metric([], [])


class TestClassification:
    def test_precision_counts_predicted_positives(self) -> None:
        # 2 predicted positives, 1 of them right; 4 actual positives.
        assert precision([1, 1, 1, 1, 0], [1, 0, 0, 0, 1]) == pytest.approx(0.5)

    def test_precision_without_predicted_positives(self) -> None:
        assert precision([1, 0], [0, 0]) == 0.0

    def test_recall(self) -> None:
        assert recall([1, 1, 1, 1, 0], [1, 0, 0, 0, 1]) == pytest.approx(0.25)

    def test_f1_is_the_harmonic_mean(self) -> None:
        # precision 0.5, recall 0.25: harmonic mean 1/3, arithmetic mean 0.375.
        assert f1_score([1, 1, 1, 1, 0], [1, 0, 0, 0, 1]) == pytest.approx(1 / 3)


class TestRegression:
    def test_mae_uses_absolute_errors(self) -> None:
        assert mean_absolute_error([0.0, 0.0], [1.0, -1.0]) == pytest.approx(1.0)

    def test_rmse_takes_the_square_root(self) -> None:
        assert root_mean_squared_error([0.0, 0.0], [3.0, 3.0]) == pytest.approx(3.0)
        assert root_mean_squared_error([0.0, 0.0, 0.0, 0.0], [2.0, 0.0, 0.0, 0.0]) == pytest.approx(1.0)
