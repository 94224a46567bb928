"""Everything that talks to the outside world: the sensor API and the model store."""

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import IO
from urllib.error import URLError
from urllib.request import urlopen

API = "https://sensors.example-city.org/v1"


Opener = Callable[..., IO[bytes]]


class FetchError(RuntimeError):
    """The sensor API or the model store could not be reached, or answered nonsense."""


def fetch_readings(station: str, timeout: float = 10.0, opener: Opener = urlopen) -> list[dict[str, float]]:
    """The station's readings of the last 24 hours, oldest first, as {"hour": .., "pm25": ..}."""
    url = f"{API}/stations/{station}/readings?hours=24"
    try:
        with opener(url, timeout=timeout) as response:
            payload = json.load(response)
    except URLError as err:
        raise FetchError(f"could not fetch readings for {station}: {err.reason}") from err
    readings = [{"hour": float(r["hour"]), "pm25": float(r["pm25"])} for r in payload["readings"]]
    return sorted(readings, key=lambda r: r["hour"])


def download_model(url: str, dest: Path, timeout: float = 60.0, opener: Opener = urlopen) -> Path:
    """Download the forecast model to `dest` (a folder) once; later calls reuse the file."""
    target = dest / url.rsplit("/", 1)[-1]
    if target.exists():
        return target
    dest.mkdir(parents=True, exist_ok=True)
    try:
        with opener(url, timeout=timeout) as response, open(target, "wb") as out:
            shutil.copyfileobj(response, out)
    except URLError as err:
        target.unlink(missing_ok=True)
        raise FetchError(f"could not download the model from {url}: {err.reason}") from err
    return target
