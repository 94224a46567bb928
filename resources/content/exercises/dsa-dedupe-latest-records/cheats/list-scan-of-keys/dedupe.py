"""Cheat: the starter's idea with a list of key tuples and list.index: still every row against every kept key."""

from collections.abc import Iterable, Sequence
from typing import Any

Row = dict[str, Any]


def latest_records(rows: Iterable[Row], key_fields: Sequence[str], time_field: str) -> list[Row]:
    keys: list[tuple[Any, ...]] = []
    kept: list[Row] = []
    for row in rows:
        key = tuple(row[f] for f in key_fields)
        try:
            i = keys.index(key)  # a linear scan, in C: each == still runs
        except ValueError:
            keys.append(key)
            kept.append(row)
            continue
        if row[time_field] >= kept[i][time_field]:
            kept[i] = row
    return kept
