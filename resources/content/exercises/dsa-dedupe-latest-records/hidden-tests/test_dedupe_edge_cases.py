import random
from collections.abc import Iterator
from typing import Any

import pytest

from dedupe import latest_records

KEY = ("customer_id", "source")


class OneShot:
    """Rows that can be read once, like an export streamed from storage."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self.reads = 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        self.reads += 1
        if self.reads > 1:
            raise RuntimeError("the export was read a second time")
        return iter(self.rows)


def expected(rows: list[dict[str, Any]], key_fields: tuple[str, ...], time_field: str) -> list[dict[str, Any]]:
    """The definition, slowly: per key, the latest time and, among equal times, the last row."""
    first_seen: dict[tuple[Any, ...], int] = {}
    best: dict[tuple[Any, ...], int] = {}
    for i, row in enumerate(rows):
        key = tuple(row[f] for f in key_fields)
        first_seen.setdefault(key, i)
        if key not in best or (row[time_field], i) >= (rows[best[key]][time_field], best[key]):
            best[key] = i
    return [rows[best[key]] for key in sorted(first_seen, key=first_seen.__getitem__)]


def random_export(n: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    # Few customers and few distinct times, so that duplicates and ties are common.
    return [
        {
            "customer_id": f"C-{rng.randrange(max(n // 3, 1)):03d}",
            "source": rng.choice(["crm", "billing", "support"]),
            "updated_at": f"2024-03-{rng.randint(1, 5):02d}T12:00:00Z",
            "row": i,
        }
        for i in range(n)
    ]


def test_empty_export() -> None:
    assert latest_records([], KEY, "updated_at") == []


def test_equal_times_the_later_row_wins() -> None:
    rows = [
        {"customer_id": "C-1", "source": "crm", "updated_at": "2024-03-01T10:00:00Z", "plan": "basic"},
        {"customer_id": "C-1", "source": "crm", "updated_at": "2024-03-01T10:00:00Z", "plan": "pro"},
        {"customer_id": "C-1", "source": "crm", "updated_at": "2024-02-01T10:00:00Z", "plan": "trial"},
    ]
    assert latest_records(rows, KEY, "updated_at") == [rows[1]]


def test_an_older_row_after_a_newer_one_does_not_win() -> None:
    rows = [
        {"customer_id": "C-7", "source": "billing", "updated_at": "2024-03-05T00:00:00Z", "plan": "pro"},
        {"customer_id": "C-7", "source": "billing", "updated_at": "2024-03-04T00:00:00Z", "plan": "basic"},
    ]
    assert latest_records(rows, KEY, "updated_at") == [rows[0]]


def test_keys_in_order_of_first_appearance_even_when_a_later_row_wins() -> None:
    rows = [
        {"customer_id": "B", "source": "crm", "updated_at": "1"},
        {"customer_id": "A", "source": "crm", "updated_at": "1"},
        {"customer_id": "B", "source": "crm", "updated_at": "2"},
        {"customer_id": "C", "source": "crm", "updated_at": "1"},
    ]
    assert latest_records(rows, KEY, "updated_at") == [rows[2], rows[1], rows[3]]


def test_the_key_is_all_fields_together_not_their_text_joined() -> None:
    rows = [
        {"customer_id": "C-1", "source": "0crm", "updated_at": "2"},
        {"customer_id": "C-10", "source": "crm", "updated_at": "1"},
        {"customer_id": "C-1", "source": "0crm", "updated_at": "1"},
    ]
    assert latest_records(rows, KEY, "updated_at") == [rows[0], rows[1]]


def test_other_field_names_and_three_key_fields() -> None:
    rows = [
        {"store": 1, "sku": "A", "day": "mon", "version": 3},
        {"store": 1, "sku": "A", "day": "tue", "version": 1},
        {"store": 1, "sku": "A", "day": "mon", "version": 5},
        {"store": 2, "sku": "A", "day": "mon", "version": 4},
    ]
    assert latest_records(rows, ["store", "sku", "day"], "version") == [rows[2], rows[1], rows[3]]
    assert latest_records(rows, ["sku"], "version") == [rows[2]]


@pytest.mark.parametrize("seed", range(4))
def test_random_exports_read_once(seed: int) -> None:
    rows = random_export(300, seed)
    assert latest_records(OneShot(rows), KEY, "updated_at") == expected(rows, KEY, "updated_at")
