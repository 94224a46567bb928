from metrics import f1_score, precision, root_mean_squared_error


def test_precision_of_a_perfect_model() -> None:
    assert precision([1, 0, 1, 0], [1, 0, 1, 0]) == 1.0


def test_f1_of_a_perfect_model() -> None:
    assert f1_score([1, 0, 1, 0], [1, 0, 1, 0]) == 1.0


def test_rmse_of_a_perfect_model() -> None:
    assert root_mean_squared_error([3.0, 5.0], [3.0, 5.0]) == 0.0


# These pass, but they would pass against most broken versions too: a perfect model
# hides almost every bug. Replace them with parametrized tests over cases where the
# metrics disagree (see README.md).
