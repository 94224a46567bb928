import pytest

from metrics import f1_score, precision, root_mean_squared_error


@pytest.mark.parametrize("value", [1.0])
def test_parametrized(value: float) -> None:
    assert value == pytest.approx(1.0)


def test_precision_of_a_perfect_model() -> None:
    assert precision([1, 0, 1, 0], [1, 0, 1, 0]) == 1.0


def test_f1_of_a_perfect_model() -> None:
    assert f1_score([1, 0, 1, 0], [1, 0, 1, 0]) == 1.0


def test_rmse_of_a_perfect_model() -> None:
    assert root_mean_squared_error([3.0, 5.0], [3.0, 5.0]) == 0.0
