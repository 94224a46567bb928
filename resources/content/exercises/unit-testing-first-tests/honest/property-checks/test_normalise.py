"""Properties of min-max scaling, checked on seeded random columns."""

import random

import pytest

from normalise import min_max_scale


def columns(seed: int, count: int = 20) -> list[list[float]]:
    rng = random.Random(seed)  # a local generator: no global random state is touched
    return [
        [rng.uniform(-1000.0, 1000.0) for _ in range(rng.randint(2, 30))]
        for _ in range(count)
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_min_becomes_zero_and_max_becomes_one(seed: int) -> None:
    for column in columns(seed):
        scaled = min_max_scale(column)
        assert scaled[column.index(min(column))] == pytest.approx(0.0)
        assert scaled[column.index(max(column))] == pytest.approx(1.0)


@pytest.mark.parametrize("seed", [4, 5])
def test_scaling_is_linear_and_keeps_the_order(seed: int) -> None:
    for column in columns(seed):
        scaled = min_max_scale(column)
        assert len(scaled) == len(column)
        # Every pair of points lies on one straight line through (min, 0) and (max, 1).
        span = max(column) - min(column)
        for value, result in zip(column, scaled):
            assert result * span == pytest.approx(value - min(column), abs=1e-6)


def test_input_untouched() -> None:
    for column in columns(6):
        copy = column[:]
        min_max_scale(column)
        assert column == copy


def test_degenerate_inputs() -> None:
    assert min_max_scale([]) == []
    assert min_max_scale([-2.0, -2.0]) == [0.0, 0.0]
