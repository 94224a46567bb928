from unittest.mock import patch

from weather import daily_mean_temperature


def test_daily_mean_temperature() -> None:
    with patch("urllib.request.urlopen"):
        assert daily_mean_temperature("London") == 13.0
