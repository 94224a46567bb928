"""Features for the churn model."""

from collections.abc import Sequence


def tenure_bucket(months: int) -> str:
    """Return the tenure band of a customer.

    Args:
        months: Whole months since the customer signed up.

    Returns:
        "new" under 6 months, "settled" under 24, else "loyal".
    """
    if months < 6:
        return "new"
    if months < 24:
        return "settled"
    return "loyal"


def mean_spend(amounts: Sequence[float]) -> float:
    """Return the mean monthly spend, 0.0 when there are no amounts.

    Args:
        amounts: Monthly spend, one value per month.

    Returns:
        The arithmetic mean of the amounts.
    """
    if not amounts:
        return 0.0
    return sum(amounts) / len(amounts)
