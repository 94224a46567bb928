"""Build the design matrix of the churn model from raw NumPy columns."""

import numpy as np
from numpy.typing import ArrayLike, NDArray


def as_matrix(rows: ArrayLike) -> NDArray[np.float64]:
    """Rows of numbers (lists, tuples or an array) as a 2-D float64 matrix."""
    matrix = np.array(rows, dtype=np.float64, copy=True)
    if len(matrix.shape) != 2:
        raise ValueError(f"a table of rows has 2 dimensions, this has {len(matrix.shape)}")
    return matrix


def missing_mask(matrix: NDArray[np.float64]) -> NDArray[np.bool_]:
    """True where a value is missing (NaN)."""
    # NaN is the only value not equal to itself. NumPy's stubs type `!=` as Any,
    # so the annotated name says what it is.
    unequal: NDArray[np.bool_] = matrix != matrix
    return unequal


def impute_column_means(matrix: NDArray[np.float64]) -> NDArray[np.float64]:
    """Replace each missing value by the mean of the values present in its column."""
    filled = matrix.copy()
    rows, cols = np.nonzero(missing_mask(matrix))
    filled[rows, cols] = np.nanmean(matrix, axis=0)[cols]
    return filled


def standardise(
    matrix: NDArray[np.float64],
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Scale every column to mean 0 and standard deviation 1 (a constant column keeps std 1)."""
    centre = matrix.mean(axis=0)
    spread = np.sqrt(np.square(matrix - centre).mean(axis=0))
    spread[spread == 0] = 1.0
    return (matrix - centre) / spread, centre, spread


def one_hot(codes: NDArray[np.int64], n_categories: int) -> NDArray[np.float64]:
    """One column per category, 1.0 where the row has that category code."""
    if np.any((codes < 0) | (codes >= n_categories)):
        raise ValueError(f"category codes must be in range({n_categories})")
    identity = np.eye(n_categories, dtype=np.float64)
    return identity[codes]


def design_matrix(
    numeric: NDArray[np.float64], plan_codes: NDArray[np.int64], n_plans: int
) -> NDArray[np.float64]:
    """Intercept column, imputed and standardised numeric columns, one-hot plan columns."""
    plans = one_hot(plan_codes, n_plans)
    scaled = standardise(impute_column_means(numeric))[0]
    ones = np.ones((len(numeric), 1), dtype=np.float64)
    return np.concatenate([ones, scaled, plans], axis=1)
