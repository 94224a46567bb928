"""Turn raw customer records into numeric model features."""

import math


def parse_float(value: str, default: float = 0.0) -> float:
    """Parse a number that may arrive as '1,234.5', '' or 'n/a'."""
    cleaned = value.replace(",", "")
    try:
        number = float(cleaned)
    except ValueError:
        number = default
    return number


def one_hot(value: str, categories: list[str]) -> dict[str, int]:
    """One-hot encode `value` over `categories` (unknown values give all zeros)."""
    encoded = dict.fromkeys((f"is_{c}" for c in categories), 0)
    if value in categories:
        encoded[f"is_{value}"] = 1
    return encoded


def build_features(
    record: dict[str, str],
    categories: list[str],
    names: list[str] | None = None,
) -> dict[str, float]:
    """Build the feature row for one record and record the feature names in `names`."""
    known = [] if names is None else names
    income = parse_float(record.get("income", ""))
    features = {"income": income, "log_income": math.log1p(max(income, 0.0))}
    features.update(
        {k: float(v) for k, v in one_hot(record.get("plan", ""), categories).items()}
    )
    known.extend(k for k in features if k not in known)
    return features


def feature_columns(
    records: list[dict[str, str]],
    categories: list[str],
    names: list[str] | None = None,
) -> list[str]:
    """The feature names that `records` produce, in first-seen order."""
    columns = [] if names is None else names
    for record in records:
        build_features(record, categories, columns)
    return columns


def feature_names(
    record: dict[str, str], categories: list[str], prefix: str | None = None
) -> list[str]:
    base = list(build_features(record, categories))
    return base if prefix is None else [f"{prefix}{name}" for name in base]
