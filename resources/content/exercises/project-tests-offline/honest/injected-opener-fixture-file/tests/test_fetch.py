"""Saved answers in tests/data are read instead of downloading: the code takes the opener as an argument."""

from pathlib import Path
from urllib.error import URLError

import pytest

from air_quality.fetch import FetchError, download_model, fetch_readings

DATA = Path(__file__).parent / "data"


def from_fixture(name: str, asked: list[str]):
    def opener(url: str, timeout: float):
        asked.append(url)
        return open(DATA / name, "rb")

    return opener


def unreachable(url: str, timeout: float):
    raise URLError("network is off in tests")


def test_saved_answer_is_parsed() -> None:
    asked: list[str] = []
    readings = fetch_readings("north-bridge", opener=from_fixture("readings.json", asked))
    assert readings[0] == {"hour": 0.0, "pm25": 12.0}
    assert len(readings) == 3
    assert asked and "north-bridge" in asked[0]


def test_unreachable_is_reported() -> None:
    with pytest.raises(FetchError, match="could not fetch"):
        fetch_readings("north-bridge", opener=unreachable)


def test_saved_model_is_copied_once(tmp_path: Path) -> None:
    asked: list[str] = []
    opener = from_fixture("pm25_tiny.onnx", asked)
    url = "https://models.example-city.org/pm25/pm25_tiny.onnx"
    target = download_model(url, tmp_path, opener=opener)
    download_model(url, tmp_path, opener=opener)
    assert target.read_bytes() == (DATA / "pm25_tiny.onnx").read_bytes()
    assert asked == [url]
