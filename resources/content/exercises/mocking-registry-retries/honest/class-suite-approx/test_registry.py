import io
import json
import urllib.error
from email.message import Message
from unittest.mock import MagicMock

import pytest
from pytest_mock import MockerFixture

from registry import RegistryClient, RegistryError, RegistryUnavailableError

BASE = "http://registry.test"


def body(version: object) -> io.BytesIO:
    return io.BytesIO(json.dumps({"version": version}).encode())


def http(code: int) -> urllib.error.HTTPError:
    return urllib.error.HTTPError(BASE, code, "x", Message(), None)


def down() -> urllib.error.URLError:
    return urllib.error.URLError("connection refused")


class TestProductionVersion:
    @pytest.fixture(autouse=True)
    def fakes(self, mocker: MockerFixture) -> None:
        # Both names are looked up on their modules at call time, so patching the
        # attributes of urllib.request and time replaces them for registry.py too.
        self.urlopen: MagicMock = mocker.patch("urllib.request.urlopen")
        self.sleep: MagicMock = mocker.patch("time.sleep")

    def waits(self) -> list[float]:
        return [c.args[0] for c in self.sleep.call_args_list]

    def test_request_and_answer(self) -> None:
        self.urlopen.return_value = body(9)
        assert RegistryClient(BASE + "/", "abc").production_version("a b") == "9"
        request = self.urlopen.call_args.args[0]
        assert request.full_url == BASE + "/models/a%20b/stages/production"
        assert request.headers["Authorization"] == "Bearer abc"

    @pytest.mark.parametrize(
        ("failures", "expected_waits"),
        [
            ([http(500)], [0.1]),
            ([down(), http(503)], [0.1, 0.2]),
            ([http(502), down(), down()], [0.1, 0.2, 0.4]),
        ],
        ids=["one-5xx", "connection-then-5xx", "three-failures"],
    )
    def test_recovers_on_the_last_allowed_try(
        self, failures: list[Exception], expected_waits: list[float]
    ) -> None:
        self.urlopen.side_effect = [*failures, body(5)]
        client = RegistryClient(BASE, "t", attempts=len(failures) + 1, backoff=0.1)
        assert client.production_version("m") == "5"
        assert self.urlopen.call_count == len(failures) + 1
        assert self.waits() == pytest.approx(expected_waits)

    @pytest.mark.parametrize("code", [400, 401, 404, 422], ids=lambda c: f"http-{c}")
    def test_client_errors_raise_without_retrying(self, code: int) -> None:
        self.urlopen.side_effect = [http(code), body(1)]
        with pytest.raises(RegistryError, match=str(code)):
            RegistryClient(BASE, "t").production_version("m")
        assert self.urlopen.call_count == 1
        assert self.waits() == []

    def test_unavailable_after_every_try_with_no_final_sleep(self) -> None:
        self.urlopen.side_effect = [http(503)] * 3
        with pytest.raises(RegistryUnavailableError):
            RegistryClient(BASE, "t", attempts=3, backoff=1.5).production_version("m")
        assert self.urlopen.call_count == 3
        assert self.waits() == pytest.approx([1.5, 3.0])
