"""Helpers for tidying raw data extracts before analysis."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

WORD = re.compile(r"[0-9a-z]+")


def clean_column_names(names: Iterable[str]) -> list[str]:
    """Lower_snake_case headers, with repeats numbered from 2.

    >>> clean_column_names(["A b", "a-B"])
    ['a_b', 'a_b_2']
    """
    seen: Counter[str] = Counter()
    cleaned = []
    for name in names:
        snake = "_".join(WORD.findall(name.lower()))
        seen[snake] += 1
        cleaned.append(snake if seen[snake] == 1 else f"{snake}_{seen[snake]}")
    return cleaned
