import io
import json
import urllib.error
import urllib.request
from unittest.mock import MagicMock, patch

import pytest

from weather import WeatherServiceError, daily_mean_temperature


def fake_urlopen(temperatures: list[float]) -> MagicMock:
    """A urlopen stand-in, built before it is patched in, that answers with a forecast."""
    body = json.dumps({"hourly": {"temperature": temperatures}}).encode()
    fake = MagicMock()
    fake.return_value.__enter__.return_value = io.BytesIO(body)
    return fake


def test_mean_of_the_hourly_temperatures() -> None:
    fake = fake_urlopen([3.5, -1.5, 7.0])
    with patch("weather.urllib.request.urlopen", new=fake):
        mean = daily_mean_temperature("Oslo")
    assert mean == pytest.approx(3.0)
    assert "city=Oslo" in fake.call_args.args[0]


def test_mean_with_patch_object() -> None:
    fake = fake_urlopen([20.0, 22.0])
    with patch.object(urllib.request, "urlopen", new=fake):
        assert daily_mean_temperature("Lisbon") == 21.0
    fake.assert_called_once()


def test_an_unreachable_service_is_a_weather_service_error() -> None:
    fake = MagicMock(side_effect=urllib.error.URLError("no route to host"))
    with patch("weather.urllib.request.urlopen", new=fake), pytest.raises(
        WeatherServiceError, match="Oslo"
    ):
        daily_mean_temperature("Oslo")


def test_no_temperatures_is_an_error() -> None:
    with patch("weather.urllib.request.urlopen", new=fake_urlopen([])):
        with pytest.raises(WeatherServiceError):
            daily_mean_temperature("Oslo")
