import time
from datetime import timedelta
from unittest.mock import MagicMock

from model_cache import ModelCache


def test_cached_then_reloaded() -> None:
    loader = MagicMock(side_effect=lambda name: f"{name} model")
    cache = ModelCache(loader, ttl=timedelta(milliseconds=50))
    cache.get("churn")
    cache.get("churn")
    assert loader.call_count == 1
    time.sleep(0.06)
    cache.get("churn")
    assert loader.call_count == 2


def test_each_name_has_its_own_model() -> None:
    cache = ModelCache(lambda name: f"{name} model")
    assert cache.get("churn") == "churn model"
    assert cache.get("lifetime-value") == "lifetime-value model"
