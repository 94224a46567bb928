"""Load an experiment's configuration from JSON, as the training job does at start-up."""

from __future__ import annotations

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


def require(table: Mapping[str, object], key: str, kind: type[T]) -> T:
    """`table[key]` when it is a `kind`; JSON true is never a number."""
    return _Reader(table).get(key, kind)


class _Reader:
    """One JSON object being read, and the dotted path that leads to it."""

    def __init__(self, table: Mapping[str, object], path: str = "") -> None:
        self.table = table
        self.path = path

    def where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def only(self, *keys: str) -> None:
        extra = [self.where(k) for k in self.table if k not in keys]
        if extra:
            raise ConfigError(f"unknown key(s): {', '.join(extra)}")

    def get(self, key: str, kind: type[T]) -> T:
        if key not in self.table:
            raise ConfigError(f"{self.where(key)} is required")
        value = self.table[key]
        is_bool = isinstance(value, bool)
        if isinstance(value, kind) and (not is_bool or kind is bool):
            return value
        raise ConfigError(f"{self.where(key)} should be a {kind.__name__}")

    def number(self, key: str, default: float | None = None) -> float:
        if key not in self.table and default is not None:
            return default
        value = self.table.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        raise ConfigError(f"{self.where(key)} should be a number")

    def child(self, key: str) -> _Reader:
        value = self.get(key, dict)
        table: dict[str, object] = {}
        for k, v in value.items():
            table[str(k)] = v
        return _Reader(table, self.where(key))


def _optimizer_name(name: str) -> Literal["adam", "sgd"]:
    if name == "adam":
        return "adam"
    if name == "sgd":
        return "sgd"
    raise ConfigError(f"optimizer.name must be 'adam' or 'sgd', not {name!r}")


def parse_config(text: str) -> ExperimentConfig:
    """The experiment described by a JSON document."""
    try:
        data: object = json.loads(text)
    except json.JSONDecodeError as err:
        raise ConfigError(f"invalid JSON at line {err.lineno}: {err.msg}") from None
    if not isinstance(data, dict):
        raise ConfigError("the configuration must be a JSON object")
    root = _Reader({str(k): v for k, v in data.items()})
    root.only("name", "seed", "epochs", "features", "optimizer", "early_stopping")

    opt = root.child("optimizer")
    opt.only("name", "learning_rate", "weight_decay")
    optimizer = OptimizerConfig(
        name=_optimizer_name(opt.get("name", str)),
        learning_rate=opt.number("learning_rate"),
        weight_decay=opt.number("weight_decay", default=0.0),
    )
    if optimizer.learning_rate <= 0:
        raise ConfigError("optimizer.learning_rate must be greater than 0")
    if optimizer.weight_decay < 0:
        raise ConfigError("optimizer.weight_decay cannot be negative")

    features: list[str] = []
    for item in root.get("features", list):
        if not isinstance(item, str):
            raise ConfigError("features: every entry must be a column name (a string)")
        features.append(item)
    if len(features) == 0:
        raise ConfigError("features: list at least one column")

    epochs = root.get("epochs", int)
    if epochs <= 0:
        raise ConfigError("epochs must be a positive integer")
    return ExperimentConfig(
        name=root.get("name", str),
        seed=root.get("seed", int),
        epochs=epochs,
        features=tuple(features),
        optimizer=optimizer,
        early_stopping=root.get("early_stopping", bool) if "early_stopping" in root.table else False,
    )


def load_config(path: Path) -> ExperimentConfig:
    """The experiment described by a JSON file."""
    return parse_config(path.read_text(encoding="utf-8"))
