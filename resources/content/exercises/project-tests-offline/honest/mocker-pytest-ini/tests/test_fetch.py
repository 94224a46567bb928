"""The sensor API and the model store, replaced with pytest-mock's mocker."""

import io
import json
from urllib.error import URLError

import pytest

from air_quality import fetch


@pytest.fixture
def api(mocker):
    response = io.BytesIO(json.dumps({"readings": [{"hour": 5, "pm25": 40}, {"hour": 3, "pm25": 8}]}).encode())
    return mocker.patch.object(fetch, "urlopen", return_value=response)


class TestReadings:
    def test_sorted_by_hour(self, api):
        readings = fetch.fetch_readings("harbour-east", timeout=3.0)
        assert readings == [{"hour": 3.0, "pm25": 8.0}, {"hour": 5.0, "pm25": 40.0}]
        api.assert_called_once_with(f"{fetch.API}/stations/harbour-east/readings?hours=24", timeout=3.0)

    def test_dns_failure(self, mocker):
        mocker.patch("air_quality.fetch.urlopen", side_effect=URLError("Name or service not known"))
        with pytest.raises(fetch.FetchError) as info:
            fetch.fetch_readings("harbour-east")
        assert "Name or service not known" in str(info.value)


def test_model_download_writes_the_bytes(mocker, tmp_path):
    urlopen = mocker.patch("air_quality.fetch.urlopen", return_value=io.BytesIO(b"\x08\x01onnx"))
    path = fetch.download_model("https://models.example-city.org/pm25/v4.onnx", tmp_path / "cache")
    assert path.read_bytes() == b"\x08\x01onnx"
    assert urlopen.call_count == 1


def test_failed_download_leaves_no_half_file(mocker, tmp_path):
    mocker.patch("air_quality.fetch.urlopen", side_effect=URLError("connection reset"))
    with pytest.raises(fetch.FetchError):
        fetch.download_model("https://models.example-city.org/pm25/v4.onnx", tmp_path)
    assert not (tmp_path / "v4.onnx").exists()
