"""Latest version of each record, ranked by (time, position in the export)."""

from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any

Row = dict[str, Any]


def latest_records(rows: Iterable[Row], key_fields: Sequence[str], time_field: str) -> list[Row]:
    """One row per key, the latest by time_field (the later row on a tie), keys in first-seen order."""
    if not key_fields:
        raise ValueError("key_fields is empty: at least one field makes the key")
    key_of = itemgetter(*key_fields)  # one field: the value; several: a tuple
    best: dict[Any, tuple[Any, int, Row]] = {}
    for position, row in enumerate(rows):
        key = key_of(row)
        rank = (row[time_field], position)
        seen = best.get(key)
        if seen is None or rank > seen[:2]:
            best[key] = (*rank, row)
    return [row for _, _, row in best.values()]
