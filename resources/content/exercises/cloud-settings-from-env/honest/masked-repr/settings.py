"""The churn model server's configuration, read from environment variables.

``load_settings()`` reads MODEL_PATH and API_KEY (required), PORT, LOG_LEVEL,
MAX_BATCH_SIZE and ENABLE_GPU (optional), and raises ``SettingsError`` with every
problem it found. The key is masked wherever a ``Settings`` is shown.
"""

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

_log = logging.getLogger(__name__)

_BOOLEANS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}
_LEVELS = ["DEBUG", "INFO", "WARNING", "ERROR"]


class SettingsError(ValueError):
    """The environment does not hold valid settings; the message lists every problem."""


@dataclass(frozen=True, repr=False)
class Settings:
    model_path: Path
    api_key: str
    port: int = 8000
    log_level: str = "INFO"
    max_batch_size: int = 32
    enable_gpu: bool = False

    def __repr__(self) -> str:
        return (
            f"Settings(model_path={str(self.model_path)!r}, api_key='***', port={self.port}, "
            f"log_level={self.log_level!r}, max_batch_size={self.max_batch_size}, "
            f"enable_gpu={self.enable_gpu})"
        )

    __str__ = __repr__


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Reads and checks the settings; ``os.environ`` (as it is now) when none is given."""
    source: Mapping[str, str] = os.environ if environ is None else environ
    values = {name: source.get(name, "").strip() for name in ("MODEL_PATH", "API_KEY", "PORT", "LOG_LEVEL", "MAX_BATCH_SIZE", "ENABLE_GPU")}
    errors: list[str] = []

    if not values["MODEL_PATH"]:
        errors.append("MODEL_PATH is not set: give the path of the model file")
    key = values["API_KEY"]
    if not key:
        errors.append("API_KEY is not set")
    elif len(key) < 16:
        errors.append(f"API_KEY is too short: {len(key)} characters, at least 16 are needed")

    port = 8000
    if values["PORT"]:
        if values["PORT"].isdecimal() and 1 <= int(values["PORT"]) <= 65535:
            port = int(values["PORT"])
        else:
            errors.append(f"PORT must be an integer from 1 to 65535, got {values['PORT']!r}")

    batch = 32
    if values["MAX_BATCH_SIZE"]:
        if values["MAX_BATCH_SIZE"].isdecimal() and int(values["MAX_BATCH_SIZE"]) >= 1:
            batch = int(values["MAX_BATCH_SIZE"])
        else:
            errors.append(f"MAX_BATCH_SIZE must be a whole number of at least 1, got {values['MAX_BATCH_SIZE']!r}")

    level = values["LOG_LEVEL"].upper() or "INFO"
    if level not in _LEVELS:
        errors.append(f"LOG_LEVEL {values['LOG_LEVEL']!r} is not one of {_LEVELS}")

    gpu = _BOOLEANS.get(values["ENABLE_GPU"].lower() or "false")
    if gpu is None:
        errors.append(f"ENABLE_GPU must be true/false, 1/0 or yes/no, got {values['ENABLE_GPU']!r}")

    if errors or gpu is None:
        raise SettingsError(f"{len(errors)} problem(s) with the environment: " + "; ".join(errors))

    loaded = Settings(Path(values["MODEL_PATH"]), key, port, level, batch, gpu)
    _log.info("settings loaded: %r", loaded)
    return loaded
