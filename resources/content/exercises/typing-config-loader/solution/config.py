"""Load an experiment's configuration from JSON, as the training job does at start-up."""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeGuard, TypeVar

T = TypeVar("T")
OptimizerName = Literal["adam", "sgd"]


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


def _path(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def require(table: Mapping[str, object], key: str, kind: type[T], where: str = "") -> T:
    """`table[key]` if it is a `kind`; a bool never passes for a number (JSON true is not 1)."""
    if key not in table:
        raise ConfigError(f"{_path(where, key)} is missing")
    value = table[key]
    if isinstance(value, kind) and (kind is bool or not isinstance(value, bool)):
        return value
    raise ConfigError(f"{_path(where, key)} must be {kind.__name__}, got {type(value).__name__}")


def _number(table: Mapping[str, object], key: str, where: str) -> float:
    """A JSON number, written with or without a decimal point, as a float."""
    value = table.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigError(f"{_path(where, key)} must be a number, got {type(value).__name__}")
    return float(value)


def _table(value: object, where: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where or 'the configuration'} must be a JSON object, got {type(value).__name__}")
    table: dict[str, object] = {}
    for key, item in value.items():
        if not isinstance(key, str):  # json.loads only makes str keys; a dict from elsewhere might not
            raise ConfigError(f"{where or 'the configuration'} has a key that is not a string")
        table[key] = item
    return table


def _no_unknown_keys(table: Mapping[str, object], known: set[str], where: str) -> None:
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"unknown key(s) {', '.join(_path(where, k) for k in unknown)}: a typo?")


def _is_optimizer_name(value: str) -> TypeGuard[OptimizerName]:
    return value in ("adam", "sgd")


def _optimizer(value: object) -> OptimizerConfig:
    table = _table(value, "optimizer")
    _no_unknown_keys(table, {"name", "learning_rate", "weight_decay"}, "optimizer")
    name = require(table, "name", str, "optimizer")
    if not _is_optimizer_name(name):
        raise ConfigError(f"optimizer.name must be adam or sgd, got {name!r}")
    learning_rate = _number(table, "learning_rate", "optimizer")
    if learning_rate <= 0:
        raise ConfigError("optimizer.learning_rate must be positive")
    weight_decay = _number(table, "weight_decay", "optimizer") if "weight_decay" in table else 0.0
    if weight_decay < 0:
        raise ConfigError("optimizer.weight_decay must not be negative")
    return OptimizerConfig(name=name, learning_rate=learning_rate, weight_decay=weight_decay)


def _features(table: Mapping[str, object]) -> tuple[str, ...]:
    items = require(table, "features", list)
    features: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise ConfigError(f"features must be a list of column names, got a {type(item).__name__}")
        features.append(item)
    if not features:
        raise ConfigError("features must name at least one column")
    return tuple(features)


def parse_config(text: str) -> ExperimentConfig:
    """The experiment described by a JSON document."""
    try:
        data: object = json.loads(text)
    except json.JSONDecodeError as err:
        raise ConfigError(f"the configuration is not valid JSON: {err}") from err
    table = _table(data, "")
    known = {"name", "seed", "epochs", "features", "optimizer", "early_stopping"}
    _no_unknown_keys(table, known, "")
    epochs = require(table, "epochs", int)
    if epochs < 1:
        raise ConfigError("epochs must be at least 1")
    if "optimizer" not in table:
        raise ConfigError("optimizer is missing")
    return ExperimentConfig(
        name=require(table, "name", str),
        seed=require(table, "seed", int),
        epochs=epochs,
        features=_features(table),
        optimizer=_optimizer(table["optimizer"]),
        early_stopping=require(table, "early_stopping", bool) if "early_stopping" in table else False,
    )


def load_config(path: Path) -> ExperimentConfig:
    """The experiment described by a JSON file."""
    return parse_config(path.read_text(encoding="utf-8"))
