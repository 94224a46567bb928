"""Customer-extract helpers for the churn notebook: load, clean, bucket, summarise."""

import csv
import logging
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

BUCKET_EDGES: tuple[tuple[int, str], ...] = ((24, "loyal"), (6, "regular"), (0, "new"))


@dataclass(frozen=True)
class Customer:
    """One valid row of the customer extract."""

    customer_id: str
    tenure_months: int
    monthly_charges: float
    churned: bool


def load_customers(path: Path) -> list[dict[str, str]]:
    """All rows of the CSV file at `path`, as dicts keyed by the header."""
    rows: list[dict[str, str]] = []
    with open(path, newline="", encoding="utf-8") as handle:
        rows.extend(csv.DictReader(handle))
    logger.info("Loaded %d rows from %s", len(rows), path)
    return rows


def _customer(row: Mapping[str, str], max_monthly_charge: float) -> Customer | None:
    match row.get("churned"):
        case "Yes":
            churned = True
        case "No":
            churned = False
        case _:
            return None
    try:
        tenure = int(row.get("tenure_months", ""))
        charges = float(row.get("monthly_charges", ""))
    except ValueError:
        return None
    if tenure < 0 or not (math.isfinite(charges) and 0 <= charges <= max_monthly_charge):
        return None
    return Customer(row.get("customer_id", ""), tenure, charges, churned)


def clean_customers(
    rows: Iterable[Mapping[str, str]], max_monthly_charge: float = 500.0
) -> list[Customer]:
    """The valid rows as Customers, in their original order; a warning counts the rest."""
    parsed = [_customer(row, max_monthly_charge) for row in rows]
    kept = [customer for customer in parsed if customer is not None]
    if len(kept) < len(parsed):
        logger.warning("Dropped %d of %d rows", len(parsed) - len(kept), len(parsed))
    return kept


def tenure_bucket(months: int) -> str:
    """"new" below 6 months, "regular" from 6 to 23, "loyal" from 24 on."""
    return next((name for edge, name in BUCKET_EDGES if months >= edge), "new")


def churn_rate_by_bucket(customers: Iterable[Customer]) -> dict[str, float]:
    """The share of churned customers in each tenure bucket that has customers."""
    totals: Counter[str] = Counter()
    churned: Counter[str] = Counter()
    for customer in customers:
        bucket = tenure_bucket(customer.tenure_months)
        totals[bucket] += 1
        churned[bucket] += customer.churned
    return {bucket: churned[bucket] / count for bucket, count in totals.items()}
