"""The array types and dtypes the model code relies on, read at run time as well."""

from typing import assert_type, get_type_hints

import numpy as np
import pytest
from numpy.typing import ArrayLike, NDArray

from features import as_matrix, design_matrix, impute_column_means, missing_mask, one_hot, standardise

Floats = NDArray[np.float64]


def hints_of(function: object) -> dict[str, object]:
    hints: dict[str, object] = get_type_hints(function)
    return hints


def test_signatures_name_the_dtypes() -> None:
    assert hints_of(as_matrix) == {"rows": ArrayLike, "return": Floats}
    assert hints_of(missing_mask) == {"matrix": Floats, "return": NDArray[np.bool_]}
    assert hints_of(impute_column_means) == {"matrix": Floats, "return": Floats}
    assert hints_of(standardise) == {"matrix": Floats, "return": tuple[Floats, Floats, Floats]}
    assert hints_of(one_hot) == {"codes": NDArray[np.int64], "n_categories": int, "return": Floats}
    assert hints_of(design_matrix) == {
        "numeric": Floats,
        "plan_codes": NDArray[np.int64],
        "n_plans": int,
        "return": Floats,
    }


def test_the_arrays_have_the_dtypes_the_annotations_promise() -> None:
    codes = np.array([0, 1, 1, 0], dtype=np.int64)
    encoded = one_hot(codes, 2)
    assert_type(encoded, Floats)
    assert encoded.dtype == np.float64
    mask = missing_mask(as_matrix([[1.0, float("nan")]]))
    assert_type(mask, NDArray[np.bool_])
    assert mask.dtype == np.bool_
    numeric = as_matrix([[1.0, 2.0], [2.0, 4.0], [3.0, 9.0], [4.0, 1.0]])
    matrix = design_matrix(numeric, codes, 2)
    assert_type(matrix, Floats)
    assert matrix.dtype == np.float64 and matrix.shape == (4, 5)


def test_scaling_is_reusable_and_constant_columns_are_safe() -> None:
    train = as_matrix([[10.0, 7.0], [20.0, 7.0], [30.0, 7.0]])
    scaled, means, stds = standardise(train)
    assert_type(means, Floats)
    np.testing.assert_allclose(scaled.mean(axis=0), [0.0, 0.0], atol=1e-12)
    np.testing.assert_allclose(stds, [float(np.std([10.0, 20.0, 30.0])), 1.0])
    new_row = (as_matrix([[20.0, 7.0]]) - means) / stds
    np.testing.assert_allclose(new_row, [[0.0, 0.0]])


def test_bad_category_codes_are_refused() -> None:
    with pytest.raises(ValueError):
        one_hot(np.array([0, 3], dtype=np.int64), 3)
    with pytest.raises(ValueError):
        one_hot(np.array([-1], dtype=np.int64), 3)
    assert one_hot(np.array([], dtype=np.int64), 3).shape == (0, 3)
