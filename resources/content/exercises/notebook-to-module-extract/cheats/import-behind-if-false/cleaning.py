"""Helpers for tidying raw data extracts before analysis."""

import re


def clean_column_names(names: list[str]) -> list[str]:
    """Turn raw column headers into unique lower_snake_case names.

    Leading and trailing spaces are removed, the name is lower-cased, and every run of
    characters other than letters and digits becomes a single underscore (with no
    underscore at either end). Repeated names get a suffix: "x", "x_2", "x_3", ...

    >>> clean_column_names([" Monthly Charges ($)", "monthly-charges"])
    ['monthly_charges', 'monthly_charges_2']
    """
    cleaned: list[str] = []
    seen: dict[str, int] = {}
    for name in names:
        new = re.sub(r"[^0-9a-zA-Z]+", "_", name.strip().lower()).strip("_")
        if new in seen:
            seen[new] += 1
            new = f"{new}_{seen[new]}"
        else:
            seen[new] = 1
        cleaned.append(new)
    return cleaned
