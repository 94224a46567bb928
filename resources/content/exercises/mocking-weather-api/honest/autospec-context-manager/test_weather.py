import io
import json
import urllib.error
from unittest.mock import patch

import pytest

from weather import WeatherServiceError, daily_mean_temperature, fetch_forecast


def forecast(*temperatures: float) -> io.BytesIO:
    return io.BytesIO(json.dumps({"hourly": {"temperature": list(temperatures)}}).encode())


def test_mean_is_exact() -> None:
    with patch("weather.urllib.request.urlopen", autospec=True) as urlopen:
        urlopen.return_value = forecast(-2.0, 0.0, 5.0, 9.0)
        assert daily_mean_temperature("Reykjavik") == pytest.approx(3.0)
    url = urlopen.call_args.args[0]
    assert url.startswith("https://weather.example.com/v1/forecast?")
    assert "city=Reykjavik" in url


def test_fetch_forecast_passes_the_timeout() -> None:
    with patch("weather.urllib.request.urlopen", autospec=True) as urlopen:
        urlopen.return_value = forecast(1.0)
        assert fetch_forecast("Rome", timeout=2.5) == {"hourly": {"temperature": [1.0]}}
    assert urlopen.call_args.kwargs["timeout"] == 2.5


def test_errors() -> None:
    with patch("weather.urllib.request.urlopen", autospec=True) as urlopen:
        urlopen.side_effect = urllib.error.URLError("offline")
        with pytest.raises(WeatherServiceError, match="Rome"):
            daily_mean_temperature("Rome")
        urlopen.side_effect = None
        urlopen.return_value = forecast()
        with pytest.raises(WeatherServiceError):
            daily_mean_temperature("Rome")
