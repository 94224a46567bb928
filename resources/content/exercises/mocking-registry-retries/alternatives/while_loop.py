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
        self.base_url = base_url.rstrip("/")
        self._tries = attempts
        self._first_wait = backoff
        self._timeout_s = timeout
        self._auth = f"Bearer {token}"

    def production_version(self, model: str) -> str:
        """The version of `model` in the Production stage, such as "7"."""
        quoted = urllib.parse.quote(model)
        answer = self._get("/models/" + quoted + "/stages/production")
        return str(answer["version"])

    def _get(self, path: str) -> Any:
        """GET `path` from the registry and decode the JSON answer.

        - The request carries the header "Authorization: Bearer <token>".
        - A 4xx answer raises RegistryError at once, without retrying.
        - A 5xx answer or a connection error (URLError) is retried, up to `attempts`
          tries in all, sleeping backoff, 2 * backoff, 4 * backoff, ... seconds between
          tries (never after the last one).
        - When every try fails, RegistryUnavailableError says how the last one failed.
        """
        url = f"{self.base_url}{path}"
        request = urllib.request.Request(url, headers={"Authorization": self._auth})
        last = "no attempt made"
        wait = self._first_wait
        left = self._tries
        while left > 0:
            left -= 1
            try:
                with urllib.request.urlopen(request, timeout=self._timeout_s) as reply:
                    return json.load(reply)
            except urllib.error.HTTPError as error:
                if error.code >= 500:
                    last = f"HTTP {error.code}"
                else:
                    raise RegistryError(f"{url}: HTTP {error.code}") from error
            except urllib.error.URLError as error:
                last = f"no connection ({error.reason})"
            if left > 0:
                time.sleep(wait)
                wait *= 2
        raise RegistryUnavailableError(f"{url}: {self._tries} tries failed, last {last}")
