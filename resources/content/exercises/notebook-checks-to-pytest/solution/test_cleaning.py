import pytest

from cleaning import fill_missing


def test_a_gap_gets_the_median_of_an_even_count_of_readings():
    assert fill_missing([1.0, None, 3.0]) == [1.0, 2.0, 3.0]


def test_zero_is_a_reading_not_a_gap():
    assert fill_missing([None, 0.0, 4.0, 10.0]) == [4.0, 0.0, 4.0, 10.0]


def test_the_input_list_is_left_unchanged():
    readings = [2.5, None]
    fill_missing(readings)
    assert readings == [2.5, None]


def test_no_reading_at_all_is_an_error():
    with pytest.raises(ValueError):
        fill_missing([None, None])
