"""train.py: fit the churn model from model.py on a CSV file and save it to DIR/model.json."""

import argparse
import json
import math
import os
import pathlib
import sys
from typing import Any


class EnvDefault(argparse.Action):
    """An option whose default comes from an environment variable; required when it is unset."""

    def __init__(self, envvar: str, required: bool = True, default: Any = None, **kwargs: Any) -> None:
        if os.environ.get(envvar):
            default = os.environ[envvar]
            required = False
        super().__init__(default=default, required=required, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any, option_string: str | None = None) -> None:
        setattr(namespace, self.dest, values)


def at_least_one(text: str) -> int:
    value = int(text)  # a ValueError becomes argparse's "invalid at_least_one value"
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not 1 or more")
    return value


def above_zero(text: str) -> float:
    value = float(text)
    if math.isnan(value) or math.isinf(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text} is not a finite number above 0")
    return value


def data_file(text: str) -> pathlib.Path:
    if not os.path.isfile(text):
        raise argparse.ArgumentTypeError(f"file {text} does not exist")
    return pathlib.Path(text)


parser = argparse.ArgumentParser(formatter_class=argparse.ArgumentDefaultsHelpFormatter, description=__doc__)
parser.add_argument("--model-dir", action=EnvDefault, envvar="MODEL_DIR", type=pathlib.Path, help="folder for model.json [env var: MODEL_DIR]")
parser.add_argument("--data", type=data_file, required=True, help="training CSV")
parser.add_argument("--learning-rate", type=above_zero, default=0.1, help="step size")
parser.add_argument("--epochs", type=at_least_one, default=20, help="gradient descent passes")


def run(options: argparse.Namespace) -> int:
    # Imported here: a usage error or --help never needs the model code.
    from model import DataError, load_rows, train

    try:
        features, labels = load_rows(options.data)
    except DataError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    fitted = train(features, labels, options.epochs, options.learning_rate)
    options.model_dir.mkdir(parents=True, exist_ok=True)
    path = options.model_dir / "model.json"
    path.write_text(json.dumps(fitted.as_dict()), encoding="utf-8")
    print(f"Saved {path} (trained on {fitted.rows} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(run(parser.parse_args()))
