import io
from pathlib import Path
from unittest.mock import MagicMock, patch
from urllib.error import URLError

import pytest

from air_quality.fetch import FetchError, download_model, fetch_readings


def test_readings_are_parsed_and_sorted(readings_json: bytes) -> None:
    with patch("air_quality.fetch.urlopen", return_value=io.BytesIO(readings_json)) as fake:
        readings = fetch_readings("north-bridge")
    assert [r["hour"] for r in readings] == [0.0, 1.0, 2.0]
    assert readings[2]["pm25"] == pytest.approx(31.5)
    assert "stations/north-bridge/readings" in fake.call_args.args[0]


def test_an_unreachable_api_is_a_fetch_error() -> None:
    with patch("air_quality.fetch.urlopen", side_effect=URLError("timed out")):
        with pytest.raises(FetchError, match="north-bridge"):
            fetch_readings("north-bridge")


def test_the_model_is_downloaded_once(tmp_path: Path) -> None:
    opener = MagicMock(side_effect=lambda url, timeout: io.BytesIO(b"model bytes"))
    with patch("air_quality.fetch.urlopen", opener):
        first = download_model("https://models.example-city.org/pm25/v3.onnx", tmp_path)
        second = download_model("https://models.example-city.org/pm25/v3.onnx", tmp_path)
    assert first == second == tmp_path / "v3.onnx"
    assert first.read_bytes() == b"model bytes"
    opener.assert_called_once()
