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
    frame = transactions.assign(timestamp=pd.to_datetime(transactions["timestamp"]))
    by_customer = frame.groupby("customer_id", sort=True)
    amounts = by_customer["amount"]
    columns = {
        "last_seen": by_customer["timestamp"].max(),
        "n_merchants": by_customer["merchant"].nunique(),
        "mean_spend": amounts.mean(),
        "total_spend": amounts.sum(),
        "n_transactions": amounts.size(),
    }
    return pd.DataFrame(columns).reset_index()[COLUMNS]
