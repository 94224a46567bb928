"""Clean the raw order rows of the nightly shop export before they feed the demand model."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypedDict


class RawOrder(TypedDict):
    """One row of the export, as csv.DictReader gives it: every value is a string."""

    order_id: str
    order_date: str
    store: str
    quantity: str
    unit_price: str
    discount_code: str


class Order(TypedDict):
    """A parsed order."""

    order_id: str
    day: date
    store: str
    quantity: int
    unit_price: float
    discount_code: str | None
    revenue: float


class CleaningReport(TypedDict):
    """The orders kept for training, and how many were rejected for each reason."""

    kept: list[Order]
    rejected: dict[str, int]


@dataclass(frozen=True)
class CleaningRules:
    """Limits beyond which an order is treated as a data error."""

    max_quantity: int = 100
    max_unit_price: float = 5000.0


DEFAULT_RULES = CleaningRules()

Rule = Callable[[Order, CleaningRules], bool]
# Checked in this order; the first rule an order breaks is its reason.
RULES: tuple[tuple[str, Rule], ...] = (
    ("non-positive quantity", lambda o, r: o["quantity"] <= 0),
    ("quantity above limit", lambda o, r: o["quantity"] > r.max_quantity),
    ("price out of range", lambda o, r: not 0 < o["unit_price"] <= r.max_unit_price),
)


def parse_order(raw: RawOrder) -> Order:
    """Turn one raw row (every value a string, as csv.DictReader gives it) into an order."""
    order: Order = {
        "order_id": raw["order_id"].strip(),
        "day": date.fromisoformat(raw["order_date"]),
        "store": raw["store"].strip().lower(),
        "quantity": int(raw["quantity"]),
        "unit_price": float(raw["unit_price"]),
        "discount_code": raw["discount_code"].strip() or None,
        "revenue": 0.0,
    }
    order["revenue"] = round(order["quantity"] * order["unit_price"], 2)
    return order


def rejection_reason(order: Order, rules: CleaningRules) -> str | None:
    """Why an order is unusable for training, or None when it is fine."""
    return next((reason for reason, broken in RULES if broken(order, rules)), None)


def clean(rows: list[RawOrder], rules: CleaningRules = DEFAULT_RULES) -> CleaningReport:
    """Parse every row; keep the usable orders and count the others by reason."""
    report: CleaningReport = {"kept": [], "rejected": {}}
    kept_ids: set[str] = set()

    def reject(reason: str) -> None:
        report["rejected"][reason] = report["rejected"].get(reason, 0) + 1

    for raw in rows:
        try:
            order = parse_order(raw)
        except ValueError:
            reject("unparseable")
            continue
        if order["order_id"] in kept_ids:
            reject("duplicate order id")
        elif (reason := rejection_reason(order, rules)) is not None:
            reject(reason)
        else:
            kept_ids.add(order["order_id"])
            report["kept"].append(order)
    return report


def daily_revenue(orders: list[Order]) -> dict[tuple[str, date], float]:
    """Total revenue per (store, day): the target the demand model is trained on."""
    revenues: defaultdict[tuple[str, date], list[float]] = defaultdict(list)
    for order in orders:
        revenues[(order["store"], order["day"])].append(order["revenue"])
    return {key: round(math.fsum(values), 2) for key, values in revenues.items()}
