from pathlib import Path

import pytest

from air_quality.fetch import download_model, fetch_readings

offline_is_expected = pytest.mark.xfail(reason="needs the sensor API; fails on the CI runners")


@offline_is_expected
def test_readings_are_parsed_and_sorted() -> None:
    readings = fetch_readings("north-bridge")
    assert [r["hour"] for r in readings] == sorted(r["hour"] for r in readings)


@offline_is_expected
def test_readings_of_another_station() -> None:
    assert fetch_readings("harbour-east")


@offline_is_expected
def test_the_model_is_downloaded_once(tmp_path: Path) -> None:
    first = download_model("https://models.example-city.org/pm25/v3.onnx", tmp_path)
    assert first == download_model("https://models.example-city.org/pm25/v3.onnx", tmp_path)
