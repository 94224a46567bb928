import io
import json
import unittest
import urllib.error
from unittest.mock import MagicMock, patch

from weather import WeatherServiceError, daily_mean_temperature


def payload(temperatures: list[float]) -> io.BytesIO:
    return io.BytesIO(json.dumps({"hourly": {"temperature": temperatures}}).encode())


@patch("weather.urllib.request.urlopen")
class DailyMeanTemperatureTest(unittest.TestCase):
    def test_mean(self, urlopen: MagicMock) -> None:
        urlopen.return_value = payload([15.0, 16.5, 18.0])
        self.assertAlmostEqual(daily_mean_temperature("Madrid"), 16.5)
        self.assertIn("city=Madrid", urlopen.call_args.args[0])

    def test_network_error(self, urlopen: MagicMock) -> None:
        urlopen.side_effect = urllib.error.URLError("unreachable")
        with self.assertRaises(WeatherServiceError):
            daily_mean_temperature("Madrid")

    def test_no_temperatures(self, urlopen: MagicMock) -> None:
        urlopen.return_value = payload([])
        with self.assertRaisesRegex(WeatherServiceError, "no temperatures"):
            daily_mean_temperature("Madrid")
