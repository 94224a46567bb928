"""Ask the team's model registry which model version is in production."""

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any


class RegistryError(RuntimeError):
    """The registry refused the request (a 4xx answer): retrying will not help."""


class RegistryUnavailableError(RuntimeError):
    """The registry kept failing (5xx answers or no connection) on every attempt."""


class _Retry(Exception):
    """One try failed in a way that another try may not."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


class RegistryClient:
    """A small client for the model registry's HTTP API."""

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        attempts: int = 3,
        backoff: float = 0.5,
        timeout: float = 10.0,
    ) -> None:
        self._timeout = timeout
        self._backoff = backoff
        self._attempts = attempts
        self._token = token
        self.base_url = base_url.rstrip("/")

    def production_version(self, model: str) -> str:
        """The version of `model` in the Production stage, such as "7"."""
        stage = self._get("/models/%s/stages/production" % urllib.parse.quote(model))
        return str(stage["version"])

    def _once(self, url: str, request: urllib.request.Request) -> Any:
        """One try: the decoded answer, RegistryError for a 4xx, _Retry for what may pass later."""
        try:
            with urllib.request.urlopen(request, timeout=self._timeout) as response:
                return json.load(response)
        except urllib.error.HTTPError as err:
            if 500 <= err.code:
                raise _Retry(f"HTTP {err.code}") from err
            raise RegistryError(f"{url}: HTTP {err.code}") from err
        except urllib.error.URLError as err:
            raise _Retry(f"no connection ({err.reason})") from err

    def _get(self, path: str) -> Any:
        """GET `path` from the registry and decode the JSON answer.

        - The request carries the header "Authorization: Bearer <token>".
        - A 4xx answer raises RegistryError at once, without retrying.
        - A 5xx answer or a connection error (URLError) is retried, up to `attempts`
          tries in all, sleeping backoff, 2 * backoff, 4 * backoff, ... seconds between
          tries (never after the last one).
        - When every try fails, RegistryUnavailableError says how the last one failed.
        """
        url = self.base_url + path
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {self._token}"})
        failure = "no attempt made"
        for n in range(self._attempts):
            if n:
                time.sleep(self._backoff * 2**n / 2)
            try:
                return self._once(url, request)
            except _Retry as retry:
                failure = retry.why
        raise RegistryUnavailableError(
            f"{url}: {self._attempts} tries failed, last {failure}"
        )
