from datetime import datetime, timedelta, timezone
from unittest.mock import MagicMock, Mock, patch

import model_cache
from model_cache import ModelCache

NOON = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
TTL = timedelta(seconds=300)


def make_clock(*times: datetime) -> MagicMock:
    """A stand-in for the datetime class whose now() returns the given times in turn."""
    clock = MagicMock()
    clock.now.side_effect = list(times)
    return clock


def test_first_get_loads() -> None:
    loader = Mock(return_value="model-a")
    clock = make_clock(NOON)
    with patch("model_cache.datetime", new=clock):
        assert ModelCache(loader, ttl=TTL).get("churn") == "model-a"
    loader.assert_called_once_with("churn")


def test_served_from_cache_just_before_the_ttl() -> None:
    loader = Mock(side_effect=["old", "new"])
    clock = make_clock(NOON, NOON + TTL - timedelta(milliseconds=1))
    with patch.object(model_cache, "datetime", new=clock):
        cache = ModelCache(loader, ttl=TTL)
        first = cache.get("churn")
        second = cache.get("churn")
    assert (first, second) == ("old", "old")
    assert loader.call_count == 1


def test_reloaded_when_exactly_ttl_old() -> None:
    loader = Mock(side_effect=["old", "new"])
    clock = make_clock(NOON, NOON + TTL)
    with patch("model_cache.datetime", new=clock):
        cache = ModelCache(loader, ttl=TTL)
        cache.get("churn")
        assert cache.get("churn") == "new"


def test_age_is_measured_from_the_last_reload() -> None:
    loader = Mock(side_effect=["v1", "v2", "v3"])
    clock = make_clock(NOON, NOON + TTL + timedelta(seconds=10), NOON + 2 * TTL)
    with patch("model_cache.datetime", new=clock):
        cache = ModelCache(loader, ttl=TTL)
        results = [cache.get("churn") for _ in range(3)]
    assert results == ["v1", "v2", "v2"]


def test_a_second_name_is_loaded_on_its_own() -> None:
    loader = Mock(side_effect=lambda name: f"{name}-model")
    clock = make_clock(NOON, NOON + timedelta(seconds=1))
    with patch.object(model_cache, "datetime", new=clock):
        cache = ModelCache(loader, ttl=TTL)
        assert cache.get("churn") == "churn-model"
        assert cache.get("upsell") == "upsell-model"
    assert [c.args for c in loader.call_args_list] == [("churn",), ("upsell",)]
