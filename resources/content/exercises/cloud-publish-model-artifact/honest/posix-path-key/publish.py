"""Publish the trained churn model to the team's object storage."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path, PurePosixPath

from object_store import ObjectStore

CHUNK = 1 << 20


class PublishError(Exception):
    """Publishing the model failed; the message says what to fix."""


class MissingSettingError(PublishError):
    """A setting the publisher needs is not in the environment."""


class StoreUnavailableError(PublishError):
    """The object store failed while the model was being published."""


def publish_model(model_path: str | os.PathLike[str], store: ObjectStore) -> str:
    """Put the model under <prefix>/<sha256>/<name> in the bucket, once per content."""
    found = {name: (os.getenv(name) or "").strip(" \t\n/") for name in ("MODEL_BUCKET", "MODEL_PREFIX")}
    unset = sorted(name for name, value in found.items() if value == "")
    if unset:
        raise MissingSettingError("missing environment setting(s): " + ", ".join(unset))

    source = Path(model_path)
    if not source.is_file():
        raise PublishError(f"model file not found: {source}")
    hasher = hashlib.sha256()
    chunks: list[bytes] = []
    with source.open("rb") as stream:
        while block := stream.read(CHUNK):
            hasher.update(block)
            chunks.append(block)

    target = str(PurePosixPath(found["MODEL_PREFIX"], hasher.hexdigest(), source.name))
    bucket = found["MODEL_BUCKET"]
    try:
        already_there = store.exists(bucket, target)
    except OSError as err:
        raise StoreUnavailableError(f"cannot check {target} in {bucket}: {err}") from err
    if not already_there:
        try:
            store.upload(bucket, target, b"".join(chunks))
        except OSError as err:
            raise StoreUnavailableError(f"cannot upload {target} to {bucket}: {err}") from err
    return target
