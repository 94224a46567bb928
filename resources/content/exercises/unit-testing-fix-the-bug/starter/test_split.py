from split import train_test_split


def test_no_row_in_both_sets() -> None:
    rows = list(range(100))
    train, test = train_test_split(rows, test_fraction=0.2, seed=1)
    assert set(train).isdisjoint(test)


def test_sizes_add_up() -> None:
    rows = list(range(10))
    train, test = train_test_split(rows, test_fraction=0.2, seed=1)
    assert len(test) == 2
    assert len(train) == 8
    assert sorted(train + test) == list(range(10))


def test_same_seed_same_split() -> None:
    first = train_test_split(list(range(50)), test_fraction=0.3, seed=7)
    second = train_test_split(list(range(50)), test_fraction=0.3, seed=7)
    assert first == second
