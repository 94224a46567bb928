"""Turn raw customer records into numeric model features."""

from __future__ import annotations

import math

MISSING = ("", "n/a")


def parse_float(value: str, default: float = 0.0) -> float:
    """Parse a number that may arrive as '1,234.5', '' or 'n/a'."""
    if value.strip().lower() in MISSING:
        return default
    try:
        return float(value.replace(",", ""))
    except ValueError:
        return default


def one_hot(value: str, categories: list[str]) -> dict[str, int]:
    """One-hot encode `value` over `categories` (unknown values give all zeros)."""
    return {"is_" + category: 1 if category == value else 0 for category in categories}


def _row(record: dict[str, str], categories: list[str]) -> dict[str, float]:
    income = parse_float(record.get("income", ""))
    row = {"income": income, "log_income": math.log1p(max(income, 0.0))}
    for key, flag in one_hot(record.get("plan", ""), categories).items():
        row[key] = float(flag)
    return row


def _merge(names: list[str], new: list[str]) -> list[str]:
    for name in new:
        if name not in names:
            names.append(name)
    return names


def build_features(
    record: dict[str, str],
    categories: list[str],
    names: list[str] | None = None,
) -> dict[str, float]:
    """Build the feature row for one record and record the feature names in `names`."""
    row = _row(record, categories)
    if names is not None:
        _merge(names, list(row))
    return row


def feature_columns(
    records: list[dict[str, str]],
    categories: list[str],
    names: list[str] | None = None,
) -> list[str]:
    """The feature names that `records` produce, in first-seen order."""
    result: list[str] = names if names is not None else []
    for record in records:
        _merge(result, list(_row(record, categories)))
    return result


def feature_names(
    record: dict[str, str], categories: list[str], prefix: str | None = None
) -> list[str]:
    names = list(_row(record, categories))
    if prefix:
        names = [prefix + name for name in names]
    return names
