from features import add_lags


def test_each_lag_is_the_value_that_many_steps_before() -> None:
    rows = add_lags([10.0, 20.0, 30.0, 40.0], [1, 2])
    assert rows[3] == {"y": 40.0, "lag_1": 30.0, "lag_2": 20.0}


def test_before_the_start_a_lag_is_none() -> None:
    rows = add_lags([10.0, 20.0], [1, 7])
    assert rows[0] == {"y": 10.0, "lag_1": None, "lag_7": None}
    assert rows[1]["lag_7"] is None


def test_one_row_per_value_and_no_lags_is_fine() -> None:
    assert add_lags([5.0, 6.0], []) == [{"y": 5.0}, {"y": 6.0}]
    assert add_lags([], [1]) == []


def test_the_series_is_left_as_it_was() -> None:
    series = [1.0, 2.0, 3.0]
    add_lags(series, [1])
    assert series == [1.0, 2.0, 3.0]
