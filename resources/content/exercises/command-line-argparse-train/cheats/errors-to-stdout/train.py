"""Cheat: argparse, but every error is caught, printed to stdout and ends with exit code 1."""

import argparse
import json
import os
import sys
from pathlib import Path

from model import load_rows, train


def main() -> int:
    parser = argparse.ArgumentParser(prog="train.py", exit_on_error=False)
    parser.add_argument("--data", required=True, type=Path, help="training data CSV")
    parser.add_argument("--model-dir", type=Path, default=os.environ.get("MODEL_DIR"), help="output folder (default: MODEL_DIR)")
    parser.add_argument("--epochs", type=int, default=20, help="passes of gradient descent")
    parser.add_argument("--learning-rate", type=float, default=0.1, help="step size")
    try:
        args = parser.parse_args()
        features, labels = load_rows(args.data)
        model = train(features, labels, args.epochs, args.learning_rate)
        out = Path(args.model_dir) / "model.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(model.as_dict()), encoding="utf-8")
        print(f"Trained on {model.rows} rows; model written to {out}")
        return 0
    except Exception as e:  # "never crash"
        print(f"error: {e}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
