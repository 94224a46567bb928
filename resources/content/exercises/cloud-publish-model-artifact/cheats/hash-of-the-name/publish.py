"""Publish the trained churn model to the team's object storage.

Where it goes comes from the environment, and the object key holds the SHA-256 of the
model's bytes: publishing the same model again uploads nothing, and a new model never
replaces an old one.
"""

import hashlib
import os
from pathlib import Path

from object_store import ObjectStore

REQUIRED_SETTINGS = ("MODEL_BUCKET", "MODEL_PREFIX")


class PublishError(Exception):
    """Publishing the model failed; the message says what to fix."""


def _read_settings() -> tuple[str, str]:
    values = {name: os.environ.get(name, "").strip().strip("/") for name in REQUIRED_SETTINGS}
    missing = [name for name, value in values.items() if not value]
    if missing:
        raise PublishError(f"cannot publish the model: set {' and '.join(missing)} in the environment")
    return values["MODEL_BUCKET"], values["MODEL_PREFIX"]


def publish_model(model_path: str | os.PathLike[str], store: ObjectStore) -> str:
    """Upload the model file unless the same bytes are already stored; return its key."""
    bucket, prefix = _read_settings()
    path = Path(model_path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise PublishError(f"cannot read the model file {path}: {err.strerror}") from err
    key = f"{prefix}/{hashlib.sha256(path.name.encode()).hexdigest()}/{path.name}"
    try:
        if not store.exists(bucket, key):
            store.upload(bucket, key, data)
    except OSError as err:
        raise PublishError(f"could not publish {path.name} to bucket {bucket}, key {key}: {err}") from err
    return key
