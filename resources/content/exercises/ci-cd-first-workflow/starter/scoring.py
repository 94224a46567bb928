"""Turn a model's probability into a risk band for the retention team."""


def risk_band(probability: float) -> str:
    """Map a churn probability to "low", "medium" or "high"."""
    if not 0.0 <= probability <= 1.0:
        raise ValueError(f"probability must be in [0, 1], got {probability}")
    if probability < 0.3:
        return "low"
    if probability < 0.7:
        return "medium"
    return "high"
