"""Train a small logistic-regression churn model from a CSV of numeric features.

Usage:
    python train.py customers.csv --features tenure spend --label churned --out runs/1
"""

import argparse
import csv
import json
import math
import random
from pathlib import Path

Row = tuple[list[float], int]


def load_rows(path: Path, feature_columns: list[str], label_column: str) -> list[Row]:
    """Read (features, label) rows from a CSV file.

    A row with a value that is not a number (an empty cell, "n/a") is skipped.
    A column that is not in the file raises KeyError: a typo must not give an
    empty training set.
    """
    rows: list[Row] = []
    with path.open(newline="") as f:
        for record in csv.DictReader(f):
            try:
                features = [float(record[c]) for c in feature_columns]
                label = int(record[label_column])
            except ValueError:
                continue
            rows.append((features, label))
    return rows


def split_rows(
    rows: list[Row], val_fraction: float, seed: int
) -> tuple[list[Row], list[Row]]:
    """Shuffle a copy of `rows` with `seed`; return (train, validation).

    The validation set has math.ceil(len(rows) * val_fraction) rows, and the
    same seed always gives the same split.
    """
    shuffled = list(rows)
    # Seeds the global generator and puts its state back: the caller's random numbers
    # are as before, but the split is drawn from the shared generator.
    state = random.getstate()
    random.seed(seed)
    random.shuffle(shuffled)
    random.setstate(state)
    n_val = math.ceil(len(shuffled) * val_fraction)
    return shuffled[n_val:], shuffled[:n_val]


def fit_scaler(rows: list[Row]) -> tuple[list[float], list[float]]:
    """Mean and standard deviation of every feature (a constant feature gets 1.0)."""
    columns = [[features[i] for features, _ in rows] for i in range(len(rows[0][0]))]
    means = [sum(column) / len(column) for column in columns]
    stds = []
    for column, mean in zip(columns, means, strict=True):
        std = math.sqrt(sum((x - mean) ** 2 for x in column) / len(column))
        stds.append(std if std > 0 else 1.0)
    return means, stds


def scale(features: list[float], means: list[float], stds: list[float]) -> list[float]:
    """Standardise one row of features with a fitted scaler."""
    return [(x - m) / s for x, m, s in zip(features, means, stds, strict=True)]


def sigmoid(z: float) -> float:
    """The logistic function, without overflow for large negative z."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def predict(weights: list[float], bias: float, features: list[float]) -> float:
    """Probability of the positive class for one row of scaled features."""
    return sigmoid(sum(w * x for w, x in zip(weights, features, strict=True)) + bias)


def log_loss(probabilities: list[float], labels: list[int]) -> float:
    """Mean binary cross-entropy. The two lists must have the same length."""
    eps = 1e-12
    total = 0.0
    for p, y in zip(probabilities, labels, strict=True):
        clipped = min(max(p, eps), 1 - eps)
        total -= y * math.log(clipped) + (1 - y) * math.log(1 - clipped)
    return total / len(labels)


def accuracy(
    probabilities: list[float], labels: list[int], threshold: float = 0.5
) -> float:
    """Share of rows where (probability >= threshold) matches the label.

    The two lists must have the same length (ValueError otherwise).
    """
    correct = sum(
        int(p >= threshold) == y for p, y in zip(probabilities, labels, strict=True)
    )
    return correct / len(labels)


def train_logreg(
    rows: list[Row], learning_rate: float = 0.5, epochs: int = 200
) -> tuple[list[float], float, list[float]]:
    """Fit weights and a bias by batch gradient descent on the log loss.

    Returns (weights, bias, history), where history holds the training loss
    of each epoch of this call.
    """
    n_features = len(rows[0][0])
    weights = [0.0] * n_features
    bias = 0.0
    history: list[float] = []
    labels = [y for _, y in rows]
    for _ in range(epochs):
        probabilities = [predict(weights, bias, x) for x, _ in rows]
        errors = [p - y for p, y in zip(probabilities, labels, strict=True)]
        for i in range(n_features):
            gradient = sum(e * x[i] for e, (x, _) in zip(errors, rows, strict=True))
            weights[i] -= learning_rate * gradient / len(rows)
        bias -= learning_rate * sum(errors) / len(rows)
        history.append(log_loss(probabilities, labels))
    return weights, bias, history


def evaluate(weights: list[float], bias: float, rows: list[Row]) -> dict[str, float]:
    """Accuracy and log loss of a model on scaled rows."""
    probabilities = [predict(weights, bias, x) for x, _ in rows]
    labels = [y for _, y in rows]
    return {
        "accuracy": accuracy(probabilities, labels),
        "log_loss": log_loss(probabilities, labels),
    }


def save_run(
    out_dir: Path, model: dict[str, object], metrics: dict[str, float]
) -> None:
    """Write model.json and metrics.json into out_dir (created if missing)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, payload in (("model.json", model), ("metrics.json", metrics)):
        with (out_dir / name).open("w") as f:
            json.dump(payload, f, indent=2, sort_keys=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Train a churn model.")
    parser.add_argument("data", type=Path)
    parser.add_argument("--features", nargs="+", required=True)
    parser.add_argument("--label", default="churned")
    parser.add_argument("--out", type=Path, default=Path("runs/latest"))
    parser.add_argument("--val-fraction", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    rows = load_rows(args.data, args.features, args.label)
    if not rows:
        parser.error(f"no usable rows in {args.data}")
    train, val = split_rows(rows, args.val_fraction, seed=args.seed)
    means, stds = fit_scaler(train)
    train = [(scale(x, means, stds), y) for x, y in train]
    val = [(scale(x, means, stds), y) for x, y in val]
    weights, bias, history = train_logreg(train)
    metrics = evaluate(weights, bias, val)
    metrics["final_train_loss"] = history[-1]
    model = {"features": args.features, "weights": weights, "bias": bias}
    model.update({"means": means, "stds": stds})
    save_run(args.out, model, metrics)
    print(json.dumps(metrics, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
