import socket
from pathlib import Path

import pytest

from air_quality.fetch import download_model, fetch_readings


def online() -> bool:
    try:
        socket.create_connection(("sensors.example-city.org", 443), timeout=2).close()
    except Exception:
        return False
    return True


needs_network = pytest.mark.skipif(not online(), reason="the sensor API is not reachable")


@needs_network
def test_readings_are_parsed_and_sorted() -> None:
    readings = fetch_readings("north-bridge")
    assert [r["hour"] for r in readings] == sorted(r["hour"] for r in readings)


@needs_network
def test_readings_of_another_station() -> None:
    assert fetch_readings("harbour-east")


@needs_network
def test_the_model_is_downloaded_once(tmp_path: Path) -> None:
    first = download_model("https://models.example-city.org/pm25/v3.onnx", tmp_path)
    assert first == download_model("https://models.example-city.org/pm25/v3.onnx", tmp_path)
