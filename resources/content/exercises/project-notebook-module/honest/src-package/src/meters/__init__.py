"""Smart-meter analysis."""
