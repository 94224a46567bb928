"""Clean the raw order rows of the nightly shop export before they feed the demand model."""

from datetime import date
from typing import Any

DEFAULT_RULES: dict[str, Any] = {"max_quantity": 100, "max_unit_price": 5000.0}


def parse_order(raw: dict[str, Any]) -> dict[str, Any]:
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


def rejection_reason(order, rules):
    """Why an order is unusable for training, or None when it is fine."""
    if order["quantity"] <= 0:
        return "non-positive quantity"
    if order["quantity"] > rules["max_quantity"]:
        return "quantity above limit"
    if not 0 < order["unit_price"] <= rules["max_unit_price"]:
        return "price out of range"
    return None


def clean(rows, rules=DEFAULT_RULES):
    """Parse every row; keep the usable orders and count the others by reason."""
    kept = []
    rejected = {}
    seen = set()
    for raw in rows:
        try:
            order = parse_order(raw)
        except ValueError:
            rejected["unparseable"] = rejected.get("unparseable", 0) + 1
            continue
        if order["order_id"] in seen:
            reason = "duplicate order id"
        else:
            reason = rejection_reason(order, rules)
        if reason is None:
            seen.add(order["order_id"])
            kept.append(order)
        else:
            rejected[reason] = rejected.get(reason, 0) + 1
    return {"kept": kept, "rejected": rejected}


def daily_revenue(orders):
    """Total revenue per (store, day): the target the demand model is trained on."""
    totals = {}
    for order in orders:
        key = (order["store"], order["day"])
        totals[key] = round(totals.get(key, 0.0) + order["revenue"], 2)
    return totals
