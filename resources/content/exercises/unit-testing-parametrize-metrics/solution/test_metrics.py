from collections.abc import Callable, Sequence

import pytest

from metrics import (
    f1_score,
    mean_absolute_error,
    precision,
    recall,
    root_mean_squared_error,
)

Metric = Callable[[Sequence[float], Sequence[float]], float]

Y_TRUE = [1, 1, 1, 0, 0, 0]
Y_PRED = [1, 0, 0, 1, 0, 0]  # 1 true positive, 3 actual positives, 2 predicted


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        (precision, 1 / 2),
        (recall, 1 / 3),
        (f1_score, 2 / 5),
    ],
)
def test_classification_metrics_when_precision_and_recall_differ(
    metric: Metric, expected: float
) -> None:
    assert metric(Y_TRUE, Y_PRED) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("y_true", "y_pred", "expected"),
    [
        ([1, 0, 1, 0], [1, 0, 1, 0], 1.0),
        ([1, 1, 0, 0], [0, 0, 0, 0], 0.0),  # nothing predicted positive
        ([0, 0, 0, 0], [0, 0, 0, 0], 0.0),  # nothing positive at all
        ([1, 1, 0], [1, 1, 1], 2 / 3),
    ],
)
def test_precision(y_true: list[int], y_pred: list[int], expected: float) -> None:
    assert precision(y_true, y_pred) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("y_true", "y_pred", "expected"),
    [
        ([1, 1, 0, 0], [1, 1, 0, 0], 1.0),
        ([1, 1, 0, 0], [1, 0, 0, 1], 0.5),
        ([0, 0], [1, 1], 0.0),
    ],
)
def test_recall(y_true: list[int], y_pred: list[int], expected: float) -> None:
    assert recall(y_true, y_pred) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("y_true", "y_pred", "mae", "rmse"),
    [
        ([3.0, 5.0], [3.0, 5.0], 0.0, 0.0),
        ([1.0, 2.0, 3.0], [2.0, 1.0, 3.0], 2 / 3, (2 / 3) ** 0.5),  # errors cancel out
        ([0.0, 0.0], [3.0, 3.0], 3.0, 3.0),
        ([1.0, 2.0, 3.0], [1.1, 2.1, 2.9], 0.1, 0.1),
    ],
)
def test_regression_metrics(
    y_true: list[float], y_pred: list[float], mae: float, rmse: float
) -> None:
    assert mean_absolute_error(y_true, y_pred) == pytest.approx(mae)
    assert root_mean_squared_error(y_true, y_pred) == pytest.approx(rmse)


@pytest.mark.parametrize(
    "metric",
    [precision, recall, f1_score, mean_absolute_error, root_mean_squared_error],
)
@pytest.mark.parametrize(
    ("y_true", "y_pred"),
    [([1, 0, 1], [1, 0]), ([1, 0], [1, 0, 1]), ([], [])],
)
def test_bad_inputs_raise_value_error(
    metric: Metric, y_true: list[int], y_pred: list[int]
) -> None:
    with pytest.raises(ValueError):
        metric(y_true, y_pred)
