import pytest

from normalise import min_max_scale


def test_scales_to_unit_range_with_nonzero_minimum() -> None:
    assert min_max_scale([10.0, 20.0, 30.0]) == pytest.approx([0.0, 0.5, 1.0])


def test_handles_negative_values() -> None:
    assert min_max_scale([-2.0, 0.0, 2.0]) == pytest.approx([0.0, 0.5, 1.0])


def test_empty_input_gives_empty_list() -> None:
    assert min_max_scale([]) == []


def test_constant_column_gives_zeros() -> None:
    assert min_max_scale([3.0, 3.0, 3.0]) == [0.0, 0.0, 0.0]


def test_input_is_not_modified() -> None:
    data = [5.0, 1.0, 3.0]
    original = list(data)
    min_max_scale(data)
    assert data == original
