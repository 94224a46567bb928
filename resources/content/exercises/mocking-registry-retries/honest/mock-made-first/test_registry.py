import io
import json
import urllib.error
import urllib.request
from email.message import Message
from unittest.mock import MagicMock, Mock, call

import pytest
from pytest_mock import MockerFixture

import registry
from registry import RegistryClient, RegistryError, RegistryUnavailableError

BASE = "https://models.internal"


def ok(version: int) -> io.BytesIO:
    return io.BytesIO(json.dumps({"version": version}).encode())


def status(code: int) -> urllib.error.HTTPError:
    return urllib.error.HTTPError(BASE, code, "status", Message(), None)


def install(mocker: MockerFixture, *answers: object) -> tuple[MagicMock, Mock]:
    """Build the fakes first, then put them where registry.py looks them up."""
    fake_urlopen = MagicMock(side_effect=list(answers))
    fake_sleep = Mock(return_value=None)
    mocker.patch("registry.urllib.request.urlopen", new=fake_urlopen)
    mocker.patch.object(registry.time, "sleep", new=fake_sleep)
    return fake_urlopen, fake_sleep


def test_first_try_succeeds(mocker: MockerFixture) -> None:
    urlopen, sleep = install(mocker, ok(12))
    version = RegistryClient(BASE, token="t0k", attempts=4).production_version("ltv")
    assert version == "12"
    sent: urllib.request.Request = urlopen.call_args.args[0]
    assert sent.full_url == BASE + "/models/ltv/stages/production"
    assert sent.get_header("Authorization") == "Bearer t0k"
    assert sleep.call_count == 0


def test_five_hundreds_then_success(mocker: MockerFixture) -> None:
    urlopen, sleep = install(mocker, status(500), status(503), status(502), ok(3))
    client = RegistryClient(BASE, token="t", attempts=4, backoff=0.25)
    assert client.production_version("ltv") == "3"
    assert urlopen.call_count == 4
    assert sleep.call_args_list == [call(0.25), call(0.5), call(1.0)]


def test_lost_connection_is_retried(mocker: MockerFixture) -> None:
    urlopen, sleep = install(mocker, urllib.error.URLError("reset"), ok(1))
    assert RegistryClient(BASE, token="t", backoff=2.0).production_version("m") == "1"
    assert urlopen.call_count == 2
    sleep.assert_called_once_with(2.0)


def test_a_403_fails_at_once(mocker: MockerFixture) -> None:
    urlopen, sleep = install(mocker, status(403), ok(1))
    with pytest.raises(RegistryError):
        RegistryClient(BASE, token="t").production_version("m")
    assert urlopen.call_count == 1
    sleep.assert_not_called()


def test_all_tries_fail(mocker: MockerFixture) -> None:
    urlopen, sleep = install(mocker, status(502), urllib.error.URLError("down"))
    with pytest.raises(RegistryUnavailableError, match="no connection"):
        RegistryClient(BASE, token="t", attempts=2, backoff=1.0).production_version("m")
    assert urlopen.call_count == 2
    assert sleep.call_args_list == [call(1.0)]
