"""Publish a training run's model artefacts to the team's object store."""

import hashlib
import json

from object_store import ObjectStore

ARTEFACT_TYPE = "application/octet-stream"
MANIFEST_TYPE = "application/json"


class AlreadyPublishedError(RuntimeError):
    """The run is already in the store: published models are never overwritten."""


def _describe(name: str, data: bytes) -> dict[str, object]:
    """One artefact's line of the manifest."""
    return {"name": name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def _manifest(run_id: str, artefacts: dict[str, bytes], names: list[str]) -> bytes:
    listing = [_describe(name, artefacts[name]) for name in names]
    return json.dumps({"run_id": run_id, "artefacts": listing}, indent=2).encode()


def publish_model(
    store: ObjectStore, bucket: str, run_id: str, artefacts: dict[str, bytes]
) -> str:
    """Upload every artefact of a training run, then its manifest; return the manifest's key.

    - An empty `artefacts` raises ValueError before the store is touched.
    - If any key already exists under "models/<run_id>/", AlreadyPublishedError is raised
      and nothing is uploaded.
    - Each artefact goes to "models/<run_id>/<name>" as application/octet-stream, in
      sorted name order.
    - The manifest, "models/<run_id>/manifest.json" (application/json), is uploaded last,
      so a reader who finds it knows every artefact is there. It is JSON:
      {"run_id": ..., "artefacts": [{"name": ..., "bytes": ..., "sha256": ...}, ...]},
      with the artefacts in sorted name order and the SHA-256 of each one's bytes.
    """
    if len(artefacts) == 0:
        raise ValueError(f"run {run_id} has no artefacts to publish")
    folder = "models/" + run_id + "/"
    existing = store.list_keys(bucket, folder)
    if existing:
        raise AlreadyPublishedError(f"{bucket}/{folder} already exists")
    names = sorted(artefacts)
    manifest = _manifest(run_id, artefacts, names)
    for name in names:
        store.put(bucket, folder + name, artefacts[name], content_type=ARTEFACT_TYPE)
    manifest_key = folder + "manifest.json"
    store.put(bucket, manifest_key, manifest, content_type=MANIFEST_TYPE)
    return manifest_key
