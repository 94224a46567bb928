"""Training configuration."""

LEARNING_RATE = 0.01
