import pytest

import metrics

CLASSIFICATION_CASES = [
    pytest.param([1, 1, 1, 0, 0, 0], [1, 0, 0, 1, 0, 0], 0.5, 1 / 3, 0.4, id="p-and-r-differ"),
    pytest.param([1, 0, 1, 0], [1, 0, 1, 0], 1.0, 1.0, 1.0, id="perfect"),
    pytest.param([1, 1, 0], [0, 0, 0], 0.0, 0.0, 0.0, id="no-predicted-positives"),
    pytest.param([0, 0, 0], [1, 0, 1], 0.0, 0.0, 0.0, id="no-actual-positives"),
    pytest.param([1, 0, 0, 0], [1, 1, 1, 1], 0.25, 1.0, 0.4, id="predict-all-positive"),
]


@pytest.mark.parametrize(("y_true", "y_pred", "p", "r", "f1"), CLASSIFICATION_CASES)
def test_classification(y_true: list[int], y_pred: list[int], p: float, r: float, f1: float) -> None:
    assert metrics.precision(y_true, y_pred) == pytest.approx(p)
    assert metrics.recall(y_true, y_pred) == pytest.approx(r)
    assert metrics.f1_score(y_true, y_pred) == pytest.approx(f1)


@pytest.mark.parametrize(
    ("y_true", "y_pred", "mae", "rmse"),
    [
        pytest.param([2.0, 4.0], [4.0, 2.0], 2.0, 2.0, id="opposite-signs"),
        pytest.param([0.0, 0.0, 0.0], [1.0, 2.0, 2.0], 5 / 3, 3**0.5, id="sqrt-matters"),
        pytest.param([10.0], [10.0], 0.0, 0.0, id="exact"),
    ],
)
def test_regression(y_true: list[float], y_pred: list[float], mae: float, rmse: float) -> None:
    assert metrics.mean_absolute_error(y_true, y_pred) == pytest.approx(mae)
    assert metrics.root_mean_squared_error(y_true, y_pred) == pytest.approx(rmse)


@pytest.mark.parametrize(
    "name",
    ["precision", "recall", "f1_score", "mean_absolute_error", "root_mean_squared_error"],
)
@pytest.mark.parametrize(
    ("n_true", "n_pred"),
    [(3, 2), (2, 3), (0, 0)],
    ids=["more-labels", "more-predictions", "empty"],
)
def test_length_mismatch_or_empty_raises(name: str, n_true: int, n_pred: int) -> None:
    metric = getattr(metrics, name)
    with pytest.raises(ValueError):
        metric([1] * n_true, [1] * n_pred)
