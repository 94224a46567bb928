import hashlib
import json
from unittest.mock import MagicMock, call, create_autospec

import pytest

from object_store import ObjectStore
from uploader import AlreadyPublishedError, publish_model

BUCKET = "models"
ARTEFACTS = {"model.pkl": b"weights", "features.json": b'["age", "tenure"]'}


@pytest.fixture
def store() -> MagicMock:
    # autospec: the fake has ObjectStore's methods with their real signatures, so a call
    # the real client would reject (a misspelt keyword, a missing argument) fails here too.
    fake: MagicMock = create_autospec(ObjectStore, instance=True)
    fake.list_keys.return_value = []
    return fake


def test_uploads_each_artefact_in_sorted_order(store: MagicMock) -> None:
    publish_model(store, BUCKET, "run-42", ARTEFACTS)

    octet = "application/octet-stream"
    assert store.put.call_args_list[:2] == [
        call(BUCKET, "models/run-42/features.json", ARTEFACTS["features.json"], content_type=octet),
        call(BUCKET, "models/run-42/model.pkl", ARTEFACTS["model.pkl"], content_type=octet),
    ]


def test_manifest_is_uploaded_last(store: MagicMock) -> None:
    key = publish_model(store, BUCKET, "run-42", ARTEFACTS)

    assert key == "models/run-42/manifest.json"
    assert store.put.call_count == 3
    last = store.put.call_args_list[-1]
    assert last.args[:2] == (BUCKET, "models/run-42/manifest.json")
    assert last.kwargs == {"content_type": "application/json"}


def test_manifest_lists_size_and_checksum_of_each_artefact(store: MagicMock) -> None:
    publish_model(store, BUCKET, "run-42", ARTEFACTS)

    manifest = json.loads(store.put.call_args_list[-1].args[2])
    assert manifest["run_id"] == "run-42"
    assert manifest["artefacts"] == [
        {"name": name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        for name, data in sorted(ARTEFACTS.items())
    ]


def test_refuses_to_overwrite_a_published_run(store: MagicMock) -> None:
    store.list_keys.return_value = ["models/run-42/model.pkl"]

    with pytest.raises(AlreadyPublishedError):
        publish_model(store, BUCKET, "run-42", ARTEFACTS)

    store.list_keys.assert_called_once_with(BUCKET, "models/run-42/")
    store.put.assert_not_called()


def test_nothing_to_publish_never_touches_the_store(store: MagicMock) -> None:
    with pytest.raises(ValueError):
        publish_model(store, BUCKET, "run-42", {})

    assert store.mock_calls == []
