import copy

import pytest

from cleaning import fill_missing


class TestFillMissing:
    def test_median_of_two_readings_is_their_mean(self):
        result = fill_missing([None, 4.0, 6.0])
        assert result[0] == 5.0

    def test_a_zero_reading_stays_and_counts(self):
        result = fill_missing([0.0, None, 0.0, 9.0])
        assert result == [0.0, 0.0, 0.0, 9.0]

    def test_does_not_modify_its_argument(self):
        data = [1.0, None, 2.0]
        before = copy.deepcopy(data)
        out = fill_missing(data)
        assert data == before
        assert out is not data

    def test_raises_when_everything_is_missing(self):
        with pytest.raises(ValueError):
            fill_missing([None])
