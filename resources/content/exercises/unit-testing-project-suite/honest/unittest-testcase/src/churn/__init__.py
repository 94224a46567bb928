"""Feature helpers for the churn model."""
