"""Turn a website clickstream into sessions, and sessions into features for the churn model."""

import math
from dataclasses import (
    dataclass,
    field,
)
from datetime import (
    datetime,
    timedelta,
)

SESSION_GAP = timedelta(minutes=30)
EVENT_WEIGHTS = {
    "page_view": 1.0,
    "search": 1.5,
    "add_to_cart": 3.0,
    "checkout": 5.0,
}
DEFAULT_WEIGHT = 0.5


@dataclass(frozen=True)
class Event:
    user_id: str
    timestamp: datetime
    kind: str


@dataclass
class Session:
    user_id: str
    events: list[Event] = field(default_factory=list)

    def duration_minutes(self) -> float:
        if len(self.events) < 2:
            return 0.0
        return (self.events[-1].timestamp - self.events[0].timestamp).total_seconds() / 60


def sessionise(
    events: list[Event],
    gap: timedelta = SESSION_GAP,
) -> list[Session]:
    """Split each user's events into sessions: a new session starts after `gap` without events."""
    sessions: list[Session] = []
    current: dict[str, Session] = {}
    for event in sorted(events, key=lambda e: (e.user_id, e.timestamp)):
        last = current.get(event.user_id)
        if last is None or event.timestamp - last.events[-1].timestamp > gap:
            last = Session(event.user_id)
            sessions.append(last)
            current[event.user_id] = last
        last.events.append(event)
    return sessions


def session_features(session: Session) -> dict[str, float | str | bool]:
    engagement = sum(EVENT_WEIGHTS.get(e.kind, DEFAULT_WEIGHT) for e in session.events)
    return {
        "user_id": session.user_id,
        "n_events": len(session.events),
        "duration_minutes": round(session.duration_minutes(), 2),
        "engagement": round(engagement, 2),
        "log_engagement": round(math.log1p(engagement), 4),
        "converted": any(e.kind == "checkout" for e in session.events),
    }


def user_summary(sessions: list[Session]) -> dict[str, dict[str, float]]:
    """Per user: number of sessions, mean session length in minutes, and share of sessions that converted."""
    by_user: dict[str, list[Session]] = {}
    for s in sessions:
        by_user.setdefault(s.user_id, []).append(s)
    return {
        user: {
            "sessions": len(items),
            "mean_minutes": round(sum(s.duration_minutes() for s in items) / len(items), 2),
            "conversion_rate": round(
                sum(1 for s in items if session_features(s)["converted"]) / len(items),
                3,
            ),
        }
        for user, items in by_user.items()
    }
