"""Build the design matrix of the churn model from raw NumPy columns."""

import numpy as np
from numpy.typing import ArrayLike, NDArray


def as_matrix(rows: ArrayLike) -> NDArray[np.float64]:
    """Rows of numbers (lists, tuples or an array) as a 2-D float64 matrix."""
    matrix: NDArray[np.float64] = np.asarray(rows).astype(np.float64)
    if matrix.ndim == 2:
        return matrix
    raise ValueError(f"as_matrix needs rows of numbers (2-D), got shape {matrix.shape}")


def missing_mask(matrix: NDArray[np.float64]) -> NDArray[np.bool_]:
    """True where a value is missing (NaN)."""
    mask: NDArray[np.bool_] = np.isnan(matrix)
    return mask


def impute_column_means(matrix: NDArray[np.float64]) -> NDArray[np.float64]:
    """Replace each missing value by the mean of the values present in its column."""
    out = np.array(matrix, dtype=np.float64)
    for j in range(out.shape[1]):
        column = out[:, j]  # a view: writing into it writes into out
        gaps = np.isnan(column)
        if gaps.any():
            column[gaps] = column[~gaps].mean() if (~gaps).any() else np.nan
    return out


def standardise(
    matrix: NDArray[np.float64],
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Scale every column to mean 0 and standard deviation 1.

    Returns (scaled, means, stds); a constant column gets a standard deviation of 1.
    """
    means = np.mean(matrix, axis=0)
    raw_stds = np.std(matrix, axis=0)
    stds = np.where(raw_stds > 0, raw_stds, np.ones_like(raw_stds))
    return np.divide(matrix - means, stds), means, stds


def one_hot(codes: NDArray[np.int64], n_categories: int) -> NDArray[np.float64]:
    """One column per category, 1.0 where the row has that category code."""
    bad = codes[(codes < 0) | (codes >= n_categories)]
    if bad.size:
        raise ValueError(f"category code {int(bad[0])} is not in 0..{n_categories - 1}")
    categories = np.arange(n_categories, dtype=np.int64)
    matches: NDArray[np.bool_] = codes[:, np.newaxis] == categories[np.newaxis, :]
    return matches.astype(np.float64)


def design_matrix(
    numeric: NDArray[np.float64], plan_codes: NDArray[np.int64], n_plans: int
) -> NDArray[np.float64]:
    """Intercept column, imputed and standardised numeric columns, one-hot plan columns."""
    scaled, _means, _stds = standardise(impute_column_means(numeric))
    intercept = np.full(numeric.shape[0], 1.0, dtype=np.float64)
    return np.column_stack([intercept, scaled, one_hot(plan_codes, n_plans)])
