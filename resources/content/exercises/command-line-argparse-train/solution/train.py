"""Train the churn model on a CSV and save it as JSON.

    python train.py --data data/churn.csv --model-dir models/ --epochs 20 --learning-rate 0.1

`--model-dir` defaults to the MODEL_DIR environment variable, as on managed training
services. Exit codes: 0 trained, 1 the data file cannot be used, 2 wrong arguments.
"""

import argparse
import json
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from model import DataError, load_rows, train


def existing_file(value: str) -> Path:
    """argparse type: a path to a file that exists."""
    path = Path(value)
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"{value} is not an existing file")
    return path


def positive_int(value: str) -> int:
    """argparse type: a whole number of at least 1."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid int value: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def positive_float(value: str) -> float:
    """argparse type: a finite number above 0."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid float value: {value!r}") from None
    if not math.isfinite(number) or number <= 0:
        raise argparse.ArgumentTypeError(f"must be a finite number above 0, got {value}")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="train.py",
        description="Train the churn model on a CSV and write model.json.",
        epilog="Exit codes: 0 trained, 1 the data file cannot be used, 2 wrong arguments.",
    )
    parser.add_argument("--data", required=True, type=existing_file, metavar="CSV", help="training data: a CSV with tenure_months, monthly_charges, support_calls and churned")
    parser.add_argument(
        "--model-dir",
        type=Path,
        default=os.environ.get("MODEL_DIR"),
        metavar="DIR",
        help="folder to write model.json to (default: the MODEL_DIR environment variable)",
    )
    parser.add_argument("--epochs", type=positive_int, default=20, metavar="N", help="passes of gradient descent, at least 1 (default: %(default)s)")
    parser.add_argument("--learning-rate", type=positive_float, default=0.1, metavar="LR", help="gradient descent step size, above 0 (default: %(default)s)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # exits with 2 and a usage message on stderr when wrong
    if args.model_dir is None:
        parser.error("--model-dir is required when the MODEL_DIR environment variable is not set")
    model_dir = Path(args.model_dir)

    try:
        features, labels = load_rows(args.data)
    except DataError as e:
        print(f"train.py: error: {e}", file=sys.stderr)
        return 1
    model = train(features, labels, args.epochs, args.learning_rate)
    model_dir.mkdir(parents=True, exist_ok=True)
    out = model_dir / "model.json"
    out.write_text(json.dumps(model.as_dict(), indent=2), encoding="utf-8")
    print(f"Trained on {model.rows} rows for {args.epochs} epochs: train accuracy {model.train_accuracy:.3f}; model written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
