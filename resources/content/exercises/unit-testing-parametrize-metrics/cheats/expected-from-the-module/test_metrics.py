import pytest

import metrics

CASES = [([1, 1, 1, 0, 0, 0], [1, 0, 0, 1, 0, 0]), ([1, 0], [0, 0]), ([0.5, 2.0], [1.0, 1.0])]
NAMES = ["precision", "recall", "f1_score", "mean_absolute_error", "root_mean_squared_error"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(("y_true", "y_pred"), CASES)
def test_metric_matches_itself(name: str, y_true: list[float], y_pred: list[float]) -> None:
    metric = getattr(metrics, name)
    expected = metric(list(y_true), list(y_pred))
    assert metric(y_true, y_pred) == pytest.approx(expected)
