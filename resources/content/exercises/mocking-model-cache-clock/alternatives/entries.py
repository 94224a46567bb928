"""Keep loaded models in memory, and reload one once it has been cached for too long."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any


@dataclass
class _Entry:
    model: Any
    since: datetime

    def younger_than(self, age: timedelta, now: datetime) -> bool:
        return age > now - self.since


class ModelCache:
    """Models by name, each reloaded once it is `ttl` old, so a newly promoted version
    reaches the scoring service without a restart."""

    def __init__(
        self, loader: Callable[[str], Any], ttl: timedelta = timedelta(minutes=5)
    ) -> None:
        self.__loader = loader
        self.__ttl = ttl
        self.__cache: dict[str, _Entry] = {}

    def get(self, name: str) -> Any:
        """Return the model called `name`.

        - The first request for a name calls `loader(name)` and caches what it returns.
        - Later requests return the cached model while it is younger than the ttl.
        - Once it has been cached for the ttl or longer, the loader is called again, and
          the new model is cached from that moment.
        - Each name has its own model and its own age.
        """
        now = datetime.now(timezone.utc)
        if name in self.__cache and self.__cache[name].younger_than(self.__ttl, now):
            return self.__cache[name].model
        fresh = _Entry(self.__loader(name), now)
        self.__cache[name] = fresh
        return fresh.model
