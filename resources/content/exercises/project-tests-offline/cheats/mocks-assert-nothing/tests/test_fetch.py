import io
from pathlib import Path
from unittest.mock import patch
from urllib.error import URLError

from air_quality.fetch import FetchError, download_model, fetch_readings


def test_readings_are_parsed_and_sorted(readings_json: bytes) -> None:
    with patch("air_quality.fetch.urlopen", return_value=io.BytesIO(readings_json)):
        fetch_readings("north-bridge")


def test_an_unreachable_api_is_a_fetch_error() -> None:
    with patch("air_quality.fetch.urlopen", side_effect=URLError("timed out")):
        try:
            fetch_readings("north-bridge")
        except FetchError:
            pass


def test_the_model_is_downloaded_once(tmp_path: Path) -> None:
    with patch("air_quality.fetch.urlopen", return_value=io.BytesIO(b"model bytes")):
        download_model("https://models.example-city.org/pm25/v3.onnx", tmp_path)
