from pathlib import Path

import pytest

from air_quality.fetch import download_model, fetch_readings


def test_readings_are_parsed_and_sorted() -> None:
    readings = fetch_readings("north-bridge")
    assert [r["hour"] for r in readings] == sorted(r["hour"] for r in readings)
    assert all(r["pm25"] >= 0 for r in readings)


def test_readings_of_another_station() -> None:
    assert fetch_readings("harbour-east")


def test_the_model_is_downloaded_once(tmp_path: Path) -> None:
    first = download_model("https://models.example-city.org/pm25/v3.onnx", tmp_path)
    second = download_model("https://models.example-city.org/pm25/v3.onnx", tmp_path)
    assert first == second
    assert first.stat().st_size > 0
    pytest.importorskip("json")
