"""Clean the raw order rows of the nightly shop export before they feed the demand model."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Optional, TypedDict

# The functional form: the same TypedDicts, written as calls.
RawOrder = TypedDict(
    "RawOrder",
    {
        "order_id": str,
        "order_date": str,
        "store": str,
        "quantity": str,
        "unit_price": str,
        "discount_code": str,
    },
)
Order = TypedDict(
    "Order",
    {
        "order_id": str,
        "day": date,
        "store": str,
        "quantity": int,
        "unit_price": float,
        "discount_code": Optional[str],
        "revenue": float,
    },
)
CleaningReport = TypedDict("CleaningReport", {"kept": list[Order], "rejected": dict[str, int]})


@dataclass(frozen=True)
class CleaningRules:
    """Limits beyond which an order is treated as a data error."""

    max_quantity: int = 100
    max_unit_price: float = 5000.0


DEFAULT_RULES = CleaningRules()


def parse_order(raw: RawOrder) -> Order:
    """Turn one raw row (every value a string) into an order."""
    day = date.fromisoformat(raw["order_date"])
    quantity = int(raw["quantity"])
    unit_price = float(raw["unit_price"])
    code = raw["discount_code"].strip()
    return Order(
        order_id=raw["order_id"].strip(),
        day=day,
        store=raw["store"].strip().lower(),
        quantity=quantity,
        unit_price=unit_price,
        discount_code=code if code else None,
        revenue=round(quantity * unit_price, 2),
    )


def rejection_reason(order: Order, rules: CleaningRules) -> Optional[str]:
    """Why an order is unusable for training, or None when it is fine."""
    quantity, price = order["quantity"], order["unit_price"]
    if quantity < 1:
        return "non-positive quantity"
    if quantity > rules.max_quantity:
        return "quantity above limit"
    if price <= 0 or price > rules.max_unit_price:
        return "price out of range"
    return None


def clean(rows: Sequence[RawOrder], rules: CleaningRules = DEFAULT_RULES) -> CleaningReport:
    """Parse every row; keep the usable orders and count the others by reason."""
    kept: list[Order] = []
    reasons: Counter[str] = Counter()
    kept_ids: set[str] = set()
    for row in rows:
        try:
            order = parse_order(row)
        except ValueError:
            reasons["unparseable"] += 1
            continue
        duplicate = order["order_id"] in kept_ids
        reason = "duplicate order id" if duplicate else rejection_reason(order, rules)
        if reason is not None:
            reasons[reason] += 1
            continue
        kept_ids.add(order["order_id"])
        kept.append(order)
    return CleaningReport(kept=kept, rejected=dict(reasons))


def daily_revenue(orders: Sequence[Order]) -> dict[tuple[str, date], float]:
    """Total revenue per (store, day): the target the demand model is trained on."""
    totals: dict[tuple[str, date], float] = {}
    for order in orders:
        key = (order["store"], order["day"])
        totals[key] = round(totals.get(key, 0.0) + order["revenue"], 2)
    return totals
