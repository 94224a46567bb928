"""Command line for training the churn model; the model itself lives in model.py."""

import argparse
import json
import math
import os
import sys
from pathlib import Path

import model


def parse_args(parser: argparse.ArgumentParser, argv: list[str] | None) -> argparse.Namespace:
    """Parses, then checks the values argparse cannot, reporting them as usage errors."""
    args = parser.parse_args(argv)
    if not os.path.isfile(args.data):
        parser.error(f"argument --data: no such file: {args.data}")
    if args.epochs < 1:
        parser.error(f"argument --epochs: must be 1 or more, not {args.epochs}")
    if not (math.isfinite(args.learning_rate) and args.learning_rate > 0):
        parser.error(f"argument --learning-rate: must be a finite number above 0, not {args.learning_rate}")
    args.model_dir = args.model_dir or os.environ.get("MODEL_DIR")
    if not args.model_dir:
        parser.error("argument --model-dir: give it, or set MODEL_DIR")
    return args


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Trains the churn model and saves model.json.")
    parser.add_argument("--data", required=True, help="CSV file to train on")
    parser.add_argument("--model-dir", help="output folder for model.json; MODEL_DIR from the environment when not given")
    parser.add_argument("--epochs", type=int, default=20, help="number of epochs (default 20)")
    parser.add_argument("--learning-rate", type=float, default=0.1, help="learning rate (default 0.1)")
    args = parse_args(parser, argv)

    data = Path(args.data)
    try:
        x, y = model.load_rows(data)
    except model.DataError as error:
        sys.stderr.write(f"cannot train on {data}: {error}\n")
        return 1
    trained = model.train(x, y, epochs=args.epochs, learning_rate=args.learning_rate)
    target = Path(args.model_dir) / "model.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as handle:
        json.dump(trained.as_dict(), handle)
    print(f"{trained.rows} rows -> {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
