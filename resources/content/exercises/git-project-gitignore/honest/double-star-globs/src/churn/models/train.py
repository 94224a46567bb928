"""Fitting and saving the model."""

import pickle


def fit(rows: list[dict[str, str]], out: str) -> None:
    churn_rate = sum(r["churned"] == "Yes" for r in rows) / max(len(rows), 1)
    with open(out, "wb") as handle:
        pickle.dump({"baseline_churn_rate": churn_rate}, handle)
