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
        raise ValueError(f"run {run_id} has no artefacts to publish")
    prefix = f"models/{run_id}/"
    if store.list_keys(bucket, prefix):
        raise AlreadyPublishedError(f"{bucket}/{prefix} already exists")
    entries = [
        {
            "name": name,
            "bytes": len(artefacts[name]),
            "sha256": hashlib.sha256(artefacts[name]).hexdigest(),
        }
        for name in sorted(artefacts)
    ]
    manifest = json.dumps({"run_id": run_id, "artefacts": entries}, indent=2).encode()
    uploads = [(name, artefacts[name], ARTEFACT_TYPE) for name in sorted(artefacts)]
    uploads.append(("manifest.json", manifest, MANIFEST_TYPE))
    for name, data, content_type in uploads:
        store.put(bucket, prefix + name, data, contentType=content_type)
    return prefix + "manifest.json"
