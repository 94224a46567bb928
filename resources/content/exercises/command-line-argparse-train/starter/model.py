"""A small churn model: logistic regression trained by batch gradient descent.

Pure Python, so that nothing needs installing. You don't need to change this file: the
exercise is the command-line interface around it, in train.py.
"""

import csv
import math
from dataclasses import asdict, dataclass
from pathlib import Path

FEATURES = ("tenure_months", "monthly_charges", "support_calls")
LABEL = "churned"


class DataError(ValueError):
    """The data file exists but cannot be used for training."""


@dataclass
class Model:
    """A trained model: what predicting needs, and how it was trained."""

    features: list[str]
    means: list[float]
    scales: list[float]
    weights: list[float]
    bias: float
    epochs: int
    learning_rate: float
    rows: int
    train_accuracy: float

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def load_rows(path: Path) -> tuple[list[list[float]], list[int]]:
    """Features and 0/1 labels from a CSV with the FEATURES columns and `churned`.

    Raises DataError when a column is missing, a value is not a number, or there are no
    data rows.
    """
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in (*FEATURES, LABEL) if c not in (reader.fieldnames or [])]
        if missing:
            raise DataError(f"{path} has no column {', '.join(missing)}")
        features: list[list[float]] = []
        labels: list[int] = []
        for line, row in enumerate(reader, start=2):
            try:
                features.append([float(row[c]) for c in FEATURES])
                labels.append(int(row[LABEL]))
            except (TypeError, ValueError):
                raise DataError(f"{path}, line {line}: not a number where one was expected") from None
    if not features:
        raise DataError(f"{path} has no data rows")
    return features, labels


def train(features: list[list[float]], labels: list[int], epochs: int, learning_rate: float) -> Model:
    """Logistic regression on standardised features, `epochs` passes of gradient descent."""
    n, k = len(features), len(FEATURES)
    means = [sum(row[j] for row in features) / n for j in range(k)]
    scales = [math.sqrt(sum((row[j] - means[j]) ** 2 for row in features) / n) or 1.0 for j in range(k)]
    xs = [[(row[j] - means[j]) / scales[j] for j in range(k)] for row in features]
    weights = [0.0] * k
    bias = 0.0
    for _ in range(epochs):
        grad_w = [0.0] * k
        grad_b = 0.0
        for x, y in zip(xs, labels):
            z = bias + sum(w * v for w, v in zip(weights, x))
            error = 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0))) - y
            grad_b += error
            for j in range(k):
                grad_w[j] += error * x[j]
        weights = [w - learning_rate * g / n for w, g in zip(weights, grad_w)]
        bias -= learning_rate * grad_b / n
    correct = sum((bias + sum(w * v for w, v in zip(weights, x)) > 0) == (y == 1) for x, y in zip(xs, labels))
    return Model(list(FEATURES), means, scales, weights, bias, epochs, learning_rate, n, correct / n)
