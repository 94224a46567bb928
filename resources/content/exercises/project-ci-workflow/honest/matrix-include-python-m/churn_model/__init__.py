"""Features and scoring for the churn model."""
