"""What sessions.py does, pinned down: formatting must not change any of it."""

import math
from datetime import datetime, timedelta

import pytest

from sessions import (
    DEFAULT_WEIGHT,
    EVENT_WEIGHTS,
    SESSION_GAP,
    Event,
    Session,
    session_features,
    sessionise,
    user_summary,
)

START = datetime(2024, 5, 6, 9, 0)


def at(minutes: float, kind: str = "page_view", user: str = "u1") -> Event:
    return Event(user_id=user, timestamp=START + timedelta(minutes=minutes), kind=kind)


def test_constants() -> None:
    assert SESSION_GAP == timedelta(minutes=30)
    assert EVENT_WEIGHTS == {"page_view": 1.0, "search": 1.5, "add_to_cart": 3.0, "checkout": 5.0}
    assert DEFAULT_WEIGHT == 0.5


def test_a_gap_longer_than_thirty_minutes_starts_a_new_session() -> None:
    events = [at(0), at(10, "search"), at(40), at(71, "checkout"), at(5, user="u2")]
    sessions = sessionise(list(reversed(events)))
    assert [(s.user_id, len(s.events)) for s in sessions] == [("u1", 3), ("u1", 1), ("u2", 1)]
    assert sessions[0].duration_minutes() == 40.0
    assert sessions[1].duration_minutes() == 0.0


def test_the_gap_can_be_chosen() -> None:
    events = [at(0), at(10), at(25)]
    assert len(sessionise(events, gap=timedelta(minutes=12))) == 2
    assert len(sessionise(events)) == 1


def test_session_features() -> None:
    session = Session("u7", [at(0), at(3, "search"), at(9, "add_to_cart"), at(12, "login")])
    engagement = 1.0 + 1.5 + 3.0 + DEFAULT_WEIGHT
    assert session_features(session) == {
        "user_id": "u7",
        "n_events": 4,
        "duration_minutes": 12.0,
        "engagement": engagement,
        "log_engagement": round(math.log1p(engagement), 4),
        "converted": False,
    }
    assert session_features(Session("u7", [at(0, "checkout")]))["converted"] is True


def test_user_summary() -> None:
    sessions = sessionise([at(0), at(20, "checkout"), at(100), at(101), at(0, user="u2")])
    summary = user_summary(sessions)
    assert summary["u1"] == {"sessions": 2, "mean_minutes": 10.5, "conversion_rate": 0.5}
    assert summary["u2"] == {"sessions": 1, "mean_minutes": 0.0, "conversion_rate": 0.0}
    assert user_summary([]) == {}


def test_events_are_frozen() -> None:
    with pytest.raises(AttributeError):
        setattr(at(0), "kind", "checkout")
