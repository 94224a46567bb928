import itertools
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from unittest.mock import MagicMock, patch

import pytest

from model_cache import ModelCache

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=timezone.utc)
TTL = timedelta(minutes=5)


@pytest.fixture
def clock() -> Iterator[MagicMock]:
    # model_cache.py does "from datetime import datetime": replace that name, in that module.
    with patch("model_cache.datetime") as mock_datetime:
        mock_datetime.now.return_value = T0
        yield mock_datetime


@pytest.fixture
def loader() -> MagicMock:
    versions = itertools.count(1)
    return MagicMock(side_effect=lambda name: f"{name} v{next(versions)}")


def test_first_request_loads_the_model(clock: MagicMock, loader: MagicMock) -> None:
    cache = ModelCache(loader, ttl=TTL)

    assert cache.get("churn") == "churn v1"
    loader.assert_called_once_with("churn")


def test_cached_while_younger_than_the_ttl(clock: MagicMock, loader: MagicMock) -> None:
    cache = ModelCache(loader, ttl=TTL)
    cache.get("churn")

    clock.now.return_value = T0 + TTL - timedelta(seconds=1)

    assert cache.get("churn") == "churn v1"
    assert loader.call_count == 1


def test_reloaded_at_exactly_the_ttl(clock: MagicMock, loader: MagicMock) -> None:
    cache = ModelCache(loader, ttl=TTL)
    cache.get("churn")

    clock.now.return_value = T0 + TTL

    assert cache.get("churn") == "churn v2"


def test_age_counts_from_the_latest_load(clock: MagicMock, loader: MagicMock) -> None:
    cache = ModelCache(loader, ttl=TTL)
    cache.get("churn")
    clock.now.return_value = T0 + TTL
    cache.get("churn")

    clock.now.return_value = T0 + TTL + timedelta(minutes=1)

    assert cache.get("churn") == "churn v2"
    assert loader.call_count == 2


def test_each_name_has_its_own_model(clock: MagicMock, loader: MagicMock) -> None:
    cache = ModelCache(loader, ttl=TTL)

    assert cache.get("churn") == "churn v1"
    assert cache.get("lifetime-value") == "lifetime-value v2"
