"""Small, pure feature helpers: easy to test, easy to trust."""

PLAN_ALIASES = {"basic": "free", "premium": "pro", "business": "team"}


def tenure_bucket(months: int) -> str:
    """'new' under 6 months, 'settled' under 24, 'loyal' from then on."""
    if months < 0:
        raise ValueError(f"tenure cannot be negative: {months}")
    if months < 6:
        return "new"
    if months < 24:
        return "settled"
    return "loyal"


def spend_per_month(total_spend: float, months: int) -> float:
    """Average monthly spend; a customer in their first month spent it all in one."""
    return total_spend / max(months, 1)


def normalise_plan(name: str) -> str:
    """Lower-case, trimmed plan name, with the legacy names mapped to today's."""
    plan = name.strip().lower()
    return PLAN_ALIASES.get(plan, plan)


def customer_features(customer: dict[str, str]) -> dict[str, float | str]:
    """The model's features for one raw customer record."""
    months = int(customer["tenure_months"])
    return {
        "tenure_bucket": tenure_bucket(months),
        "spend_per_month": spend_per_month(float(customer["total_spend"]), months),
        "plan": normalise_plan(customer["plan"]),
    }
