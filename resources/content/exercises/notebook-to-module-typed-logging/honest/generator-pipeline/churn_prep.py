"""Load, clean and summarise the customer extract for the churn analysis."""

import csv
import logging
import math
from collections.abc import Iterable, Iterator, Mapping
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
    """Every row of the CSV at `path` as a dict from header name to cell."""
    with open(path, newline="", encoding="utf-8") as handle:
        header: list[str] = next(csv.reader(handle), [])
        rows = [dict(zip(header, cells, strict=False)) for cells in csv.reader(handle)]
    logger.info("Loaded %d rows from %s", len(rows), path)
    return rows


def _valid(row: Mapping[str, str], max_monthly_charge: float) -> bool:
    tenure = row.get("tenure_months", "")
    charges = row.get("monthly_charges", "")
    if row.get("churned") not in {"Yes", "No"}:
        return False
    try:
        months, amount = int(tenure), float(charges)
    except ValueError:
        return False
    return months >= 0 and math.isfinite(amount) and 0.0 <= amount <= max_monthly_charge


def _counted(rows: Iterable[Mapping[str, str]], tally: list[int]) -> Iterator[Mapping[str, str]]:
    for row in rows:
        tally[0] += 1
        yield row


def clean_customers(
    rows: Iterable[Mapping[str, str]], max_monthly_charge: float = 500.0
) -> list[Customer]:
    """Keep the valid rows, as Customers, in their original order.

    Dropped: a tenure that is missing, not whole or negative; a charge that is missing,
    not finite, negative or above `max_monthly_charge`; churned other than "Yes"/"No".
    """
    tally = [0]
    customers = [
        Customer(
            customer_id=row.get("customer_id", ""),
            tenure_months=int(row["tenure_months"]),
            monthly_charges=float(row["monthly_charges"]),
            churned=row["churned"] == "Yes",
        )
        for row in _counted(rows, tally)
        if _valid(row, max_monthly_charge)
    ]
    dropped = tally[0] - len(customers)
    if dropped > 0:
        logger.warning("Dropped %d of %d rows", dropped, tally[0])
    return customers


def tenure_bucket(months: int) -> str:
    """"new" below 6 months, "regular" from 6 to 23, "loyal" from 24 on."""
    return "new" if months < 6 else "regular" if months <= 23 else "loyal"


def churn_rate_by_bucket(customers: Iterable[Customer]) -> dict[str, float]:
    """The share of churned customers in each tenure bucket that has customers."""
    counts: dict[str, tuple[int, int]] = {}
    for c in customers:
        bucket = tenure_bucket(c.tenure_months)
        churned, total = counts.get(bucket, (0, 0))
        counts[bucket] = (churned + c.churned, total + 1)
    return {bucket: churned / total for bucket, (churned, total) in counts.items()}
