import pytest

from cleaning import fill_missing


def test_each_gap_gets_the_median_of_the_readings():
    assert fill_missing([None, 5.0, -1.0, None, 2.0, 0.0]) == [1.0, 5.0, -1.0, 1.0, 2.0, 0.0]


def test_the_input_is_left_alone_and_no_reading_is_an_error():
    values = [None, 3.0]
    assert fill_missing(values) == [3.0, 3.0]
    assert values == [None, 3.0]
    with pytest.raises(ValueError):
        fill_missing([None])
