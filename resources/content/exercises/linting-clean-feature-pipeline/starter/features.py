"""Turn raw customer records into numeric model features."""
import sys
from typing import Dict, List, Optional
import os
import math


def parse_float(value: str, default: float = 0.0) -> float:
    """Parse a number that may arrive as '1,234.5', '' or 'n/a'."""
    try:
        return float(value.replace(",", ""))
    except:
        return default


def one_hot(value: str, categories: List[str]) -> Dict[str, int]:
    """One-hot encode `value` over `categories` (unknown values give all zeros)."""
    return {f"is_{c}": int(value == c) for c in categories}


def build_features(record: Dict[str, str], categories: List[str], names: List[str] = []) -> Dict[str, float]:
    """Build the feature row for one record and record the feature names in `names`."""
    features: Dict[str, float] = {}
    features["income"] = parse_float(record.get("income", ""))
    features["log_income"] = math.log1p(max(features["income"], 0.0))
    unused_total = features["income"] * 2
    for key, flag in one_hot(record.get("plan", ""), categories).items():
        features[key] = float(flag)
    for key in features:
        if key not in names:
            names.append(key)
    return features


def feature_columns(records: List[Dict[str, str]], categories: List[str], names: List[str] = []) -> List[str]:
    """The feature names that `records` produce, in first-seen order."""
    for record in records:
        build_features(record, categories, names)
    return names


def feature_names(record: Dict[str, str], categories: List[str], prefix: Optional[str] = None) -> List[str]:
    names = list(build_features(record, categories, names=[]).keys())
    if prefix == None:
        return names
    return [prefix + n for n in names]
