"""Settings for the churn model server, taken from the environment at start-up."""

import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


class SettingsError(ValueError):
    """The environment does not hold valid settings; the message lists every problem."""


@dataclass(frozen=True)
class Settings:
    model_path: Path
    api_key: str = field(repr=False)
    port: int = 8000
    log_level: str = "INFO"
    max_batch_size: int = 32
    enable_gpu: bool = False


def _port(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if not 1 <= number <= 65535:
        raise ValueError(f"must be an integer from 1 to 65535, got {text!r}")
    return number


def _batch_size(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise ValueError(f"must be an integer of at least 1, got {text!r}") from None
    if number < 1:
        raise ValueError(f"must be an integer of at least 1, got {text!r}")
    return number


def _level(text: str) -> str:
    if text.upper() not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
        raise ValueError(f"must be DEBUG, INFO, WARNING or ERROR, got {text!r}")
    return text.upper()


def _flag(text: str) -> bool:
    lowered = text.lower()
    if lowered in ("true", "1", "yes"):
        return True
    if lowered in ("false", "0", "no"):
        return False
    raise ValueError(f"must be true or false (1/0, yes/no also work), got {text!r}")


def _api_key(text: str) -> str:
    if len(text) < 16:
        # Only the length: the value is a secret.
        raise ValueError(f"must be at least 16 characters long, but has {len(text)}")
    return text


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Builds the settings from ``environ``, by default from ``os.environ`` now."""
    env = environ if environ is not None else os.environ
    problems: list[str] = []

    def read(name: str, parse: Callable[[str], T], default: T | None = None) -> T | None:
        text = env.get(name, "").strip()
        if not text:
            if default is None:
                problems.append(f"{name} is required but not set")
            return default
        try:
            return parse(text)
        except ValueError as error:
            problems.append(f"{name} {error}")
            return None

    model_path = read("MODEL_PATH", Path)
    api_key = read("API_KEY", _api_key)
    port = read("PORT", _port, 8000)
    log_level = read("LOG_LEVEL", _level, "INFO")
    max_batch_size = read("MAX_BATCH_SIZE", _batch_size, 32)
    enable_gpu = read("ENABLE_GPU", _flag, False)

    if (
        problems
        or model_path is None
        or api_key is None
        or port is None
        or log_level is None
        or max_batch_size is None
        or enable_gpu is None
    ):
        raise SettingsError("\n".join(["The server cannot start:", *problems]))
    settings = Settings(model_path, api_key, port, log_level, max_batch_size, enable_gpu)
    logging.getLogger(__name__).info("Using model %s on port %d (log level %s, batch %d, GPU %s)", model_path, port, log_level, max_batch_size, enable_gpu)
    return settings
