import io
import json
import urllib.error
from unittest.mock import MagicMock, patch

import pytest

from weather import WeatherServiceError, daily_mean_temperature


def fake_response(payload: object) -> io.BytesIO:
    return io.BytesIO(json.dumps(payload).encode("utf-8"))


@patch("weather.urllib.request.urlopen")
def test_daily_mean_temperature(mock_urlopen: MagicMock) -> None:
    payload = {"hourly": {"temperature": [10.0, 12.0, 14.0, 16.0]}}
    mock_urlopen.return_value.__enter__.return_value = fake_response(payload)

    assert daily_mean_temperature("London") == pytest.approx(13.0)

    requested_url = mock_urlopen.call_args.args[0]
    assert "city=London" in requested_url


@patch("weather.urllib.request.urlopen")
def test_network_error_becomes_weather_service_error(mock_urlopen: MagicMock) -> None:
    mock_urlopen.side_effect = urllib.error.URLError("service down")

    with pytest.raises(WeatherServiceError):
        daily_mean_temperature("London")


@patch("weather.urllib.request.urlopen")
def test_empty_forecast_is_an_error(mock_urlopen: MagicMock) -> None:
    payload: dict[str, object] = {"hourly": {"temperature": []}}
    mock_urlopen.return_value.__enter__.return_value = fake_response(payload)

    with pytest.raises(WeatherServiceError):
        daily_mean_temperature("London")
