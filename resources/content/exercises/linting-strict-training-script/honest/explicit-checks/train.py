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

    A row with a value that is not a number is skipped; a column that is not
    in the file raises KeyError.
    """
    with path.open(newline="") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames or []
        missing = [c for c in [*feature_columns, label_column] if c not in header]
        if missing:
            raise KeyError(f"not in {path.name}: {', '.join(missing)}")
        rows: list[Row] = []
        for record in reader:
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
    """Shuffle a copy of `rows` with `seed`; return (train, validation)."""
    rng = random.Random(seed)
    shuffled = rng.sample(rows, k=len(rows))
    n_val = math.ceil(len(rows) * val_fraction)
    validation = shuffled[:n_val]
    train = shuffled[n_val:]
    return train, validation


def _same_length(a: list[float], b: list[int]) -> None:
    if len(a) != len(b):
        raise ValueError(f"{len(a)} probabilities but {len(b)} labels")


def fit_scaler(rows: list[Row]) -> tuple[list[float], list[float]]:
    """Mean and standard deviation of every feature (a constant feature gets 1.0)."""
    n = len(rows)
    width = len(rows[0][0])
    means = [sum(x[i] for x, _ in rows) / n for i in range(width)]
    variances = [
        sum((x[i] - means[i]) ** 2 for x, _ in rows) / n for i in range(width)
    ]
    stds = [math.sqrt(v) or 1.0 for v in variances]
    return means, stds


def scale(features: list[float], means: list[float], stds: list[float]) -> list[float]:
    """Standardise one row of features with a fitted scaler."""
    return [(features[i] - means[i]) / stds[i] for i in range(len(features))]


def sigmoid(z: float) -> float:
    """The logistic function, without overflow for large negative z."""
    return 0.5 * (1.0 + math.tanh(z / 2.0))


def predict(weights: list[float], bias: float, features: list[float]) -> float:
    """Probability of the positive class for one row of scaled features."""
    z = bias
    for w, x in zip(weights, features, strict=True):
        z += w * x
    return sigmoid(z)


def log_loss(probabilities: list[float], labels: list[int]) -> float:
    """Mean binary cross-entropy. The two lists must have the same length."""
    _same_length(probabilities, labels)
    eps = 1e-12
    losses = [
        -math.log(max(p, eps)) if y == 1 else -math.log(max(1 - p, eps))
        for p, y in zip(probabilities, labels, strict=True)
    ]
    return sum(losses) / len(losses)


def accuracy(
    probabilities: list[float], labels: list[int], threshold: float = 0.5
) -> float:
    """Share of rows where (probability >= threshold) matches the label."""
    _same_length(probabilities, labels)
    hits = [
        (p >= threshold) == bool(y) for p, y in zip(probabilities, labels, strict=True)
    ]
    return hits.count(True) / len(hits)


def train_logreg(
    rows: list[Row], learning_rate: float = 0.5, epochs: int = 200
) -> tuple[list[float], float, list[float]]:
    """Fit weights and a bias by batch gradient descent on the log loss."""
    losses: list[float] = []
    weights = [0.0 for _ in rows[0][0]]
    bias = 0.0
    n = len(rows)
    labels = [y for _, y in rows]
    for _epoch in range(epochs):
        probabilities = [predict(weights, bias, x) for x, _ in rows]
        losses.append(log_loss(probabilities, labels))
        grad_w = [0.0] * len(weights)
        grad_b = 0.0
        for (x, y), p in zip(rows, probabilities, strict=True):
            error = p - y
            grad_b += error
            for i, xi in enumerate(x):
                grad_w[i] += error * xi
        step = learning_rate / n
        weights = [w - step * g for w, g in zip(weights, grad_w, strict=True)]
        bias -= learning_rate * grad_b / n
    return weights, bias, losses


def evaluate(weights: list[float], bias: float, rows: list[Row]) -> dict[str, float]:
    """Accuracy and log loss of a model on scaled rows."""
    labels = [y for _, y in rows]
    probabilities = [predict(weights, bias, x) for x, _ in rows]
    return {
        "log_loss": log_loss(probabilities, labels),
        "accuracy": accuracy(probabilities, labels),
    }


def save_run(
    out_dir: Path, model: dict[str, object], metrics: dict[str, float]
) -> None:
    """Write model.json and metrics.json into out_dir (created if missing)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "model.json").write_text(json.dumps(model, indent=2, sort_keys=True))
    (out_dir / "metrics.json").write_text(json.dumps(metrics, indent=2, sort_keys=True))


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
    train_raw, val_raw = split_rows(rows, args.val_fraction, seed=args.seed)
    means, stds = fit_scaler(train_raw)
    train = [(scale(x, means, stds), y) for x, y in train_raw]
    val = [(scale(x, means, stds), y) for x, y in val_raw]
    weights, bias, history = train_logreg(train)
    metrics = {**evaluate(weights, bias, val), "final_train_loss": history[-1]}
    model = {
        "features": args.features,
        "weights": weights,
        "bias": bias,
        "means": means,
        "stds": stds,
    }
    save_run(args.out, model, metrics)
    print(json.dumps(metrics, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
