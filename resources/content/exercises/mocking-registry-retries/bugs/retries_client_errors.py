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
        self._token = token
        self._attempts = attempts
        self._backoff = backoff
        self._timeout = timeout

    def production_version(self, model: str) -> str:
        """The version of `model` in the Production stage, such as "7"."""
        data = self._get(f"/models/{urllib.parse.quote(model)}/stages/production")
        return str(data["version"])

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
        headers = {"Authorization": f"Bearer {self._token}"}
        request = urllib.request.Request(url, headers=headers)
        failure = "no attempt made"
        for attempt in range(1, self._attempts + 1):
            try:
                with urllib.request.urlopen(request, timeout=self._timeout) as response:
                    return json.load(response)
            except urllib.error.HTTPError as err:
                if err.code < 400:
                    raise RegistryError(f"{url}: HTTP {err.code}") from err
                failure = f"HTTP {err.code}"
            except urllib.error.URLError as err:
                failure = f"no connection ({err.reason})"
            if attempt < self._attempts:
                time.sleep(self._backoff * 2 ** (attempt - 1))
        raise RegistryUnavailableError(f"{url}: {self._attempts} tries failed, last {failure}")
