from typing import assert_type

import numpy as np
import pytest
from numpy.typing import NDArray

from features import as_matrix, design_matrix, impute_column_means, missing_mask, one_hot, standardise

NAN = float("nan")


def test_as_matrix_accepts_nested_lists() -> None:
    matrix = as_matrix([[1.0, 2.5], [3.0, 4.0]])
    assert_type(matrix, NDArray[np.float64])
    assert matrix.shape == (2, 2)
    with pytest.raises(ValueError):
        as_matrix([1.0, 2.0])


def test_impute_fills_missing_values_with_the_column_mean() -> None:
    matrix = as_matrix([[1.0, NAN], [3.0, 10.0], [NAN, 20.0]])
    assert missing_mask(matrix).sum() == 2
    filled = impute_column_means(matrix)
    assert_type(filled, NDArray[np.float64])
    np.testing.assert_allclose(filled, [[1.0, 15.0], [3.0, 10.0], [2.0, 20.0]])


def test_standardise_returns_the_scaling_it_used() -> None:
    matrix = as_matrix([[1.0, 5.0], [3.0, 5.0]])
    scaled, means, stds = standardise(matrix)
    assert_type(scaled, NDArray[np.float64])
    np.testing.assert_allclose(scaled, [[-1.0, 0.0], [1.0, 0.0]])
    np.testing.assert_allclose(means, [2.0, 5.0])
    np.testing.assert_allclose(stds, [1.0, 1.0])


def test_one_hot() -> None:
    encoded = one_hot(np.array([2, 0, 2], dtype=np.int64), 3)
    np.testing.assert_array_equal(encoded, [[0, 0, 1], [1, 0, 0], [0, 0, 1]])


def test_design_matrix_has_intercept_numeric_and_plan_columns() -> None:
    numeric = as_matrix([[1.0, 100.0], [NAN, 300.0]])
    matrix = design_matrix(numeric, np.array([1, 0], dtype=np.int64), 2)
    assert matrix.shape == (2, 1 + 2 + 2)
    np.testing.assert_allclose(matrix[:, 0], [1.0, 1.0])
    np.testing.assert_allclose(matrix[:, 3:], [[0.0, 1.0], [1.0, 0.0]])
