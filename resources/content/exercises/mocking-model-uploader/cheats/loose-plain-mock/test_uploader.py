from unittest.mock import MagicMock

import pytest

from uploader import AlreadyPublishedError, publish_model


def test_publishes_something() -> None:
    store = MagicMock()
    store.list_keys.return_value = []
    key = publish_model(store, "models", "run-42", {"model.pkl": b"weights"})
    assert key == "models/run-42/manifest.json"
    assert store.put.call_count == 2


def test_refuses_a_published_run() -> None:
    store = MagicMock()
    store.list_keys.return_value = ["models/run-42/model.pkl"]
    with pytest.raises(AlreadyPublishedError):
        publish_model(store, "models", "run-42", {"model.pkl": b"weights"})
