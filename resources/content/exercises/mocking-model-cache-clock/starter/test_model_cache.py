import time
from datetime import timedelta

from model_cache import ModelCache


def test_model_is_reloaded_after_the_ttl() -> None:
    loaded: list[str] = []

    def load(name: str) -> str:
        loaded.append(name)
        return f"{name} model"

    cache = ModelCache(load, ttl=timedelta(seconds=0.5))
    cache.get("churn")
    time.sleep(0.6)  # Real waiting: every run of the test suite pays for it.
    cache.get("churn")
    assert loaded == ["churn", "churn"]
