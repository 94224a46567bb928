import random

from dedupe import latest_records

KEY = ("customer_id", "source")

EXPORT = [
    {"customer_id": "C-104", "source": "crm", "updated_at": "2024-03-01T09:15:00Z", "email": "ana@old.example"},
    {"customer_id": "C-221", "source": "billing", "updated_at": "2024-03-01T10:00:00Z", "email": "li@example.org"},
    {"customer_id": "C-104", "source": "billing", "updated_at": "2024-03-01T08:00:00Z", "email": "ana@old.example"},
    {"customer_id": "C-104", "source": "crm", "updated_at": "2024-03-02T14:30:00Z", "email": "ana@new.example"},
    {"customer_id": "C-221", "source": "billing", "updated_at": "2024-02-28T23:59:00Z", "email": "li@stale.example"},
]


def test_keeps_the_latest_row_per_customer_and_source() -> None:
    assert latest_records(EXPORT, KEY, "updated_at") == [EXPORT[3], EXPORT[1], EXPORT[2]]


def test_a_single_key_field() -> None:
    assert latest_records(EXPORT, ["customer_id"], "updated_at") == [EXPORT[3], EXPORT[1]]


# The value behind each OpaqueId, kept out of the object: an id can only be hashed and compared.
_VALUES: dict[int, int] = {}


class OpaqueId:
    """A customer id from another system: hash it and compare it with ==, and nothing else.

    Every hash and comparison is counted in `uses`; its text never shows the value.
    """

    uses = 0
    budget = 0  # 0: no limit; above it, the test stops at once

    def __init__(self, value: int) -> None:
        _VALUES[id(self)] = value

    @staticmethod
    def _use() -> None:
        OpaqueId.uses += 1
        if OpaqueId.budget and OpaqueId.uses > OpaqueId.budget:
            raise AssertionError(f"the ids were hashed or compared more than {OpaqueId.budget:,} times: look each key up in a dict instead of comparing it with every kept row")

    def __hash__(self) -> int:
        OpaqueId._use()
        return hash(_VALUES[id(self)])

    def __eq__(self, other: object) -> bool:
        OpaqueId._use()
        return isinstance(other, OpaqueId) and _VALUES[id(other)] == _VALUES[id(self)]

    def __repr__(self) -> str:
        return f"<OpaqueId at {id(self):#x}>"


def test_uses_each_id_a_few_times_not_once_per_kept_row() -> None:
    """240 rows of 80 customers: a dict uses each id a few times (about 600 uses); comparing every row with every kept row, over 10 000."""
    rng = random.Random(19)
    rows = [
        {"customer_id": OpaqueId(rng.randrange(80)), "source": rng.choice(["crm", "billing"]), "updated_at": f"2024-03-{rng.randint(1, 28):02d}T00:00:00Z"}
        for _ in range(240)
    ]
    OpaqueId.uses, OpaqueId.budget = 0, 5 * len(rows)
    try:
        kept = latest_records(rows, KEY, "updated_at")
    finally:
        OpaqueId.budget = 0
    assert OpaqueId.uses <= 5 * len(rows), f"the ids were hashed or compared {OpaqueId.uses:,} times for {len(rows)} rows; look each key up in a dict instead of comparing it with every kept row"
    # The definition, the slow way (plain ints here, so it costs no uses): a row is kept when
    # no other row with its key is later in (time, position); keys in first-appearance order.
    keys = [(_VALUES[id(r["customer_id"])], r["source"]) for r in rows]
    winners = [i for i, k in enumerate(keys) if all((rows[j]["updated_at"], j) <= (rows[i]["updated_at"], i) for j, other in enumerate(keys) if other == k)]
    winners.sort(key=lambda i: keys.index(keys[i]))
    got = [(_VALUES[id(r["customer_id"])], r["source"], r["updated_at"]) for r in kept]
    assert got == [keys[i] + (rows[i]["updated_at"],) for i in winners]
