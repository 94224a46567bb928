"""The storage client the training pipeline publishes models with.

It stands in for a cloud SDK's client (boto3's S3 client, google-cloud-storage,
azure-storage-blob): the two calls every one of them offers, under plain names. The real
one talks to the network; tests hand publish_model a fake with the same methods instead.

A request that fails raises OSError: ConnectionError when the store cannot be reached,
PermissionError when it refuses the request.
"""


class ObjectStore:
    """Objects (bytes) stored under keys in buckets."""

    def exists(self, bucket: str, key: str) -> bool:
        """Whether an object is stored under `key` in `bucket`."""
        raise ConnectionError(f"no connection to the object store (HEAD {bucket}/{key})")

    def upload(self, bucket: str, key: str, data: bytes) -> None:
        """Store `data` under `key` in `bucket`, replacing whatever was there."""
        raise ConnectionError(f"no connection to the object store (PUT {bucket}/{key})")
