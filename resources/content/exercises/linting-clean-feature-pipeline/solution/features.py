"""Turn raw customer records into numeric model features."""

import math


def parse_float(value: str, default: float = 0.0) -> float:
    """Parse a number that may arrive as '1,234.5', '' or 'n/a'."""
    try:
        return float(value.replace(",", ""))
    except ValueError:
        return default


def one_hot(value: str, categories: list[str]) -> dict[str, int]:
    """One-hot encode `value` over `categories` (unknown values give all zeros)."""
    return {f"is_{c}": int(value == c) for c in categories}


def build_features(
    record: dict[str, str],
    categories: list[str],
    names: list[str] | None = None,
) -> dict[str, float]:
    """Build the feature row for one record and record the feature names in `names`."""
    if names is None:
        names = []
    features: dict[str, float] = {}
    features["income"] = parse_float(record.get("income", ""))
    features["log_income"] = math.log1p(max(features["income"], 0.0))
    for key, flag in one_hot(record.get("plan", ""), categories).items():
        features[key] = float(flag)
    for key in features:
        if key not in names:
            names.append(key)
    return features


def feature_columns(
    records: list[dict[str, str]],
    categories: list[str],
    names: list[str] | None = None,
) -> list[str]:
    """The feature names that `records` produce, in first-seen order."""
    if names is None:
        names = []
    for record in records:
        build_features(record, categories, names)
    return names


def feature_names(
    record: dict[str, str], categories: list[str], prefix: str | None = None
) -> list[str]:
    names = list(build_features(record, categories, names=[]).keys())
    if prefix is None:
        return names
    return [prefix + n for n in names]
