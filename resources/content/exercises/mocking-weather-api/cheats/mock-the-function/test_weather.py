from unittest.mock import patch

import weather


@patch("weather.daily_mean_temperature", return_value=13.0)
def test_daily_mean_temperature(mock_mean: object) -> None:
    assert weather.daily_mean_temperature("London") == 13.0
