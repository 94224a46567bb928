"""Trains the churn model: a logistic regression fitted with NumPy.

Configuration from the environment: DATA_PATH (a CSV with a header and a 0/1
`churned` column last) and MODEL_DIR (where model.json is written).
"""

import argparse
import json
import os
from pathlib import Path

import numpy as np


def train(features: np.ndarray, labels: np.ndarray, epochs: int, learning_rate: float = 0.1) -> np.ndarray:
    weights = np.zeros(features.shape[1] + 1)
    x = np.hstack([np.ones((len(features), 1)), features])
    for _ in range(epochs):
        p = 1.0 / (1.0 + np.exp(-x @ weights))
        weights -= learning_rate * x.T @ (p - labels) / len(labels)
    return weights


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--epochs", type=int, default=10)
    args = parser.parse_args()
    data = np.loadtxt(os.environ["DATA_PATH"], delimiter=",", skiprows=1)
    weights = train(data[:, :-1], data[:, -1], args.epochs)
    out = Path(os.environ.get("MODEL_DIR", "models"))
    out.mkdir(parents=True, exist_ok=True)
    (out / "model.json").write_text(json.dumps({"bias": weights[0], "weights": weights[1:].tolist()}))
    print(f"Wrote {out / 'model.json'}")


if __name__ == "__main__":
    main()
