"""Build the design matrix of the churn model from raw NumPy columns."""

import numpy as np
import typing

from numpy.typing import ArrayLike, NDArray


def as_matrix(rows: ArrayLike) -> "np.ndarray[typing.Any, typing.Any]":
    """Rows of numbers (lists, tuples or an array) as a 2-D float64 matrix."""
    matrix = np.asarray(rows, dtype=np.float64)
    if matrix.ndim != 2:
        raise ValueError(f"expected a 2-D table of numbers, got {matrix.ndim} dimension(s)")
    return matrix


def missing_mask(matrix: "np.ndarray[typing.Any, typing.Any]") -> "np.ndarray[typing.Any, typing.Any]":
    """True where a value is missing (NaN)."""
    return np.isnan(matrix)


def impute_column_means(matrix: "np.ndarray[typing.Any, typing.Any]") -> "np.ndarray[typing.Any, typing.Any]":
    """Replace each missing value by the mean of the values present in its column."""
    means = np.nanmean(matrix, axis=0)
    return np.where(missing_mask(matrix), means, matrix)


def standardise(
    matrix: "np.ndarray[typing.Any, typing.Any]",
) -> tuple["np.ndarray[typing.Any, typing.Any]", "np.ndarray[typing.Any, typing.Any]", "np.ndarray[typing.Any, typing.Any]"]:
    """Scale every column to mean 0 and standard deviation 1.

    Returns the scaled matrix with the means and standard deviations used, so that serving
    can scale new rows the same way. A constant column gets a standard deviation of 1.
    """
    means = matrix.mean(axis=0)
    stds = matrix.std(axis=0)
    stds = np.where(stds == 0, 1.0, stds)
    return (matrix - means) / stds, means, stds


def one_hot(codes: "np.ndarray[typing.Any, typing.Any]", n_categories: int) -> "np.ndarray[typing.Any, typing.Any]":
    """One column per category, 1.0 where the row has that category code."""
    if codes.size and (codes.min() < 0 or codes.max() >= n_categories):
        raise ValueError(f"category codes must be between 0 and {n_categories - 1}")
    encoded = np.zeros((codes.shape[0], n_categories), dtype=np.float64)
    encoded[np.arange(codes.shape[0]), codes] = 1.0
    return encoded


def design_matrix(
    numeric: "np.ndarray[typing.Any, typing.Any]", plan_codes: "np.ndarray[typing.Any, typing.Any]", n_plans: int
) -> "np.ndarray[typing.Any, typing.Any]":
    """Intercept column, imputed and standardised numeric columns, one-hot plan columns."""
    scaled, _, _ = standardise(impute_column_means(numeric))
    intercept = np.ones((numeric.shape[0], 1), dtype=np.float64)
    return np.hstack([intercept, scaled, one_hot(plan_codes, n_plans)])
