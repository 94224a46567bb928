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
        self._loader = loader
        self._ttl = ttl
        self._entries: dict[str, tuple[datetime, Any]] = {}

    def get(self, name: str) -> Any:
        """Return the model called `name`.

        - The first request for a name calls `loader(name)` and caches what it returns.
        - Later requests return the cached model while it is younger than the ttl.
        - Once it has been cached for the ttl or longer, the loader is called again, and
          the new model is cached from that moment.
        - Each name has its own model and its own age.
        """
        now = datetime.now(timezone.utc)
        entry = self._entries.get(name)
        if entry is not None and now - entry[0] < self._ttl:
            return entry[1]
        model = self._loader(name)
        self._entries.setdefault(name, (now, model))
        return model
