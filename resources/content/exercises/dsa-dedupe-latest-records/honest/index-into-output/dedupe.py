"""Latest version of each record: an output list, and a dict from key to its place in it."""

from collections.abc import Iterable, Sequence
from typing import Any

Row = dict[str, Any]


def latest_records(rows: Iterable[Row], key_fields: Sequence[str], time_field: str) -> list[Row]:
    """One row per key, the latest by time_field (the later row on a tie), keys in first-seen order."""
    result: list[Row] = []
    position: dict[tuple[Any, ...], int] = {}
    for row in rows:
        composite = tuple(row[name] for name in key_fields)
        if composite not in position:
            position[composite] = len(result)
            result.append(row)
            continue
        i = position[composite]
        if not row[time_field] < result[i][time_field]:
            result[i] = row
    return result
