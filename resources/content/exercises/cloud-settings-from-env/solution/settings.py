"""Configuration for the churn model server, read from the environment.

Call ``load_settings()`` once when the server starts: it reads the variables below,
converts and checks them, and raises ``SettingsError`` listing every problem at once.
The API key is a secret: it never appears in a repr, a log line or an error message.

=================  ========  ========  ===============================================
Variable           Required  Default   Valid values
=================  ========  ========  ===============================================
MODEL_PATH         yes                 a file path
API_KEY            yes                 at least 16 characters
PORT               no        8000      an integer from 1 to 65535
LOG_LEVEL          no        INFO      DEBUG, INFO, WARNING or ERROR (any case)
MAX_BATCH_SIZE     no        32        an integer of at least 1
ENABLE_GPU         no        false     true/false, 1/0, yes/no (any case)
=================  ========  ========  ===============================================
"""

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no"}
MIN_KEY_LENGTH = 16


class SettingsError(ValueError):
    """The environment does not hold valid settings; the message lists every problem."""


@dataclass(frozen=True)
class Settings:
    """The server's configuration. ``api_key`` is left out of the repr."""

    model_path: Path
    api_key: str = field(repr=False)
    port: int = 8000
    log_level: str = "INFO"
    max_batch_size: int = 32
    enable_gpu: bool = False


def _int_in_range(name: str, raw: str, low: int, high: int | None, problems: list[str]) -> int | None:
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or value < low or (high is not None and value > high):
        upper = f"to {high}" if high is not None else "or more"
        problems.append(f"{name} must be an integer from {low} {upper}, got {raw!r}")
        return None
    return value


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Reads the settings from ``environ`` (default: ``os.environ``, read now).

    Surrounding whitespace is ignored and an empty value counts as not set.
    Raises ``SettingsError`` naming every missing or invalid variable.
    """
    env = os.environ if environ is None else environ

    def get(name: str) -> str | None:
        value = env.get(name, "").strip()
        return value or None

    problems: list[str] = []

    model_path = get("MODEL_PATH")
    if model_path is None:
        problems.append("MODEL_PATH is required (the path of the model file) but is not set")

    api_key = get("API_KEY")
    if api_key is None:
        problems.append("API_KEY is required but is not set")
    elif len(api_key) < MIN_KEY_LENGTH:
        # The length only: a secret's value never goes into a message.
        problems.append(f"API_KEY must be at least {MIN_KEY_LENGTH} characters, got {len(api_key)}")

    port_raw = get("PORT")
    port = 8000 if port_raw is None else _int_in_range("PORT", port_raw, 1, 65535, problems)

    batch_raw = get("MAX_BATCH_SIZE")
    batch = 32 if batch_raw is None else _int_in_range("MAX_BATCH_SIZE", batch_raw, 1, None, problems)

    level = (get("LOG_LEVEL") or "INFO").upper()
    if level not in LOG_LEVELS:
        problems.append(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, got {get('LOG_LEVEL')!r}")

    gpu_raw = (get("ENABLE_GPU") or "false").lower()
    if gpu_raw not in _TRUE | _FALSE:
        problems.append(f"ENABLE_GPU must be true or false (or 1/0, yes/no), got {get('ENABLE_GPU')!r}")

    if problems:
        raise SettingsError("Invalid settings:\n- " + "\n- ".join(problems))
    assert model_path is not None and api_key is not None and port is not None and batch is not None
    settings = Settings(
        model_path=Path(model_path),
        api_key=api_key,
        port=port,
        log_level=level,
        max_batch_size=batch,
        enable_gpu=gpu_raw in _TRUE,
    )
    logger.info("Loaded settings: %s", settings)
    return settings
