"""Clean the raw customer extract before feature engineering."""

import csv
from pathlib import Path


def read_rows(path: Path) -> list[dict[str, str]]:
    """Read a CSV file into a list of dicts, one per row."""
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def strip_whitespace(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Remove leading and trailing spaces from every value."""
    return [{key: value.strip() for key, value in row.items()} for row in rows]


if __name__ == "__main__":
    cleaned = strip_whitespace(read_rows(Path("data/raw.csv")))
    print(f"{len(cleaned)} rows")
