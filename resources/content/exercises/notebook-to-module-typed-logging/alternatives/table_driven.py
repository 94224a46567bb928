"""Load, clean and summarise the customer extract for the churn analysis.

Moved out of churn_analysis.ipynb so that it can be imported, type-checked and tested.
The functions report what they do through the "churn_prep" logger; the notebook (or the
pipeline) that calls them decides where log records go.
"""

import csv
import logging
import math
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

BUCKET_STARTS = [6, 24]
BUCKET_NAMES = ["new", "regular", "loyal"]


@dataclass(frozen=True)
class Customer:
    """One valid row of the customer extract."""

    customer_id: str
    tenure_months: int
    monthly_charges: float
    churned: bool


def load_customers(path: Path) -> list[dict[str, str]]:
    """Read the CSV at `path` into one dict per row, header names as keys."""
    rows: list[dict[str, str]] = []
    with open(path, newline="", encoding="utf-8") as handle:
        rows.extend(csv.DictReader(handle))
    logger.info("Loaded %d rows from %s", len(rows), path)
    return rows


def _tenure(row: Mapping[str, str]) -> int | None:
    try:
        months = int(row["tenure_months"])
    except (KeyError, TypeError, ValueError):
        return None
    return None if months < 0 else months


def _charges(row: Mapping[str, str], maximum: float) -> float | None:
    try:
        value = float(row["monthly_charges"])
    except (KeyError, TypeError, ValueError):
        return None
    if math.isnan(value) or math.isinf(value) or value < 0 or value > maximum:
        return None
    return value


def clean_customers(rows: Iterable[Mapping[str, str]], max_monthly_charge: float = 500.0) -> list[Customer]:
    """Keep the valid rows, as Customers, in their original order.

    A row is dropped when tenure_months is missing, not a whole number or negative; when
    monthly_charges is missing, not a finite number, negative or above
    `max_monthly_charge` (a charge equal to it is kept); or when churned is not exactly
    "Yes" or "No". When rows are dropped, a warning says how many of how many.
    """
    customers: list[Customer] = []
    n_rows = 0
    for n_rows, row in enumerate(rows, start=1):
        tenure = _tenure(row)
        charges = _charges(row, max_monthly_charge)
        churned = row.get("churned")
        if tenure is None or charges is None or churned not in ("Yes", "No"):
            continue
        customers.append(Customer(row.get("customer_id", ""), tenure, charges, churned == "Yes"))
    if len(customers) < n_rows:
        logger.warning("Dropped %d of %d rows", n_rows - len(customers), n_rows)
    return customers


def tenure_bucket(months: int) -> str:
    """"new" below 6 months, "regular" from 6 to 23, "loyal" from 24 on."""
    return BUCKET_NAMES[bisect_right(BUCKET_STARTS, months)]


def churn_rate_by_bucket(customers: Iterable[Customer]) -> dict[str, float]:
    """The share of churned customers in each tenure bucket that has customers."""
    tallies: dict[str, list[int]] = {}
    for customer in customers:
        tally = tallies.setdefault(tenure_bucket(customer.tenure_months), [0, 0])
        tally[0] += 1
        tally[1] += customer.churned
    rates = {bucket: churned / total for bucket, (total, churned) in tallies.items()}
    logger.info("Churn rate by tenure bucket: %s", rates)
    return rates
