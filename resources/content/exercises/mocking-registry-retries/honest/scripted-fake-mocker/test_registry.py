"""The registry is a scripted fake behind a plain mock: it answers from a queue of outcomes."""

import io
import json
import urllib.error
import urllib.request
from collections import deque
from email.message import Message
from unittest.mock import MagicMock

import pytest
from pytest_mock import MockerFixture

from registry import RegistryClient, RegistryError, RegistryUnavailableError

ROOT = "https://registry.example.org/api"
Outcome = int | Exception  # an HTTP status, or an exception to raise


class FakeRegistry:
    def __init__(self, *outcomes: Outcome) -> None:
        self.outcomes = deque(outcomes)
        self.requests: list[urllib.request.Request] = []

    def __call__(self, request: urllib.request.Request, timeout: float) -> io.BytesIO:
        self.requests.append(request)
        outcome = self.outcomes.popleft()
        if isinstance(outcome, Exception):
            raise outcome
        if outcome >= 400:
            raise urllib.error.HTTPError(request.full_url, outcome, "err", Message(), None)
        return io.BytesIO(json.dumps({"version": 4}).encode())


@pytest.fixture
def sleep(mocker: MockerFixture) -> MagicMock:
    return mocker.patch("registry.time.sleep")


def install(mocker: MockerFixture, fake: FakeRegistry) -> MagicMock:
    urlopen: MagicMock = mocker.patch("registry.urllib.request.urlopen", side_effect=fake)
    return urlopen


def test_one_good_answer(mocker: MockerFixture, sleep: MagicMock) -> None:
    fake = FakeRegistry(200)
    install(mocker, fake)
    assert RegistryClient(ROOT, "tok").production_version("fraud") == "4"
    [request] = fake.requests
    assert request.full_url == ROOT + "/models/fraud/stages/production"
    assert request.get_header("Authorization") == "Bearer tok"
    assert sleep.call_count == 0


def test_retries_with_doubling_waits(mocker: MockerFixture, sleep: MagicMock) -> None:
    fake = FakeRegistry(500, urllib.error.URLError("dns"), 503, 200)
    urlopen = install(mocker, fake)
    client = RegistryClient(ROOT, "tok", attempts=4, backoff=0.3)
    assert client.production_version("fraud") == "4"
    assert urlopen.call_count == 4
    assert [c.args[0] for c in sleep.call_args_list] == pytest.approx([0.3, 0.6, 1.2])


def test_404_is_not_retried(mocker: MockerFixture, sleep: MagicMock) -> None:
    fake = FakeRegistry(404, 200)
    install(mocker, fake)
    with pytest.raises(RegistryError):
        RegistryClient(ROOT, "tok").production_version("nope")
    assert len(fake.requests) == 1
    sleep.assert_not_called()


def test_exhausted(mocker: MockerFixture, sleep: MagicMock) -> None:
    fake = FakeRegistry(502, 502, urllib.error.URLError("refused"))
    install(mocker, fake)
    with pytest.raises(RegistryUnavailableError, match="refused"):
        RegistryClient(ROOT, "tok", attempts=3, backoff=1.0).production_version("m")
    assert len(fake.requests) == 3
    assert sleep.call_count == 2
