from object_store import ObjectStore
from uploader import publish_model

STORE_URL = "https://objects.ml-platform.example"


def test_publish_model() -> None:
    # Talks to the real object store: it needs the network and a token, it is slow, and
    # every run leaves a new model behind in the production bucket.
    store = ObjectStore(STORE_URL, token="dev-token")
    key = publish_model(store, "models", "run-42", {"model.pkl": b"weights"})
    assert key == "models/run-42/manifest.json"
