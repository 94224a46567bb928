"""Keep loaded models in memory, and reload one once it has been cached for too long."""

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any


class ModelCache:
    """Models by name, each reloaded once it is `ttl` old, so a newly promoted version
    reaches the scoring service without a restart."""

    def __init__(
        self, loader: Callable[[str], Any], ttl: timedelta = timedelta(minutes=5)
    ) -> None:
        self._max_age = ttl
        self._load = loader
        self._models: dict[str, Any] = {}
        self._loaded_at: dict[str, datetime] = {}

    def get(self, name: str) -> Any:
        """Return the model called `name`.

        - The first request for a name calls `loader(name)` and caches what it returns.
        - Later requests return the cached model while it is younger than the ttl.
        - Once it has been cached for the ttl or longer, the loader is called again, and
          the new model is cached from that moment.
        - Each name has its own model and its own age.
        """
        now = datetime.now(timezone.utc)
        loaded_at = self._loaded_at.get(name)
        stale = loaded_at is None or now - loaded_at >= self._max_age
        if stale:
            self._models[name] = self._load(name)
            self._loaded_at[name] = now
        return self._models[name]
