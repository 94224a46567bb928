"""An in-memory stand-in: no network, so the tests need no mocks."""


class ObjectStoreError(RuntimeError):
    pass


class ObjectStore:
    def __init__(self, endpoint: str, token: str, timeout: float = 30.0) -> None:
        self.objects: dict[tuple[str, str], bytes] = {}

    def get(self, bucket: str, key: str) -> bytes:
        return self.objects[(bucket, key)]

    def put(self, bucket: str, key: str, data: bytes, **kwargs: object) -> str:
        self.objects[(bucket, key)] = data
        return "etag"

    def list_keys(self, bucket: str, prefix: str = "") -> list[str]:
        return sorted(k for b, k in self.objects if b == bucket and k.startswith(prefix))
