import pytest

from split import train_test_split


def test_test_size_rounds_up() -> None:
    train, test = train_test_split(list(range(10)), test_fraction=0.25, seed=0)
    assert len(test) == 3
    assert len(train) == 7


def test_small_fraction_still_gives_one_test_row() -> None:
    train, test = train_test_split(list(range(5)), test_fraction=0.01, seed=0)
    assert len(test) == 1
    assert len(train) == 4


def test_input_list_is_not_modified() -> None:
    rows = list(range(20))
    train_test_split(rows, test_fraction=0.5, seed=3)
    assert rows == list(range(20))


def test_does_not_touch_global_random_state() -> None:
    import random

    random.seed(123)
    expected = random.random()
    random.seed(123)
    train_test_split(list(range(20)), test_fraction=0.5, seed=3)
    assert random.random() == expected


@pytest.mark.parametrize("fraction", [0.0, 1.0, -0.1, 1.5])
def test_bad_fraction_raises(fraction: float) -> None:
    with pytest.raises(ValueError):
        train_test_split(list(range(10)), test_fraction=fraction)


def test_records_of_any_type() -> None:
    rows = [{"id": i} for i in range(8)]
    train, test = train_test_split(rows, test_fraction=0.25, seed=2)
    assert len(test) == 2
    assert sorted(r["id"] for r in train + test) == list(range(8))
