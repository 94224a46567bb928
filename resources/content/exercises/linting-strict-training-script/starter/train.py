"""Train a small logistic-regression churn model from a CSV of numeric features.

Usage:
    python train.py customers.csv --features tenure spend --label churned --out runs/1
"""
import json
import csv
import os
import sys
import math
import random
import argparse
from pathlib import Path
from typing import Dict, List, Optional, Tuple

Row = Tuple[List[float], int]


def load_rows(path: Path, feature_columns: List[str], label_column: str) -> List[Row]:
    """Read (features, label) rows from a CSV file.

    A row with a value that is not a number (an empty cell, "n/a") is skipped.
    A column that is not in the file raises KeyError: a typo must not give an
    empty training set.
    """
    rows = []
    f = open(path, "r", newline="")
    for record in csv.DictReader(f):
        try:
            features = [float(record[c]) for c in feature_columns]
            label = int(record[label_column])
        except Exception:
            continue
        rows.append((features, label))
    f.close()
    return rows


def split_rows(rows: List[Row], val_fraction: float, seed: int) -> Tuple[List[Row], List[Row]]:
    """Shuffle a copy of `rows` with `seed`; return (train, validation).

    The validation set has math.ceil(len(rows) * val_fraction) rows, and the
    same seed always gives the same split.
    """
    shuffled = [row for row in rows]
    random.shuffle(shuffled)
    n_val = math.ceil(len(shuffled) * val_fraction)
    train = shuffled[n_val:]
    val = shuffled[:n_val]
    return train, val


def fit_scaler(rows: List[Row]) -> Tuple[List[float], List[float]]:
    """Mean and standard deviation of every feature (a constant feature gets 1.0)."""
    columns = [[features[i] for features, label in rows] for i in range(len(rows[0][0]))]
    means = list([sum(column) / len(column) for column in columns])
    stds = []
    for column, mean in zip(columns, means):
        std = math.sqrt(sum((x - mean) ** 2 for x in column) / len(column))
        if std > 0:
            stds.append(std)
        else:
            stds.append(1.0)
    return means, stds


def scale(features: List[float], means: List[float], stds: List[float]) -> List[float]:
    """Standardise one row of features with a fitted scaler."""
    return [(x - m) / s for x, m, s in zip(features, means, stds)]


def sigmoid(z: float) -> float:
    """The logistic function, without overflow for large negative z."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    else:
        e = math.exp(z)
        return e / (1.0 + e)


def predict(weights: List[float], bias: float, features: List[float]) -> float:
    """Probability of the positive class for one row of scaled features."""
    z = sum(w * x for w, x in zip(weights, features)) + bias
    probability = sigmoid(z)
    return probability


def log_loss(probabilities: List[float], labels: List[int]) -> float:
    """Mean binary cross-entropy. The two lists must have the same length."""
    eps = 1e-12
    total = 0.0
    for p, y in zip(probabilities, labels):
        clipped = min(max(p, eps), 1 - eps)
        total -= y * math.log(clipped) + (1 - y) * math.log(1 - clipped)
    return total / len(labels)


def accuracy(probabilities: List[float], labels: List[int], threshold: float = 0.5) -> float:
    """Share of rows where (probability >= threshold) matches the label.

    The two lists must have the same length (ValueError otherwise).
    """
    correct = 0
    for p, y in zip(probabilities, labels):
        if p >= threshold:
            if y == 1:
                correct += 1
        if p < threshold and y == 0:
            correct += 1
    return correct / len(labels)


def train_logreg(rows: List[Row], learning_rate: float = 0.5, epochs: int = 200,
                 history: List[float] = []) -> Tuple[List[float], float, List[float]]:
    """Fit weights and a bias by batch gradient descent on the log loss.

    Returns (weights, bias, history), where history holds the training loss
    of each epoch of this call.
    """
    n_features = len(rows[0][0])
    weights = [0.0] * n_features
    bias = 0.0
    labels = [y for _, y in rows]
    for epoch in range(epochs):
        probabilities = [predict(weights, bias, x) for x, _ in rows]
        errors = [p - y for p, y in zip(probabilities, labels)]
        for i in range(n_features):
            gradient = sum(e * x[i] for e, (x, _) in zip(errors, rows))
            weights[i] -= learning_rate * gradient / len(rows)
        bias -= learning_rate * sum(errors) / len(rows)
        history.append(log_loss(probabilities, labels))
    return weights, bias, history


def evaluate(weights: List[float], bias: float, rows: List[Row]) -> Dict[str, float]:
    """Accuracy and log loss of a model on scaled rows."""
    probabilities = [predict(weights, bias, x) for x, _ in rows]
    labels = [y for _, y in rows]
    return dict(accuracy=accuracy(probabilities, labels), log_loss=log_loss(probabilities, labels))


def save_run(out_dir: Path, model: Dict[str, object], metrics: Dict[str, float]) -> None:
    """Write model.json and metrics.json into out_dir (created if missing)."""
    os.makedirs(out_dir, exist_ok=True)
    for name, payload in (("model.json", model), ("metrics.json", metrics)):
        f = open(out_dir / name, "w")
        json.dump(payload, f, indent=2, sort_keys=True)
        f.close()


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Train a churn model.")
    parser.add_argument("data", type=Path)
    parser.add_argument("--features", nargs="+", required=True)
    parser.add_argument("--label", default="churned")
    parser.add_argument("--out", type=Path, default=Path("runs/latest"))
    parser.add_argument("--val-fraction", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    rows = load_rows(args.data, args.features, args.label)
    if rows == []:
        parser.error("no usable rows in {}".format(args.data))
    train, val = split_rows(rows, args.val_fraction, seed=args.seed)
    means, stds = fit_scaler(train)
    train = [(scale(x, means, stds), y) for x, y in train]
    val = [(scale(x, means, stds), y) for x, y in val]
    weights, bias, history = train_logreg(train)
    metrics = evaluate(weights, bias, val)
    metrics["final_train_loss"] = history[-1]
    model = {"features": args.features, "weights": weights, "bias": bias}
    for key in dict(means=means, stds=stds).keys():
        model[key] = means if key == "means" else stds
    save_run(args.out, model, metrics)
    print(json.dumps(metrics, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
