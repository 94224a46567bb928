from datetime import datetime, timedelta, timezone
from unittest.mock import MagicMock

import pytest

import model_cache

T0 = datetime(2023, 11, 20, 8, 0, tzinfo=timezone.utc)
TTL = timedelta(minutes=5)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> MagicMock:
    fake = MagicMock(name="datetime")
    fake.now.return_value = T0
    monkeypatch.setattr(model_cache, "datetime", fake)
    return fake


def counting_loader() -> tuple[list[str], MagicMock]:
    loads: list[str] = []

    def load(name: str) -> tuple[str, int]:
        loads.append(name)
        return (name, len(loads))

    return loads, MagicMock(side_effect=load)


@pytest.mark.parametrize(
    ("age", "reloaded"),
    [
        (timedelta(0), False),
        (TTL - timedelta(seconds=1), False),
        (TTL, True),
        (TTL + timedelta(hours=1), True),
    ],
    ids=["same-instant", "one-second-early", "exactly-ttl", "long-expired"],
)
def test_reload_depends_on_age(clock: MagicMock, age: timedelta, reloaded: bool) -> None:
    loads, loader = counting_loader()
    cache = model_cache.ModelCache(loader, ttl=TTL)
    cache.get("churn")
    clock.now.return_value = T0 + age
    model = cache.get("churn")
    assert model == ("churn", 2 if reloaded else 1)
    assert len(loads) == (2 if reloaded else 1)


def test_after_a_reload_the_new_model_is_kept_for_a_full_ttl(clock: MagicMock) -> None:
    loads, loader = counting_loader()
    cache = model_cache.ModelCache(loader, ttl=TTL)
    cache.get("churn")
    clock.now.return_value = T0 + TTL
    cache.get("churn")
    clock.now.return_value = T0 + TTL + TTL / 2
    assert cache.get("churn") == ("churn", 2)
    assert loads == ["churn", "churn"]


def test_models_are_kept_per_name(clock: MagicMock) -> None:
    _, loader = counting_loader()
    cache = model_cache.ModelCache(loader, ttl=TTL)
    assert cache.get("a") == ("a", 1)
    assert cache.get("b") == ("b", 2)
    assert cache.get("a") == ("a", 1)
