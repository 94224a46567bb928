from datetime import datetime, timedelta, timezone
from unittest.mock import MagicMock

import pytest
from pytest_mock import MockerFixture

from model_cache import ModelCache

START = datetime(2025, 1, 6, 12, 30, tzinfo=timezone.utc)
FIVE_MINUTES = timedelta(minutes=5)


class TestModelCache:
    @pytest.fixture(autouse=True)
    def setup(self, mocker: MockerFixture) -> None:
        self.clock = mocker.patch("model_cache.datetime")
        self.clock.now.return_value = START
        self.calls: list[str] = []
        self.cache = ModelCache(self.load, ttl=FIVE_MINUTES)

    def load(self, name: str) -> str:
        self.calls.append(name)
        return f"{name}#{len(self.calls)}"

    def at(self, offset: timedelta) -> None:
        self.clock.now.return_value = START + offset

    def test_the_first_get_calls_the_loader(self) -> None:
        assert self.cache.get("fraud") == "fraud#1"
        assert self.calls == ["fraud"]

    def test_a_young_model_comes_from_the_cache(self) -> None:
        self.cache.get("fraud")
        self.at(FIVE_MINUTES - timedelta(microseconds=1))
        assert self.cache.get("fraud") == "fraud#1"
        assert self.calls == ["fraud"]

    def test_a_model_exactly_ttl_old_is_reloaded(self) -> None:
        self.cache.get("fraud")
        self.at(FIVE_MINUTES)
        assert self.cache.get("fraud") == "fraud#2"

    def test_the_reload_resets_the_age(self) -> None:
        self.cache.get("fraud")
        self.at(FIVE_MINUTES * 2)
        self.cache.get("fraud")
        self.at(FIVE_MINUTES * 2 + timedelta(minutes=4))
        assert self.cache.get("fraud") == "fraud#2"
        assert len(self.calls) == 2

    def test_names_do_not_share_models(self) -> None:
        self.cache.get("fraud")
        assert self.cache.get("churn") == "churn#2"
        assert self.calls == ["fraud", "churn"]

    def test_the_clock_is_read_in_utc(self) -> None:
        self.cache.get("fraud")
        clock: MagicMock = self.clock
        clock.now.assert_called_with(timezone.utc)
