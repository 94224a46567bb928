import pytest

import cleaning


@pytest.mark.parametrize(
    ("readings", "expected"),
    [
        ([1.0, None, 3.0], [1.0, 2.0, 3.0]),
        ([None, 0.0, 4.0, 10.0], [4.0, 0.0, 4.0, 10.0]),
        ([0.0, None], [0.0, 0.0]),
        ([7.5], [7.5]),
    ],
    ids=["even-count", "zero-is-a-reading", "only-zero", "no-gap"],
)
def test_fill_missing(readings, expected):
    assert cleaning.fill_missing(readings) == pytest.approx(expected)


def test_caller_list_untouched():
    original = [None, 2.5, None]
    cleaning.fill_missing(original)
    assert original.count(None) == 2


def test_all_gaps():
    with pytest.raises(ValueError, match="no readings"):
        cleaning.fill_missing([None, None, None])
