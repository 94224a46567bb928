"""A small client for the team's S3-compatible object store, spoken to over HTTP."""

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any


class ObjectStoreError(RuntimeError):
    """The object store refused a request or could not be reached."""


class ObjectStore:
    """Read, write and list objects in the buckets of an S3-compatible store."""

    def __init__(self, endpoint: str, token: str, timeout: float = 30.0) -> None:
        self.endpoint = endpoint.rstrip("/")
        self._token = token
        self._timeout = timeout

    def get(self, bucket: str, key: str) -> bytes:
        """Return the bytes stored under `key` in `bucket`."""
        with self._send("GET", self._url(bucket, key)) as response:
            data: bytes = response.read()
        return data

    def put(
        self,
        bucket: str,
        key: str,
        data: bytes,
        *,
        content_type: str = "application/octet-stream",
    ) -> str:
        """Store `data` under `key` in `bucket`, replacing what was there; return its ETag."""
        with self._send("PUT", self._url(bucket, key), data, content_type) as response:
            return str(response.headers.get("ETag", ""))

    def list_keys(self, bucket: str, prefix: str = "") -> list[str]:
        """The keys in `bucket` that start with `prefix`, sorted."""
        query = urllib.parse.urlencode({"prefix": prefix})
        with self._send("GET", f"{self.endpoint}/{bucket}?{query}") as response:
            keys: list[str] = json.load(response)["keys"]
        return sorted(keys)

    def _url(self, bucket: str, key: str) -> str:
        return f"{self.endpoint}/{bucket}/{urllib.parse.quote(key)}"

    def _send(
        self,
        method: str,
        url: str,
        data: bytes | None = None,
        content_type: str | None = None,
    ) -> Any:
        headers = {"Authorization": f"Bearer {self._token}"}
        if content_type is not None:
            headers["Content-Type"] = content_type
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            return urllib.request.urlopen(request, timeout=self._timeout)
        except urllib.error.URLError as err:
            raise ObjectStoreError(f"{method} {url}: {err.reason}") from err
