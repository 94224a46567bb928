"""Formatting changes layout only: the module must do exactly what the starter did."""

import dataclasses

import pytest

from train_config import TrainConfig, describe, learning_rate_schedule


def test_defaults_are_unchanged() -> None:
    config = TrainConfig()
    assert config.learning_rate == 0.05
    assert config.n_estimators == 500
    assert config.max_depth == 6
    assert config.subsample == 0.8
    assert config.seed == 42
    assert config.features == (
        "tenure",
        "monthly_charges",
        "total_charges",
        "contract_type",
        "payment_method",
    )


def test_config_is_still_frozen() -> None:
    config = TrainConfig()
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(config, "seed", 0)


def test_schedule_decays_linearly_to_a_tenth() -> None:
    schedule = learning_rate_schedule(TrainConfig(learning_rate=0.1), 5)
    assert schedule == pytest.approx([0.1, 0.0775, 0.055, 0.0325, 0.01])
    assert learning_rate_schedule(TrainConfig(), 1) == [0.05]
    assert learning_rate_schedule(TrainConfig(), 0) == [0.05]


def test_describe() -> None:
    config = TrainConfig(learning_rate=0.1, n_estimators=200, max_depth=4)
    assert describe(config) == "lr=0.1 trees=200 depth=4"
