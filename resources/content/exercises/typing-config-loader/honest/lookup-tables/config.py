"""Load an experiment's configuration from JSON, as the training job does at start-up.

Validation is table-driven: the allowed keys of each object, then one small reader per
kind of value, each naming the key by its dotted path when it refuses.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeVar

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


TOP_LEVEL_KEYS = frozenset({"name", "seed", "epochs", "features", "optimizer", "early_stopping"})
OPTIMIZER_KEYS = frozenset({"name", "learning_rate", "weight_decay"})
# Looking a name up here turns a str into the Literal type the record wants.
OPTIMIZERS: dict[str, Literal["adam", "sgd"]] = {"adam": "adam", "sgd": "sgd"}


def require(table: Mapping[str, object], key: str, kind: type[T], prefix: str = "") -> T:
    """The value at `key`, if it is a `kind` (a bool only when `kind` is bool)."""
    where = prefix + key
    try:
        value = table[key]
    except KeyError:
        raise ConfigError(f"missing key: {where}") from None
    if isinstance(value, bool) and kind is not bool:
        raise ConfigError(f"{where}: expected {kind.__name__}, got a boolean")
    if not isinstance(value, kind):
        raise ConfigError(f"{where}: expected {kind.__name__}, got {type(value).__name__}")
    return value


def _as_object(value: object, what: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise ConfigError(f"{what} must be a JSON object")
    return {str(k): v for k, v in value.items()}


def _check_keys(table: Mapping[str, object], allowed: frozenset[str], prefix: str) -> None:
    for key in sorted(table):
        if key not in allowed:
            raise ConfigError(f"unknown key {prefix}{key}")


def _float(table: Mapping[str, object], key: str, prefix: str, default: float | None = None) -> float:
    if default is not None and key not in table:
        return default
    value = table.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"{prefix}{key} must be a number")
    return float(value)


def _string_list(table: Mapping[str, object], key: str) -> tuple[str, ...]:
    raw = require(table, key, list)
    names = tuple(item for item in raw if isinstance(item, str))
    if len(names) != len(raw):
        raise ConfigError(f"{key} must contain only strings")
    if not names:
        raise ConfigError(f"{key} is empty: name at least one feature")
    return names


def _optimizer(table: Mapping[str, object]) -> OptimizerConfig:
    _check_keys(table, OPTIMIZER_KEYS, "optimizer.")
    raw_name = require(table, "name", str, "optimizer.")
    if raw_name not in OPTIMIZERS:
        raise ConfigError(f"optimizer.name: {raw_name!r} is neither adam nor sgd")
    learning_rate = _float(table, "learning_rate", "optimizer.")
    weight_decay = _float(table, "weight_decay", "optimizer.", default=0.0)
    if not learning_rate > 0:
        raise ConfigError("optimizer.learning_rate must be above 0")
    if weight_decay < 0:
        raise ConfigError("optimizer.weight_decay must be 0 or more")
    return OptimizerConfig(OPTIMIZERS[raw_name], learning_rate, weight_decay)


def parse_config(text: str) -> ExperimentConfig:
    """The experiment described by a JSON document."""
    try:
        data: object = json.loads(text)
    except ValueError as err:  # JSONDecodeError is a ValueError
        raise ConfigError(f"not valid JSON: {err}") from err
    top = _as_object(data, "the configuration")
    _check_keys(top, TOP_LEVEL_KEYS, "")
    name = require(top, "name", str)
    seed = require(top, "seed", int)
    epochs = require(top, "epochs", int)
    if epochs < 1:
        raise ConfigError(f"epochs must be 1 or more, got {epochs}")
    features = _string_list(top, "features")
    optimizer = _optimizer(_as_object(require(top, "optimizer", dict), "optimizer"))
    early_stopping = require(top, "early_stopping", bool) if "early_stopping" in top else False
    return ExperimentConfig(name, seed, epochs, features, optimizer, early_stopping)


def load_config(path: Path) -> ExperimentConfig:
    """The experiment described by a JSON file."""
    return parse_config(path.read_text(encoding="utf-8"))
