"""Fetch an hourly temperature forecast and turn it into a daily model feature."""

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

BASE_URL = "https://weather.example.com/v1/forecast"


class WeatherServiceError(RuntimeError):
    """The weather service could not be reached or gave an unusable answer."""


def fetch_forecast(city: str, timeout: float = 10.0) -> dict[str, Any]:
    """Return the decoded JSON forecast for `city`."""
    query = urllib.parse.urlencode({"city": city, "hourly": "temperature"})
    url = f"{BASE_URL}?{query}"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            payload: dict[str, Any] = json.load(response)
    except urllib.error.URLError as err:
        message = f"could not fetch forecast for {city}: {err}"
        raise WeatherServiceError(message) from err
    return payload


def daily_mean_temperature(city: str) -> float:
    """Mean of the hourly temperatures (°C) in the forecast for `city`."""
    temperatures: list[float] = fetch_forecast(city)["hourly"]["temperature"]
    if not temperatures:
        raise WeatherServiceError(f"forecast for {city} has no temperatures")
    return sum(temperatures) / len(temperatures)
