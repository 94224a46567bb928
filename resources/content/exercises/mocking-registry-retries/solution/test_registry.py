import io
import json
import urllib.error
from email.message import Message
from unittest.mock import MagicMock, call

import pytest
from pytest_mock import MockerFixture

from registry import RegistryClient, RegistryError, RegistryUnavailableError

URL = "https://registry.ml-platform.example"


def answer(payload: object) -> io.BytesIO:
    """A stand-in for an HTTP response: it works in a with block and json.load reads it."""
    return io.BytesIO(json.dumps(payload).encode())


def http_error(code: int) -> urllib.error.HTTPError:
    return urllib.error.HTTPError(URL, code, "error", Message(), None)


@pytest.fixture
def urlopen(mocker: MockerFixture) -> MagicMock:
    return mocker.patch("registry.urllib.request.urlopen")


@pytest.fixture
def sleep(mocker: MockerFixture) -> MagicMock:
    return mocker.patch("registry.time.sleep")


def client() -> RegistryClient:
    return RegistryClient(URL, token="s3cret", attempts=3, backoff=0.5)


def test_returns_the_production_version(urlopen: MagicMock, sleep: MagicMock) -> None:
    urlopen.return_value = answer({"model": "churn", "version": 7})

    assert client().production_version("churn") == "7"

    request = urlopen.call_args.args[0]
    assert request.full_url == f"{URL}/models/churn/stages/production"
    assert request.get_header("Authorization") == "Bearer s3cret"
    sleep.assert_not_called()


def test_server_errors_are_retried_with_exponential_backoff(
    urlopen: MagicMock, sleep: MagicMock
) -> None:
    urlopen.side_effect = [http_error(503), http_error(502), answer({"version": 7})]

    assert client().production_version("churn") == "7"

    assert urlopen.call_count == 3
    assert sleep.call_args_list == [call(0.5), call(1.0)]


def test_connection_errors_are_retried(urlopen: MagicMock, sleep: MagicMock) -> None:
    urlopen.side_effect = [urllib.error.URLError("timed out"), answer({"version": 7})]

    assert client().production_version("churn") == "7"

    assert sleep.call_args_list == [call(0.5)]


def test_client_errors_are_not_retried(urlopen: MagicMock, sleep: MagicMock) -> None:
    urlopen.side_effect = [http_error(404), answer({"version": 7})]

    with pytest.raises(RegistryError):
        client().production_version("no-such-model")

    urlopen.assert_called_once()
    sleep.assert_not_called()


def test_gives_up_after_the_last_try(urlopen: MagicMock, sleep: MagicMock) -> None:
    urlopen.side_effect = [http_error(503), http_error(500), http_error(503)]

    with pytest.raises(RegistryUnavailableError, match="HTTP 503"):
        client().production_version("churn")

    assert urlopen.call_count == 3
    assert sleep.call_args_list == [call(0.5), call(1.0)]
