"""Column-name helpers for raw data extracts."""

import string

_KEEP = set(string.ascii_letters + string.digits)


def _snake(name: str) -> str:
    out: list[str] = []
    for char in name.strip().lower():
        if char in _KEEP:
            out.append(char)
        elif out and out[-1] != "_":
            out.append("_")
    return "".join(out).strip("_")


def clean_column_names(names: list[str]) -> list[str]:
    """Return the headers as unique lower_snake_case names ("x", "x_2", "x_3", ...)."""
    counts: dict[str, int] = {}
    result: list[str] = []
    for raw in names:
        base = _snake(raw)
        counts[base] = counts.get(base, 0) + 1
        result.append(base if counts[base] == 1 else f"{base}_{counts[base]}")
    return result
