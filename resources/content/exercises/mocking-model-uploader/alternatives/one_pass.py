"""Publish a training run's model artefacts to the team's object store."""

import hashlib
import json

from object_store import ObjectStore

ARTEFACT_TYPE = "application/octet-stream"
MANIFEST_TYPE = "application/json"


class AlreadyPublishedError(RuntimeError):
    """The run is already in the store: published models are never overwritten."""


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
    if not artefacts:
        raise ValueError("run %s has no artefacts to publish" % run_id)

    def key_of(name: str) -> str:
        return f"models/{run_id}/{name}"

    if store.list_keys(bucket, key_of("")):
        raise AlreadyPublishedError("%s/%s already exists" % (bucket, key_of("")))
    uploads: list[tuple[str, bytes, str]] = []
    entries: list[dict[str, object]] = []
    for name, data in sorted(artefacts.items()):
        digest = hashlib.sha256()
        digest.update(data)
        entries.append({"name": name, "bytes": len(data), "sha256": digest.hexdigest()})
        uploads.append((key_of(name), data, ARTEFACT_TYPE))
    document = {"run_id": run_id, "artefacts": entries}
    uploads.append((key_of("manifest.json"), json.dumps(document, indent=2).encode(), MANIFEST_TYPE))
    for key, data, content_type in uploads:
        store.put(bucket, key, data, content_type=content_type)
    return uploads[-1][0]
