"""Customer-extract preparation for the churn analysis, importable and testable.

Records go to the "churn_prep" logger; whoever calls these functions configures logging.
"""

import csv
import logging
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

CHURN_ANSWERS = {"Yes": True, "No": False}


@dataclass(frozen=True)
class Customer:
    """A row of the extract that passed every rule."""

    customer_id: str
    tenure_months: int
    monthly_charges: float
    churned: bool


def load_customers(path: Path) -> list[dict[str, str]]:
    """One dict per CSV row of `path`, keyed by the header."""
    with Path(path).open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = [dict(record) for record in reader]
    logger.info("Loaded %d rows from %s", len(rows), path)
    return rows


def _tenure(raw: str | None) -> int | None:
    if raw is None:
        return None
    try:
        months = int(raw)
    except ValueError:
        return None
    return months if months >= 0 else None


def _charges(raw: str | None, ceiling: float) -> float | None:
    if raw is None:
        return None
    try:
        amount = float(raw)
    except ValueError:
        return None
    if math.isnan(amount) or math.isinf(amount) or not 0 <= amount <= ceiling:
        return None
    return amount


def clean_customers(
    rows: Iterable[Mapping[str, str]], max_monthly_charge: float = 500.0
) -> list[Customer]:
    """The valid rows as Customers, in order; a warning counts the rows dropped."""
    kept: list[Customer] = []
    seen = 0
    for seen, row in enumerate(rows, start=1):  # counts a generator too
        months = _tenure(row.get("tenure_months"))
        amount = _charges(row.get("monthly_charges"), max_monthly_charge)
        answer = row.get("churned")
        if months is None or amount is None or answer not in CHURN_ANSWERS:
            continue
        kept.append(Customer(row.get("customer_id", ""), months, amount, CHURN_ANSWERS[answer]))
    if seen > len(kept):
        logger.warning("Dropped %d of %d rows", seen - len(kept), seen)
    return kept


def tenure_bucket(months: int) -> str:
    """"loyal" from 24 months, "regular" from 6, "new" below that."""
    for threshold, name in ((24, "loyal"), (6, "regular")):
        if months >= threshold:
            return name
    return "new"


def churn_rate_by_bucket(customers: Iterable[Customer]) -> dict[str, float]:
    """The churned share of each tenure bucket that has customers."""
    outcomes: defaultdict[str, list[bool]] = defaultdict(list)
    for customer in customers:
        outcomes[tenure_bucket(customer.tenure_months)].append(customer.churned)
    return {bucket: sum(flags) / len(flags) for bucket, flags in outcomes.items()}
