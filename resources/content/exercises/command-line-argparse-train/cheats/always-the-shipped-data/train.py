"""Cheat: a proper command line, but it always trains on the shipped data/churn.csv."""

import argparse
import json
import os
import sys
from pathlib import Path

from model import DataError, load_rows, train


def main() -> int:
    parser = argparse.ArgumentParser(prog="train.py")
    parser.add_argument("--data", required=True, help="training data CSV")
    parser.add_argument("--model-dir", default=os.environ.get("MODEL_DIR"), help="output folder (default: MODEL_DIR)")
    parser.add_argument("--epochs", type=int, default=20, help="passes of gradient descent")
    parser.add_argument("--learning-rate", type=float, default=0.1, help="step size")
    args = parser.parse_args()
    if not Path(args.data).is_file():
        parser.error(f"argument --data: {args.data} is not an existing file")
    if args.model_dir is None:
        parser.error("--model-dir is required")
    if args.epochs < 1:
        parser.error("argument --epochs: must be at least 1")
    if not 0 < args.learning_rate < float("inf"):
        parser.error("argument --learning-rate: must be above 0")
    try:
        load_rows(Path(args.data))
        features, labels = load_rows(Path(__file__).parent / "data" / "churn.csv")
    except DataError as e:
        print(f"train.py: error: {e}", file=sys.stderr)
        return 1
    model = train(features, labels, args.epochs, args.learning_rate)
    out = Path(args.model_dir) / "model.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(model.as_dict()), encoding="utf-8")
    print(f"Trained on {model.rows} rows; model written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
