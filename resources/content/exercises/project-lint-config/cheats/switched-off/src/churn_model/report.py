import os
from typing import List


def churn_rate(rows, window=[]):
    window.append(len(rows))
    return sum(r["churned"] for r in rows) / len(rows)


def ids(rows: List[dict]) -> List[str]:
    return [r["id"] for r in rows]
