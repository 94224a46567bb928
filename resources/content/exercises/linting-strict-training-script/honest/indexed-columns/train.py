"""Train a small logistic-regression churn model from a CSV of numeric features.

Usage:
    python train.py customers.csv --features tenure spend --label churned --out runs/1
"""

import argparse
import csv
import json
import math
import random
import statistics
from pathlib import Path

Row = tuple[list[float], int]


def load_rows(path: Path, feature_columns: list[str], label_column: str) -> list[Row]:
    """Read (features, label) rows from a CSV file.

    A row with a value that is not a number is skipped; a column that is not
    in the file raises KeyError.
    """
    with path.open(newline="") as f:
        reader = csv.reader(f)
        header = next(reader, [])
        position = {name: i for i, name in enumerate(header)}
        # A dict lookup: a misspelt column raises KeyError before any row is read.
        feature_at = [position[c] for c in feature_columns]
        label_at = position[label_column]
        rows: list[Row] = []
        for cells in reader:
            try:
                label = int(cells[label_at])
                features = [float(cells[i]) for i in feature_at]
            except ValueError:
                continue
            rows.append((features, label))
    return rows


def split_rows(
    rows: list[Row], val_fraction: float, seed: int
) -> tuple[list[Row], list[Row]]:
    """Shuffle a copy of `rows` with `seed`; return (train, validation)."""
    order = list(range(len(rows)))
    random.Random(seed).shuffle(order)
    n_val = math.ceil(len(rows) * val_fraction)
    return [rows[i] for i in order[n_val:]], [rows[i] for i in order[:n_val]]


def fit_scaler(rows: list[Row]) -> tuple[list[float], list[float]]:
    """Mean and standard deviation of every feature (a constant feature gets 1.0)."""
    columns = list(zip(*(x for x, _ in rows), strict=True))
    means = [statistics.fmean(column) for column in columns]
    stds = [statistics.pstdev(column) for column in columns]
    return means, [s if s > 0 else 1.0 for s in stds]


def scale(features: list[float], means: list[float], stds: list[float]) -> list[float]:
    """Standardise one row of features with a fitted scaler."""
    return [(x - m) / s for x, m, s in zip(features, means, stds, strict=True)]


def sigmoid(z: float) -> float:
    """The logistic function, without overflow for large negative z."""
    if z < 0:
        return math.exp(z) / (1.0 + math.exp(z))
    return 1.0 / (1.0 + math.exp(-z))


def predict(weights: list[float], bias: float, features: list[float]) -> float:
    """Probability of the positive class for one row of scaled features."""
    z = math.fsum(w * x for w, x in zip(weights, features, strict=True))
    return sigmoid(z + bias)


def _pairs(probabilities: list[float], labels: list[int]) -> list[tuple[float, int]]:
    if len(probabilities) != len(labels):
        raise ValueError("probabilities and labels differ in length")
    return list(zip(probabilities, labels, strict=True))


def log_loss(probabilities: list[float], labels: list[int]) -> float:
    """Mean binary cross-entropy. The two lists must have the same length."""
    pairs = _pairs(probabilities, labels)
    eps = 1e-12
    total = 0.0
    for p, y in pairs:
        q = min(1 - eps, max(eps, p))
        total += -(y * math.log(q) + (1 - y) * math.log(1 - q))
    return total / len(pairs)


def accuracy(
    probabilities: list[float], labels: list[int], threshold: float = 0.5
) -> float:
    """Share of rows where (probability >= threshold) matches the label."""
    pairs = _pairs(probabilities, labels)
    return sum(1 for p, y in pairs if int(p >= threshold) == y) / len(pairs)


def train_logreg(
    rows: list[Row], learning_rate: float = 0.5, epochs: int = 200
) -> tuple[list[float], float, list[float]]:
    """Fit weights and a bias by batch gradient descent on the log loss."""
    xs = [x for x, _ in rows]
    ys = [y for _, y in rows]
    weights = [0.0] * len(xs[0])
    bias = 0.0
    history: list[float] = []
    step = learning_rate / len(rows)
    for _ in range(epochs):
        probabilities = [predict(weights, bias, x) for x in xs]
        history.append(log_loss(probabilities, ys))
        errors = [p - y for p, y in zip(probabilities, ys, strict=True)]
        columns = zip(*xs, strict=True)
        weights = [
            w - step * sum(e * v for e, v in zip(errors, column, strict=True))
            for w, column in zip(weights, columns, strict=True)
        ]
        bias -= step * sum(errors)
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
    for name, payload in {"metrics.json": metrics, "model.json": model}.items():
        with open(out_dir / name, "w", encoding="utf-8") as f:
            json.dump(payload, f, indent=2, sort_keys=True)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Train a churn model.")
    parser.add_argument("data", type=Path)
    parser.add_argument("--features", nargs="+", required=True)
    parser.add_argument("--label", default="churned")
    parser.add_argument("--out", type=Path, default=Path("runs/latest"))
    parser.add_argument("--val-fraction", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=0)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    rows = load_rows(args.data, args.features, args.label)
    if not rows:
        parser.error(f"no usable rows in {args.data}")
    train, val = split_rows(rows, args.val_fraction, seed=args.seed)
    means, stds = fit_scaler(train)

    def scaled(part: list[Row]) -> list[Row]:
        return [(scale(x, means, stds), y) for x, y in part]

    weights, bias, history = train_logreg(scaled(train))
    metrics = evaluate(weights, bias, scaled(val))
    metrics["final_train_loss"] = history[-1]
    model: dict[str, object] = {"features": args.features, "weights": weights}
    model |= {"bias": bias, "means": means, "stds": stds}
    save_run(args.out, model, metrics)
    print(json.dumps(metrics, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
