"""Clean the raw order rows of the nightly shop export before they feed the demand model."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TypedDict, cast


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

    order_id: object
    day: object
    store: object
    quantity: object
    unit_price: object
    discount_code: object
    revenue: object


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


def parse_order(raw: RawOrder) -> Order:
    """Turn one raw row (every value a string, as csv.DictReader gives it) into an order."""
    quantity = int(raw["quantity"])
    unit_price = float(raw["unit_price"])
    return {
        "order_id": raw["order_id"].strip(),
        "day": date.fromisoformat(raw["order_date"]),
        "store": raw["store"].strip().lower(),
        "quantity": quantity,
        "unit_price": unit_price,
        "discount_code": raw["discount_code"].strip() or None,
        "revenue": round(quantity * unit_price, 2),
    }


def rejection_reason(order: Order, rules: CleaningRules) -> str | None:
    """Why an order is unusable for training, or None when it is fine."""
    quantity = cast(int, order["quantity"])
    if quantity <= 0:
        return "non-positive quantity"
    if quantity > rules.max_quantity:
        return "quantity above limit"
    if not 0 < cast(float, order["unit_price"]) <= rules.max_unit_price:
        return "price out of range"
    return None


def clean(rows: Iterable[RawOrder], rules: CleaningRules = DEFAULT_RULES) -> CleaningReport:
    """Parse every row; keep the usable orders and count the others by reason."""
    kept: list[Order] = []
    rejected: dict[str, int] = {}
    seen: set[str] = set()
    for raw in rows:
        try:
            order = parse_order(raw)
        except ValueError:
            rejected["unparseable"] = rejected.get("unparseable", 0) + 1
            continue
        reason: str | None
        if cast(str, order["order_id"]) in seen:
            reason = "duplicate order id"
        else:
            reason = rejection_reason(order, rules)
        if reason is None:
            seen.add(cast(str, order["order_id"]))
            kept.append(order)
        else:
            rejected[reason] = rejected.get(reason, 0) + 1
    return {"kept": kept, "rejected": rejected}


def daily_revenue(orders: Iterable[Order]) -> dict[tuple[str, date], float]:
    """Total revenue per (store, day): the target the demand model is trained on."""
    totals: dict[tuple[str, date], float] = {}
    for order in orders:
        key = (cast(str, order["store"]), cast(date, order["day"]))
        totals[key] = round(totals.get(key, 0.0) + cast(float, order["revenue"]), 2)
    return totals
