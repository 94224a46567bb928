"""Train the churn model on a CSV and save it as JSON.

How it is called today, with four positional arguments in a fixed order:

    python train.py data/churn.csv 20 0.1 models/

No --help, nothing checked, and a traceback for any mistake. Rewrite it with argparse
(see README.md).
"""

import json
import sys
from pathlib import Path

from model import load_rows, train


def main() -> None:
    data = Path(sys.argv[1])
    epochs = int(sys.argv[2])
    learning_rate = float(sys.argv[3])
    model_dir = Path(sys.argv[4])

    features, labels = load_rows(data)
    model = train(features, labels, epochs, learning_rate)
    model_dir.mkdir(parents=True, exist_ok=True)
    out = model_dir / "model.json"
    out.write_text(json.dumps(model.as_dict(), indent=2), encoding="utf-8")
    print(f"Trained on {model.rows} rows for {epochs} epochs: train accuracy {model.train_accuracy:.3f}; model written to {out}")


if __name__ == "__main__":
    main()
