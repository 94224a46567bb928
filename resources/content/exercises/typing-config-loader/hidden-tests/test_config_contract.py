"""Everything the training job must refuse, the generic require(), and the records as shipped."""

import dataclasses
import json
import re
from collections.abc import Mapping
from typing import Literal, assert_type, get_type_hints

import pytest

from config import ConfigError, ExperimentConfig, OptimizerConfig, parse_config, require


def document(
    changes: Mapping[str, object] | None = None,
    optimizer: Mapping[str, object] | None = None,
    drop: str = "",
) -> str:
    opt: dict[str, object] = {"name": "adam", "learning_rate": 0.01, "weight_decay": 0.001}
    opt.update(optimizer or {})
    data: dict[str, object] = {
        "name": "churn-mlp",
        "seed": 3,
        "epochs": 5,
        "features": ["tenure_months"],
        "optimizer": opt,
        "early_stopping": True,
    }
    data.update(changes or {})
    if drop.startswith("optimizer."):
        del opt[drop.removeprefix("optimizer.")]
    elif drop:
        del data[drop]
    return json.dumps(data)


def hints_of(obj: object) -> dict[str, object]:
    hints: dict[str, object] = get_type_hints(obj)
    return hints


def test_a_valid_document() -> None:
    config = parse_config(document())
    assert config == ExperimentConfig(
        name="churn-mlp",
        seed=3,
        epochs=5,
        features=("tenure_months",),
        optimizer=OptimizerConfig(name="adam", learning_rate=0.01, weight_decay=0.001),
        early_stopping=True,
    )
    assert_type(config.optimizer.name, Literal["adam", "sgd"])
    assert_type(config.features, tuple[str, ...])


@pytest.mark.parametrize(
    "text",
    ["", "{", "not json", '{"name": "x",}'],
)
def test_text_that_is_not_json_is_a_config_error(text: str) -> None:
    with pytest.raises(ConfigError):
        parse_config(text)


@pytest.mark.parametrize("text", ["[]", '"churn"', "42", "null"])
def test_a_document_that_is_not_an_object_is_a_config_error(text: str) -> None:
    with pytest.raises(ConfigError):
        parse_config(text)


@pytest.mark.parametrize(
    "key",
    ["name", "seed", "epochs", "features", "optimizer", "optimizer.name", "optimizer.learning_rate"],
)
def test_a_missing_key_is_named(key: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(key)):
        parse_config(document(drop=key))


@pytest.mark.parametrize(
    ("path", "changes", "optimizer"),
    [
        ("name", {"name": 12}, {}),
        ("seed", {"seed": "3"}, {}),
        ("seed", {"seed": True}, {}),
        ("epochs", {"epochs": 2.5}, {}),
        ("epochs", {"epochs": 3.0}, {}),
        ("epochs", {"epochs": 0}, {}),
        ("epochs", {"epochs": False}, {}),
        ("features", {"features": "tenure_months"}, {}),
        ("features", {"features": []}, {}),
        ("features", {"features": ["tenure_months", 3]}, {}),
        ("early_stopping", {"early_stopping": "yes"}, {}),
        ("early_stopping", {"early_stopping": 1}, {}),
        ("optimizer", {"optimizer": "adam"}, {}),
        ("optimizer", {"optimizer": ["adam", 0.01]}, {}),
        ("optimizer.name", {}, {"name": "adamw"}),
        ("optimizer.name", {}, {"name": 1}),
        ("optimizer.learning_rate", {}, {"learning_rate": "0.01"}),
        ("optimizer.learning_rate", {}, {"learning_rate": True}),
        ("optimizer.learning_rate", {}, {"learning_rate": 0}),
        ("optimizer.learning_rate", {}, {"learning_rate": -0.1}),
        ("optimizer.weight_decay", {}, {"weight_decay": "0"}),
        ("optimizer.weight_decay", {}, {"weight_decay": -0.5}),
        ("optimizer.weight_decay", {}, {"weight_decay": None}),
    ],
)
def test_a_wrong_value_is_refused_and_named(
    path: str, changes: dict[str, object], optimizer: dict[str, object]
) -> None:
    with pytest.raises(ConfigError, match=re.escape(path)):
        parse_config(document(changes, optimizer))


@pytest.mark.parametrize(
    ("path", "changes", "optimizer"),
    [
        ("learning_rate", {"learning_rate": 0.1}, {}),
        ("optimizer.momentum", {}, {"momentum": 0.9}),
    ],
)
def test_an_unknown_key_is_refused_and_named(
    path: str, changes: dict[str, object], optimizer: dict[str, object]
) -> None:
    with pytest.raises(ConfigError, match=re.escape(path)):
        parse_config(document(changes, optimizer))


def test_whole_numbers_become_floats_and_optional_keys_have_defaults() -> None:
    config = parse_config(document({"seed": 0}, {"learning_rate": 2, "weight_decay": 0}))
    assert config.seed == 0
    assert config.optimizer.learning_rate == 2.0 and isinstance(config.optimizer.learning_rate, float)
    assert config.optimizer.weight_decay == 0.0 and isinstance(config.optimizer.weight_decay, float)
    bare = parse_config(document(drop="early_stopping"))
    assert bare.early_stopping is False
    assert parse_config(document(drop="optimizer.weight_decay")).optimizer.weight_decay == 0.0


def test_require_is_generic_and_narrows() -> None:
    table: dict[str, object] = {"seed": 3, "name": "churn", "verbose": True, "ratio": 0.5}
    seed = require(table, "seed", int)
    assert_type(seed, int)
    assert seed == 3
    assert_type(require(table, "name", str), str)
    assert_type(require(table, "verbose", bool), bool)
    assert require(table, "ratio", float) == 0.5
    with pytest.raises(ConfigError, match="verbose"):
        require(table, "verbose", int)
    with pytest.raises(ConfigError, match="name"):
        require(table, "name", int)
    with pytest.raises(ConfigError, match="missing_key"):
        require(table, "missing_key", str)


def test_the_records_are_as_shipped() -> None:
    assert hints_of(OptimizerConfig) == {
        "name": Literal["adam", "sgd"],
        "learning_rate": float,
        "weight_decay": float,
    }
    assert hints_of(ExperimentConfig) == {
        "name": str,
        "seed": int,
        "epochs": int,
        "features": tuple[str, ...],
        "optimizer": OptimizerConfig,
        "early_stopping": bool,
    }
    config = parse_config(document())
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(config, "epochs", 100)
    assert issubclass(ConfigError, ValueError)
