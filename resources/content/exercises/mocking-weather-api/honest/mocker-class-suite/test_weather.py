import io
import json
import urllib.error
import urllib.parse

import pytest
from pytest_mock import MockerFixture

import weather


class TestDailyMeanTemperature:
    @pytest.fixture(autouse=True)
    def network(self, mocker: MockerFixture) -> None:
        self.urlopen = mocker.patch.object(weather.urllib.request, "urlopen")

    def answer(self, payload: object) -> None:
        # A BytesIO is its own context manager, so `with urlopen(...) as r` gets it back.
        self.urlopen.return_value = io.BytesIO(json.dumps(payload).encode())

    @pytest.mark.parametrize(
        ("temperatures", "mean"),
        [([1.0], 1.0), ([0.1, 0.2, 0.3], 0.2), ([-4.0, 4.0, 9.0, 11.0], 5.0)],
        ids=["one-hour", "decimals", "mixed-signs"],
    )
    def test_mean(self, temperatures: list[float], mean: float) -> None:
        self.answer({"hourly": {"temperature": temperatures}})
        assert weather.daily_mean_temperature("Paris") == pytest.approx(mean)

    def test_the_city_is_in_the_query(self) -> None:
        self.answer({"hourly": {"temperature": [5.0]}})
        weather.daily_mean_temperature("São Paulo")
        url = self.urlopen.call_args.args[0]
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
        assert query["city"] == ["São Paulo"]

    def test_network_failure(self) -> None:
        self.urlopen.side_effect = urllib.error.URLError("timed out")
        with pytest.raises(weather.WeatherServiceError):
            weather.daily_mean_temperature("Paris")

    def test_empty_forecast(self) -> None:
        self.answer({"hourly": {"temperature": []}})
        with pytest.raises(weather.WeatherServiceError, match="no temperatures"):
            weather.daily_mean_temperature("Paris")
