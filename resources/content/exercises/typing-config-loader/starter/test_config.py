import json
from collections.abc import Mapping
from pathlib import Path
from typing import assert_type

import pytest

from config import ConfigError, ExperimentConfig, OptimizerConfig, load_config, parse_config

EXAMPLE = Path(__file__).parent / "experiments" / "churn-gbm.json"


def document(
    changes: Mapping[str, object] | None = None,
    optimizer: Mapping[str, object] | None = None,
) -> str:
    """A valid configuration as JSON text, with some keys changed."""
    data: dict[str, object] = {
        "name": "churn-logreg",
        "seed": 7,
        "epochs": 10,
        "features": ["tenure_months", "support_calls"],
        "optimizer": {"name": "sgd", "learning_rate": 0.1, **(optimizer or {})},
        **(changes or {}),
    }
    return json.dumps(data)


def test_the_example_experiment_loads() -> None:
    config = load_config(EXAMPLE)
    assert_type(config, ExperimentConfig)
    assert config == ExperimentConfig(
        name="churn-gbm-2024-06",
        seed=42,
        epochs=30,
        features=("tenure_months", "monthly_charges", "support_calls", "contract_type"),
        optimizer=OptimizerConfig(name="adam", learning_rate=0.003, weight_decay=0.0),
        early_stopping=True,
    )


def test_defaults_and_whole_numbers_for_floats() -> None:
    config = parse_config(document(optimizer={"learning_rate": 1}))
    assert config.early_stopping is False
    assert config.optimizer.weight_decay == 0.0
    assert config.optimizer.learning_rate == 1.0
    assert isinstance(config.optimizer.learning_rate, float)


def test_a_learning_rate_written_as_text_is_refused() -> None:
    with pytest.raises(ConfigError, match="optimizer.learning_rate"):
        parse_config(document(optimizer={"learning_rate": "0.1"}))


def test_a_misspelt_key_is_refused_instead_of_ignored() -> None:
    with pytest.raises(ConfigError, match="early_stoping"):
        parse_config(document({"early_stoping": True}))
