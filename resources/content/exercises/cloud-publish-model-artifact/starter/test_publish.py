"""Tests for publish.py with an in-memory store: no bucket, no credentials, no network."""

import hashlib
from pathlib import Path

import pytest

from publish import publish_model


class InMemoryStore:
    """A fake of the storage client: a dict, and a list of the uploads it was asked for.

    It has ObjectStore's two methods (exists and upload) with the same arguments, so
    publish_model cannot tell it from the real client.
    """

    def __init__(self) -> None:
        self.objects: dict[tuple[str, str], bytes] = {}
        self.uploads: list[tuple[str, str]] = []

    def exists(self, bucket: str, key: str) -> bool:
        return (bucket, key) in self.objects

    def upload(self, bucket: str, key: str, data: bytes) -> None:
        self.uploads.append((bucket, key))
        self.objects[(bucket, key)] = bytes(data)


@pytest.fixture
def settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MODEL_BUCKET", "team-models")
    monkeypatch.setenv("MODEL_PREFIX", "churn")


def test_the_model_is_stored_under_its_content_hash(settings: None, tmp_path: Path) -> None:
    model = tmp_path / "model.joblib"
    model.write_bytes(b"weights v1")
    store = InMemoryStore()

    key = publish_model(str(model), store)

    digest = hashlib.sha256(b"weights v1").hexdigest()
    assert key == f"churn/{digest}/model.joblib"
    assert store.objects == {("team-models", key): b"weights v1"}


def test_publishing_the_same_bytes_twice_uploads_once(settings: None, tmp_path: Path) -> None:
    model = tmp_path / "model.joblib"
    model.write_bytes(b"weights v1")
    store = InMemoryStore()

    first = publish_model(str(model), store)
    second = publish_model(str(model), store)

    assert first == second
    assert len(store.uploads) == 1
