import io
from pathlib import Path
from urllib.error import URLError

import pytest

import air_quality.fetch as fetch_module
from air_quality.fetch import FetchError, download_model, fetch_readings


class FakeOpener:
    """Stands in for urlopen: answers from a dict of URL suffixes, remembers what was asked."""

    def __init__(self, answers: dict[str, bytes]) -> None:
        self.answers = answers
        self.urls: list[str] = []

    def __call__(self, url: str, timeout: float) -> io.BytesIO:
        self.urls.append(url)
        for suffix, body in self.answers.items():
            if url.endswith(suffix):
                return io.BytesIO(body)
        raise URLError(f"no fake answer for {url}")


def test_readings_come_back_oldest_first(monkeypatch: pytest.MonkeyPatch, readings_json: bytes) -> None:
    opener = FakeOpener({"readings?hours=24": readings_json})
    monkeypatch.setattr(fetch_module, "urlopen", opener)
    hours = [reading["hour"] for reading in fetch_readings("north-bridge")]
    assert hours == sorted(hours) and len(hours) == 3
    assert opener.urls == [fetch_module.API + "/stations/north-bridge/readings?hours=24"]


def test_unknown_station_is_a_fetch_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch_module, "urlopen", FakeOpener({}))
    with pytest.raises(FetchError):
        fetch_readings("nowhere")


def test_cached_model_is_not_downloaded_again(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    opener = FakeOpener({"v3.onnx": b"weights"})
    monkeypatch.setattr(fetch_module, "urlopen", opener)
    url = "https://models.example-city.org/pm25/v3.onnx"
    assert download_model(url, tmp_path).read_bytes() == b"weights"
    download_model(url, tmp_path)
    assert len(opener.urls) == 1
