"""Train the monthly churn model and write its metrics next to the model file."""

import argparse
import json
from pathlib import Path

import numpy as np

from churn_common.features import (
    add_tenure_buckets,
    encode_contract_type,
)
from churn_common.io import load_customers, save_model

FEATURES = ["tenure_months", "monthly_charges", "support_calls", "contract_type_code"]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Train the churn model on a monthly snapshot.")
    parser.add_argument("snapshot", type=Path, help="Parquet file of customers and their labels")
    parser.add_argument("--out", type=Path, default=Path("models"), help="where the model goes")
    parser.add_argument("--learning-rate", type=float, default=0.05)
    parser.add_argument("--epochs", type=int, default=200)
    return parser.parse_args()


def fit_logistic_regression(
    features: np.ndarray, labels: np.ndarray, learning_rate: float, epochs: int
) -> np.ndarray:
    """Plain gradient descent on the log loss; the first weight is the intercept."""
    design = np.hstack([np.ones((features.shape[0], 1)), features])
    weights = np.zeros(design.shape[1])
    for _ in range(epochs):
        probabilities = 1.0 / (1.0 + np.exp(-design @ weights))
        weights -= learning_rate * design.T @ (probabilities - labels) / len(labels)
    return weights


def main() -> None:
    args = parse_args()
    customers = encode_contract_type(add_tenure_buckets(load_customers(args.snapshot)))
    features = np.column_stack([customers[name] for name in FEATURES]).astype(float)
    labels = np.asarray(customers["churned"], dtype=float)
    weights = fit_logistic_regression(features, labels, args.learning_rate, args.epochs)
    predictions = (1.0 / (1.0 + np.exp(-(weights[0] + features @ weights[1:])))) >= 0.5
    metrics = {"accuracy": float(np.mean(predictions == labels)), "n_customers": len(labels)}
    save_model(args.out / "churn.npy", weights)
    (args.out / "metrics.json").write_text(json.dumps(metrics, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
