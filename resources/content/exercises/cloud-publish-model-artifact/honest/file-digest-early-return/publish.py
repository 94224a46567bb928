"""Publish the trained churn model to the team's object storage."""

import hashlib
import os

from object_store import ObjectStore


class PublishError(Exception):
    """Publishing the model failed; the message says what to fix."""


def _setting(name: str, problems: list[str]) -> str:
    value = os.environ.get(name, "").strip().strip("/")
    if not value:
        problems.append("%s is not set" % name)
    return value


def publish_model(model_path: str | os.PathLike[str], store: ObjectStore) -> str:
    problems: list[str] = []
    bucket = _setting("MODEL_BUCKET", problems)
    prefix = _setting("MODEL_PREFIX", problems)
    if problems:
        raise PublishError("; ".join(problems) + " (export it before the training job publishes)")

    file_name = os.path.basename(os.fspath(model_path))
    try:
        with open(model_path, "rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
            handle.seek(0)
            payload = handle.read()
    except FileNotFoundError as missing:
        raise PublishError("no model file at %s" % os.fspath(model_path)) from missing

    object_key = "%s/%s/%s" % (prefix, digest, file_name)
    try:
        if store.exists(bucket, object_key):
            return object_key
        store.upload(bucket, object_key, payload)
    except OSError as failure:
        raise PublishError("upload of %s to %s/%s failed: %s" % (file_name, bucket, object_key, failure)) from failure
    return object_key
