"""Cheat: a hand-written --help and usage errors, but no checks on the values and no MODEL_DIR."""

import json
import sys
from pathlib import Path

from model import load_rows, train

HELP = """usage: train.py --data CSV --model-dir DIR [--epochs N] [--learning-rate LR]

  --data CSV          training data
  --model-dir DIR     where to write model.json (MODEL_DIR)
  --epochs N          passes (default 20)
  --learning-rate LR  step size (default 0.1)
"""


def main() -> int:
    argv = sys.argv[1:]
    if "--help" in argv or "-h" in argv:
        print(HELP)
        return 0
    opts = dict(zip(argv[::2], argv[1::2]))
    if "--data" not in opts or "--model-dir" not in opts:
        print("usage: train.py: error: --data and --model-dir are required", file=sys.stderr)
        return 2
    try:
        epochs = int(opts.get("--epochs", "20"))
        learning_rate = float(opts.get("--learning-rate", "0.1"))
    except ValueError:
        print("usage: train.py: error: bad --epochs or --learning-rate", file=sys.stderr)
        return 2
    features, labels = load_rows(Path(opts["--data"]))
    model = train(features, labels, epochs, learning_rate)
    out = Path(opts["--model-dir"]) / "model.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(model.as_dict()), encoding="utf-8")
    print(f"Trained on {model.rows} rows; model written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
