from object_store import ObjectStore
from uploader import publish_model


def test_publish_model() -> None:
    store = ObjectStore("https://objects.ml-platform.example", token="dev-token")
    key = publish_model(store, "models", "run-42", {"model.pkl": b"weights"})
    assert key == "models/run-42/manifest.json"
    assert store.list_keys("models", "models/run-42/") == ["models/run-42/manifest.json", "models/run-42/model.pkl"]
