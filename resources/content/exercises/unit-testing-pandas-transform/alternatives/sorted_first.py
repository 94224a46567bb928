"""Per-customer spend features for the churn model, from raw card transactions."""

import pandas as pd

COLUMNS = [
    "customer_id",
    "n_transactions",
    "total_spend",
    "mean_spend",
    "n_merchants",
    "last_seen",
]

AGGREGATIONS = {
    "n_transactions": ("amount", "size"),
    "total_spend": ("amount", "sum"),
    "mean_spend": ("amount", "mean"),
    "n_merchants": ("merchant", "nunique"),
    "last_seen": ("when", "max"),
}


def customer_spend_features(transactions: pd.DataFrame) -> pd.DataFrame:
    """One row of features per customer.

    `transactions` has the columns customer_id, merchant, timestamp (datetimes,
    or strings pandas can parse) and amount (a float: negative for a refund,
    NaN when the amount is missing). The result has the columns in COLUMNS:

    - n_transactions: every transaction, including those with a missing amount;
    - total_spend: the sum of the known amounts, refunds included (0.0 if none);
    - mean_spend: the mean of the known amounts only (NaN if none is known);
    - n_merchants: the number of distinct merchants;
    - last_seen: the latest timestamp, as a datetime.

    Rows are sorted by customer_id with a fresh 0..n-1 index, and every customer
    in the input appears exactly once. The input frame is not modified.
    """
    when = pd.to_datetime(transactions["timestamp"])
    rows = pd.DataFrame(
        {
            "customer_id": transactions["customer_id"],
            "merchant": transactions["merchant"],
            "amount": transactions["amount"],
            "when": when,
        }
    )
    summary = rows.groupby("customer_id").agg(**AGGREGATIONS)
    summary = summary.sort_index().reset_index()
    return summary.loc[:, COLUMNS]
