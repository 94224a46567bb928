"""The store is an autospec mock whose methods act on a dict, like a tiny bucket."""

import hashlib
import json
from unittest.mock import MagicMock, create_autospec

import pytest

from object_store import ObjectStore
from uploader import AlreadyPublishedError, publish_model

Bucket = dict[str, tuple[bytes, str]]


def in_memory_store(existing: list[str]) -> tuple[MagicMock, Bucket, list[str]]:
    objects: Bucket = {key: (b"old", "application/octet-stream") for key in existing}
    order: list[str] = []

    def put(bucket: str, key: str, data: bytes, *, content_type: str = "") -> str:
        objects[key] = (data, content_type)
        order.append(key)
        return "etag"

    def list_keys(bucket: str, prefix: str = "") -> list[str]:
        return sorted(k for k in objects if k.startswith(prefix))

    store = create_autospec(ObjectStore, instance=True, spec_set=True)
    store.put.side_effect = put
    store.list_keys.side_effect = list_keys
    return store, objects, order


ARTEFACTS = {"model.onnx": b"onnx-bytes", "metrics.json": b'{"auc": 0.91}'}


def test_publishes_every_artefact_and_the_manifest_last() -> None:
    store, objects, order = in_memory_store([])
    key = publish_model(store, "bkt", "run-1", ARTEFACTS)
    assert key == "models/run-1/manifest.json"
    assert order == [
        "models/run-1/metrics.json",
        "models/run-1/model.onnx",
        "models/run-1/manifest.json",
    ]
    assert objects["models/run-1/model.onnx"] == (
        b"onnx-bytes",
        "application/octet-stream",
    )


def test_manifest_describes_the_bytes_of_each_artefact() -> None:
    store, objects, _ = in_memory_store([])
    publish_model(store, "bkt", "run-1", ARTEFACTS)
    body, content_type = objects["models/run-1/manifest.json"]
    assert content_type == "application/json"
    entries = json.loads(body)["artefacts"]
    assert [e["name"] for e in entries] == ["metrics.json", "model.onnx"]
    for entry in entries:
        data = ARTEFACTS[entry["name"]]
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert json.loads(body)["run_id"] == "run-1"


@pytest.mark.parametrize(
    ("existing", "refused"),
    [
        (["models/run-1/model.onnx"], True),
        (["models/run-10/model.onnx"], False),
        (["models/run-2/manifest.json"], False),
    ],
    ids=["same-run", "longer-run-id", "other-run"],
)
def test_only_the_same_run_blocks_publishing(existing: list[str], refused: bool) -> None:
    store, objects, order = in_memory_store(existing)
    if refused:
        with pytest.raises(AlreadyPublishedError):
            publish_model(store, "bkt", "run-1", ARTEFACTS)
        assert order == []
    else:
        publish_model(store, "bkt", "run-1", ARTEFACTS)
        assert "models/run-1/manifest.json" in objects


def test_empty_artefacts_raise_before_the_store_is_used() -> None:
    store, _, _ = in_memory_store([])
    with pytest.raises(ValueError):
        publish_model(store, "bkt", "run-1", {})
    store.list_keys.assert_not_called()
    store.put.assert_not_called()
