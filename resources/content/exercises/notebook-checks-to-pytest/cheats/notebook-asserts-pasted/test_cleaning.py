from cleaning import fill_missing


def test_fill_missing():
    assert fill_missing([1.0, None, 3.0]) == [1.0, 2.0, 3.0]
