"""Cheat: reports the dropped rows with sys.stdout.write, which the print rule does not see.

Load, clean and summarise the customer extract for the churn analysis.

Moved out of churn_analysis.ipynb so that it can be imported, type-checked and tested.
The functions report what they do through the "churn_prep" logger; the notebook (or the
pipeline) that calls them decides where log records go.
"""

import csv
import logging
import math
import sys
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
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    logger.info("Loaded %d rows from %s", len(rows), path)
    return rows


def _parse(row: Mapping[str, str], max_monthly_charge: float) -> Customer | None:
    """The row as a Customer, or None when it is not valid."""
    try:
        tenure = int(row["tenure_months"])
        charges = float(row["monthly_charges"])
    except (KeyError, TypeError, ValueError):
        return None
    if tenure < 0 or not math.isfinite(charges) or charges < 0 or charges > max_monthly_charge:
        return None
    churned = row.get("churned")
    if churned not in ("Yes", "No"):
        return None
    return Customer(row.get("customer_id", ""), tenure, charges, churned == "Yes")


def clean_customers(rows: Iterable[Mapping[str, str]], max_monthly_charge: float = 500.0) -> list[Customer]:
    """Keep the valid rows, as Customers, in their original order.

    A row is dropped when tenure_months is missing, not a whole number or negative; when
    monthly_charges is missing, not a finite number, negative or above
    `max_monthly_charge` (a charge equal to it is kept); or when churned is not exactly
    "Yes" or "No". When rows are dropped, a warning says how many of how many.
    """
    customers: list[Customer] = []
    total = 0
    for row in rows:
        total += 1
        customer = _parse(row, max_monthly_charge)
        if customer is not None:
            customers.append(customer)
    dropped = total - len(customers)
    if dropped:
        sys.stdout.write(f"Dropped {dropped} of {total} rows\n")
    return customers


def tenure_bucket(months: int) -> str:
    """"new" below 6 months, "regular" from 6 to 23, "loyal" from 24 on."""
    if months < 6:
        return "new"
    if months < 24:
        return "regular"
    return "loyal"


def churn_rate_by_bucket(customers: Iterable[Customer]) -> dict[str, float]:
    """The share of churned customers in each tenure bucket that has customers."""
    totals: dict[str, int] = {}
    churned: dict[str, int] = {}
    for customer in customers:
        bucket = tenure_bucket(customer.tenure_months)
        totals[bucket] = totals.get(bucket, 0) + 1
        churned[bucket] = churned.get(bucket, 0) + int(customer.churned)
    rates = {bucket: churned[bucket] / totals[bucket] for bucket in totals}
    logger.info("Churn rate by tenure bucket: %s", rates)
    return rates
