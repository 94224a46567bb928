"""Configuration for the churn model server.

Copied from the notebook that trained the model. It works on the laptop it was
written on, and nowhere else.
"""

import os
from dataclasses import dataclass
from pathlib import Path

MODEL_PATH = os.environ.get("MODEL_PATH", "/Users/sam/churn/model.json")
API_KEY = os.environ.get("API_KEY", "sk-live-8c1f4e2a9b7d3f60")  # TODO remove before release
PORT = int(os.environ.get("PORT", 8000))
LOG_LEVEL = os.environ.get("LOG_LEVEL", "info")
MAX_BATCH_SIZE = int(os.environ.get("MAX_BATCH_SIZE", 32))
ENABLE_GPU = os.environ.get("ENABLE_GPU") == "true"

print(f"Config: model={MODEL_PATH} key={API_KEY} port={PORT} gpu={ENABLE_GPU}")


class SettingsError(ValueError):
    """The environment does not hold valid settings; the message lists every problem."""


@dataclass(frozen=True)
class Settings:
    model_path: Path
    api_key: str
    port: int = 8000
    log_level: str = "INFO"
    max_batch_size: int = 32
    enable_gpu: bool = False


def load_settings(environ=None):
    """Reads the settings from ``environ`` (default: ``os.environ``). See README.md."""
    return Settings(Path(MODEL_PATH), API_KEY, PORT, LOG_LEVEL, MAX_BATCH_SIZE, ENABLE_GPU)
