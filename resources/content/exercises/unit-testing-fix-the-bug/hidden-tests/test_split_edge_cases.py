import pytest

from split import train_test_split

try:
    # In Upskill's check your code runs in a process of its own: its global random
    # generator is there, and the check can make it ignore seeds for a while.
    from upskill_judge import unseeded_global_random, worker_module
except ImportError:  # run by hand: your code runs in this process
    from contextlib import nullcontext as unseeded_global_random
    from importlib import import_module as worker_module


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
    random = worker_module("random")
    random.seed(123)
    expected = random.random()
    random.seed(123)
    train_test_split(list(range(20)), test_fraction=0.5, seed=3)
    assert random.random() == expected, "the split changed the global random state"


def test_the_split_comes_from_a_generator_of_its_own() -> None:
    rows = list(range(30))
    expected = train_test_split(rows, test_fraction=0.3, seed=5)
    # The global generator now ignores seeds: a split drawn from it, even after seeding
    # it and restoring its state afterwards, changes from call to call.
    with unseeded_global_random():
        splits = [train_test_split(rows, test_fraction=0.3, seed=5) for _ in range(3)]
    assert all(split == expected for split in splits), (
        "with the same seed, the split changed once the global random generator ignored seeds: "
        "it draws from random.seed/random.shuffle (saving and restoring their state does not change that); "
        "shuffle with a generator of its own, random.Random(seed)"
    )


@pytest.mark.parametrize("fraction", [0.0, 1.0, -0.1, 1.5])
def test_bad_fraction_raises(fraction: float) -> None:
    with pytest.raises(ValueError):
        train_test_split(list(range(10)), test_fraction=fraction)


def test_records_of_any_type() -> None:
    rows = [{"id": i} for i in range(8)]
    train, test = train_test_split(rows, test_fraction=0.25, seed=2)
    assert len(test) == 2
    assert sorted(r["id"] for r in train + test) == list(range(8))
