"""Features and training code for the churn model."""
