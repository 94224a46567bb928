"""Load an experiment's configuration from JSON, as the training job does at start-up."""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal


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


def parse_config(text: str) -> ExperimentConfig:
    """The experiment described by a JSON document."""
    data: Any = json.loads(text)
    optimizer = data["optimizer"]
    return ExperimentConfig(
        name=data["name"],
        seed=data["seed"],
        epochs=data["epochs"],
        features=tuple(data["features"]),
        optimizer=OptimizerConfig(
            name=optimizer["name"],
            learning_rate=optimizer["learning_rate"],
            weight_decay=optimizer.get("weight_decay", 0.0),
        ),
        early_stopping=data.get("early_stopping", False),
    )


def load_config(path: Path) -> ExperimentConfig:
    """The experiment described by a JSON file."""
    return parse_config(path.read_text(encoding="utf-8"))
