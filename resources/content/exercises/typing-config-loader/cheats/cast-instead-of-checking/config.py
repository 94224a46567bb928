"""Load an experiment's configuration from JSON, as the training job does at start-up."""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeVar, cast

T = TypeVar("T")


class ConfigError(ValueError):
    """The configuration is not what the training job needs; the message says where."""


@dataclass(frozen=True)
class OptimizerConfig:
    name: Literal["adam", "sgd"]
    learning_rate: float
    weight_decay: float = 0.0


@dataclass(frozen=True)
class ExperimentConfig:
    name: str
    seed: int
    epochs: int
    features: tuple[str, ...]
    optimizer: OptimizerConfig
    early_stopping: bool = False


def require(table: Mapping[str, object], key: str, kind: type[T]) -> T:
    try:
        return cast(T, table[key])
    except KeyError as err:
        raise ConfigError(f"{key} is missing") from err


def parse_config(text: str) -> ExperimentConfig:
    """The experiment described by a JSON document."""
    try:
        data = cast(dict[str, object], json.loads(text))
        optimizer = cast(dict[str, object], data["optimizer"])
        return ExperimentConfig(
            name=cast(str, data["name"]),
            seed=cast(int, data["seed"]),
            epochs=cast(int, data["epochs"]),
            features=tuple(cast(list[str], data["features"])),
            optimizer=OptimizerConfig(
                name=cast(Literal["adam", "sgd"], optimizer["name"]),
                learning_rate=cast(float, optimizer["learning_rate"]),
                weight_decay=cast(float, optimizer.get("weight_decay", 0.0)),
            ),
            early_stopping=cast(bool, data.get("early_stopping", False)),
        )
    except (KeyError, TypeError, ValueError) as err:
        raise ConfigError(str(err)) from err


def load_config(path: Path) -> ExperimentConfig:
    """The experiment described by a JSON file."""
    return parse_config(path.read_text(encoding="utf-8"))
