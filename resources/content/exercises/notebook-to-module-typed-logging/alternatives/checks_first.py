"""Load, clean and summarise the customer extract for the churn analysis.

Moved out of churn_analysis.ipynb so that it can be imported, type-checked and tested.
The functions report what they do through the "churn_prep" logger; the notebook (or the
pipeline) that calls them decides where log records go.
"""

import csv
import logging
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

@dataclass(frozen=True)
class Customer:
    """One valid row of the customer extract."""

    customer_id: str
    tenure_months: int
    monthly_charges: float
    churned: bool


def load_customers(path: Path) -> list[dict[str, str]]:
    """Read the CSV at `path` into one dict per row, header names as keys."""
    with open(path, encoding="utf-8", newline="") as source:
        records = [record for record in csv.DictReader(source)]
    logger.info("Loaded %d rows from %s", len(records), path)
    return records


def _customer(row: Mapping[str, str], ceiling: float) -> Customer | None:
    """The row as a Customer, or None when one of its fields is not valid."""
    status = row.get("churned")
    if status not in ("Yes", "No"):
        return None
    try:
        months = int(row["tenure_months"])
        charge = float(row["monthly_charges"])
    except (KeyError, TypeError, ValueError):
        return None
    if months < 0 or not math.isfinite(charge):
        return None
    if charge < 0 or charge > ceiling:
        return None
    return Customer(
        customer_id=row.get("customer_id", ""),
        tenure_months=months,
        monthly_charges=charge,
        churned=status == "Yes",
    )


def clean_customers(rows: Iterable[Mapping[str, str]], max_monthly_charge: float = 500.0) -> list[Customer]:
    """Keep the valid rows, as Customers, in their original order.

    A row is dropped when tenure_months is missing, not a whole number or negative; when
    monthly_charges is missing, not a finite number, negative or above
    `max_monthly_charge` (a charge equal to it is kept); or when churned is not exactly
    "Yes" or "No". When rows are dropped, a warning says how many of how many.
    """
    seen = 0
    dropped = 0
    kept: list[Customer] = []
    for row in rows:
        seen += 1
        customer = _customer(row, max_monthly_charge)
        if customer is None:
            dropped += 1
        else:
            kept.append(customer)
    if dropped > 0:
        logger.warning("Dropped %d of %d rows", dropped, seen)
    return kept


def tenure_bucket(months: int) -> str:
    """"new" below 6 months, "regular" from 6 to 23, "loyal" from 24 on."""
    return "new" if months < 6 else "regular" if months < 24 else "loyal"


def churn_rate_by_bucket(customers: Iterable[Customer]) -> dict[str, float]:
    """The share of churned customers in each tenure bucket that has customers."""
    counts: Counter[str] = Counter()
    churners: Counter[str] = Counter()
    for customer in customers:
        bucket = tenure_bucket(customer.tenure_months)
        counts[bucket] += 1
        if customer.churned:
            churners[bucket] += 1
    rates = {bucket: churners[bucket] / n for bucket, n in counts.items()}
    logger.info("Churn rate by tenure bucket: %s", rates)
    return rates
