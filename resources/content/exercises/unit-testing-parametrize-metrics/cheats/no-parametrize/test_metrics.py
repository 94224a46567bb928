import pytest

from metrics import (
    f1_score,
    mean_absolute_error,
    precision,
    recall,
    root_mean_squared_error,
)


def test_case_1() -> None:
    assert precision([1, 1, 1, 0, 0, 0], [1, 0, 0, 1, 0, 0]) == pytest.approx(1 / 2)


def test_case_2() -> None:
    assert recall([1, 1, 1, 0, 0, 0], [1, 0, 0, 1, 0, 0]) == pytest.approx(1 / 3)


def test_case_3() -> None:
    assert f1_score([1, 1, 1, 0, 0, 0], [1, 0, 0, 1, 0, 0]) == pytest.approx(2 / 5)


def test_case_4() -> None:
    assert precision([1, 0, 1, 0], [1, 0, 1, 0]) == pytest.approx(1.0)


def test_case_5() -> None:
    assert precision([1, 1, 0, 0], [0, 0, 0, 0]) == pytest.approx(0.0)


def test_case_6() -> None:
    assert precision([0, 0, 0, 0], [0, 0, 0, 0]) == pytest.approx(0.0)


def test_case_7() -> None:
    assert precision([1, 1, 0], [1, 1, 1]) == pytest.approx(2 / 3)


def test_case_8() -> None:
    assert mean_absolute_error([1.0, 2.0, 3.0], [2.0, 1.0, 3.0]) == pytest.approx(2 / 3)
    assert root_mean_squared_error([1.0, 2.0, 3.0], [2.0, 1.0, 3.0]) == pytest.approx((2 / 3) ** 0.5)


def test_case_9() -> None:
    assert mean_absolute_error([0.0, 0.0], [3.0, 3.0]) == pytest.approx(3.0)
    assert root_mean_squared_error([0.0, 0.0], [3.0, 3.0]) == pytest.approx(3.0)


def test_case_10() -> None:
    with pytest.raises(ValueError):
        precision([1, 0, 1], [1, 0])


def test_case_11() -> None:
    with pytest.raises(ValueError):
        precision([1, 0], [1, 0, 1])


def test_case_12() -> None:
    with pytest.raises(ValueError):
        precision([], [])


def test_case_13() -> None:
    with pytest.raises(ValueError):
        mean_absolute_error([1, 0, 1], [1, 0])


def test_case_14() -> None:
    with pytest.raises(ValueError):
        mean_absolute_error([1, 0], [1, 0, 1])


def test_case_15() -> None:
    with pytest.raises(ValueError):
        mean_absolute_error([], [])
