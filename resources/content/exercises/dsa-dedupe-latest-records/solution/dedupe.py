"""Keep the latest version of each customer record from a merged CRM export.

Every night the CRM and the billing system each export the customers that changed. The
exports are concatenated, so a customer appears once per change, per source system.
"""

from collections.abc import Iterable, Sequence
from typing import Any

Row = dict[str, Any]


def latest_records(rows: Iterable[Row], key_fields: Sequence[str], time_field: str) -> list[Row]:
    """One row per key: the row with the latest time_field among the rows with that key.

    The key of a row is the values of its key_fields together. Among rows with the same key
    and the same time, the one that comes later in the input wins. The result lists the
    keys in the order of their first appearance in the input. rows is read once.
    """
    # One pass, one dict lookup per row: O(n) instead of comparing with every kept row.
    latest: dict[tuple[Any, ...], Row] = {}
    for row in rows:
        key = tuple(row[f] for f in key_fields)
        current = latest.get(key)
        if current is None or row[time_field] >= current[time_field]:
            # Assigning to an existing key keeps its place: first-appearance order.
            latest[key] = row
    return list(latest.values())
