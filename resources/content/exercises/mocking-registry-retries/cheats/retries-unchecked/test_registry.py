import io
import json
import urllib.error
from email.message import Message

import pytest
from pytest_mock import MockerFixture

from registry import RegistryClient, RegistryError

URL = "https://registry.ml-platform.example"


def test_eventually_answers(mocker: MockerFixture) -> None:
    mocker.patch("registry.time.sleep")
    mocker.patch(
        "registry.urllib.request.urlopen",
        side_effect=[urllib.error.HTTPError(URL, 503, "down", Message(), None), io.BytesIO(json.dumps({"version": 7}).encode())],
    )
    assert RegistryClient(URL, token="t").production_version("churn") == "7"


def test_not_found(mocker: MockerFixture) -> None:
    mocker.patch("registry.time.sleep")
    mocker.patch("registry.urllib.request.urlopen", side_effect=urllib.error.HTTPError(URL, 404, "nope", Message(), None))
    with pytest.raises((RegistryError, RuntimeError)):
        RegistryClient(URL, token="t").production_version("churn")
