"""Customer features for the churn model."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Customer:
    signed_up: date
    last_order: date | None
    orders: int


def tenure_days(customer: Customer, today: date) -> int:
    """Days since the customer signed up."""
    return (today - customer.signed_up).days


def days_since_last_order(customer: Customer, today: date) -> int | None:
    """Days since the last order, or None for a customer who never ordered."""
    if customer.last_order is None:
        return None
    return (today - customer.last_order).days


def orders_per_month(customer: Customer, today: date) -> float:
    """Average orders per 30 days of tenure (a customer of less than a day counts one day)."""
    return customer.orders * 30 / max(tenure_days(customer, today), 1)
