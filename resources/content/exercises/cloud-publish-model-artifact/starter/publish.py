"""Publish the trained churn model to the team's object storage.

Copied from the last cell of the training notebook.
"""

import os

from object_store import ObjectStore


class PublishError(Exception):
    """Publishing the model failed; the message says what to fix."""


def publish_model(model_path, store: ObjectStore):
    data = open(model_path, "rb").read()
    key = "models/churn/" + os.path.basename(model_path)
    store.upload("acme-ml-models", key, data)
    return key
