from weather import daily_mean_temperature


def test_daily_mean_temperature() -> None:
    # This calls the real weather service: slow, flaky, and impossible in CI.
    mean = daily_mean_temperature("London")
    assert -50 < mean < 60
