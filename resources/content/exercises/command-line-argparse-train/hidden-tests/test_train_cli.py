"""Runs train.py as a command, the way a scheduler or a CI job would."""

import json
import math
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from model import FEATURES, load_rows, train

HERE = Path(__file__).resolve().parent
TRAIN = HERE / "train.py"


def run(*args: str, model_dir_env: str | None = None, cwd: Path = HERE) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "MODEL_DIR"}
    env["COLUMNS"] = "100"
    if model_dir_env is not None:
        env["MODEL_DIR"] = model_dir_env
    return subprocess.run([sys.executable, str(TRAIN), *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120)


def make_csv(path: Path, rows: int, seed: int) -> Path:
    rng = random.Random(seed)
    lines = ["customer_id," + ",".join(FEATURES) + ",churned"]
    for i in range(rows):
        tenure, charges, calls = rng.randint(1, 72), round(rng.uniform(18, 120), 2), rng.randint(0, 8)
        z = -0.05 * tenure + 0.02 * charges + 0.5 * calls - 1.0
        lines.append(f"C{i},{tenure},{charges},{calls},{int(rng.random() < 1 / (1 + math.exp(-z)))}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def expected_model(path: Path, epochs: int, learning_rate: float) -> dict[str, object]:
    features, labels = load_rows(path)
    model: dict[str, object] = json.loads(json.dumps(train(features, labels, epochs, learning_rate).as_dict()))
    return model


def assert_usage_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, f"exit code {result.returncode}, expected 2 for wrong arguments; stderr: {result.stderr.strip()[-300:]}"
    assert result.stdout == "", f"errors go to stderr, but stdout had: {result.stdout.strip()[:200]}"
    assert "Traceback" not in result.stderr, f"a traceback instead of a message: {result.stderr.strip()[-300:]}"
    for word in words:
        assert word in result.stderr, f"the error message on stderr does not mention {word}: {result.stderr.strip()[-300:]}"


def test_help_lists_every_option() -> None:
    result = run("--help")
    assert result.returncode == 0
    for option in ("--data", "--model-dir", "--epochs", "--learning-rate", "MODEL_DIR"):
        assert option in result.stdout, f"--help does not mention {option}"
    assert result.stderr == ""


@pytest.mark.parametrize(("epochs", "learning_rate"), [(None, None), ("3", "0.05"), ("35", "0.5")])
def test_trains_on_the_given_file_with_the_given_settings(tmp_path: Path, epochs: str | None, learning_rate: str | None) -> None:
    seed = int.from_bytes(os.urandom(4), "big")
    data = make_csv(tmp_path / "train.csv", random.Random(seed).randint(50, 400), seed)
    model_dir = tmp_path / "models" / "run-1"
    args = ["--data", str(data), "--model-dir", str(model_dir)]
    if epochs is not None:
        args += ["--epochs", epochs]
    if learning_rate is not None:
        args += ["--learning-rate", learning_rate]
    result = run(*args)
    assert result.returncode == 0, f"exit code {result.returncode}; stderr: {result.stderr.strip()[-400:]}"
    saved = json.loads((model_dir / "model.json").read_text(encoding="utf-8"))
    want = expected_model(data, int(epochs or 20), float(learning_rate or 0.1))
    assert saved["epochs"] == want["epochs"] and type(saved["epochs"]) is int, f"epochs in model.json: {saved['epochs']!r}, expected {want['epochs']!r}"
    assert saved["learning_rate"] == want["learning_rate"], f"learning_rate in model.json: {saved['learning_rate']!r}, expected {want['learning_rate']!r}"
    assert saved == want, "model.json is not the model trained on --data with these settings"
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1, f"expected one summary line on stdout, got {len(lines)}"
    assert str(want["rows"]) in lines[0] and str(model_dir / "model.json") in lines[0], f"the summary line should name the row count and the model path: {lines[0]}"


def test_model_dir_defaults_to_the_environment(tmp_path: Path) -> None:
    data = make_csv(tmp_path / "train.csv", 60, 1)
    env_dir = tmp_path / "from-env"
    result = run("--data", str(data), "--epochs", "2", model_dir_env=str(env_dir))
    assert result.returncode == 0, f"exit code {result.returncode}; stderr: {result.stderr.strip()[-400:]}"
    assert (env_dir / "model.json").is_file(), "with MODEL_DIR set and no --model-dir, model.json belongs in $MODEL_DIR"


def test_model_dir_option_beats_the_environment(tmp_path: Path) -> None:
    data = make_csv(tmp_path / "train.csv", 60, 2)
    result = run("--data", str(data), "--epochs", "2", "--model-dir", str(tmp_path / "flag"), model_dir_env=str(tmp_path / "env"))
    assert result.returncode == 0
    assert (tmp_path / "flag" / "model.json").is_file()
    assert not (tmp_path / "env").exists(), "--model-dir was given, so MODEL_DIR must not be used"


def test_no_model_dir_anywhere_is_a_usage_error(tmp_path: Path) -> None:
    data = make_csv(tmp_path / "train.csv", 20, 3)
    assert_usage_error(run("--data", str(data)), "--model-dir")


def test_missing_data_option(tmp_path: Path) -> None:
    assert_usage_error(run("--model-dir", str(tmp_path)), "--data")


def test_data_file_that_does_not_exist(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-file.csv"
    result = run("--data", str(missing), "--model-dir", str(tmp_path / "m"))
    assert_usage_error(result, "no-such-file.csv")
    assert not (tmp_path / "m").exists()


@pytest.mark.parametrize(
    ("option", "value"),
    [("--epochs", "ten"), ("--epochs", "2.5"), ("--epochs", "0"), ("--epochs", "-3"), ("--learning-rate", "fast"), ("--learning-rate", "0"), ("--learning-rate", "-0.1"), ("--learning-rate", "nan"), ("--learning-rate", "inf")],
)
def test_bad_values_are_usage_errors(tmp_path: Path, option: str, value: str) -> None:
    data = make_csv(tmp_path / "train.csv", 20, 4)
    result = run("--data", str(data), "--model-dir", str(tmp_path / "m"), option, value)
    assert_usage_error(result, option)
    assert not (tmp_path / "m" / "model.json").exists(), "nothing should be trained or written after a usage error"


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ("customer_id,tenure_months,monthly_charges,support_calls,churned\n", "no data rows"),
        ("customer_id,tenure_months,monthly_charges,churned\nC1,3,20.5,1\n", "a missing column"),
        ("customer_id,tenure_months,monthly_charges,support_calls,churned\nC1,three,20.5,1,0\n", "a value that is not a number"),
    ],
    ids=["no-rows", "missing-column", "not-a-number"],
)
def test_unusable_data_exits_with_1_and_a_message(tmp_path: Path, content: str, why: str) -> None:
    data = tmp_path / "bad.csv"
    data.write_text(content, encoding="utf-8")
    result = run("--data", str(data), "--model-dir", str(tmp_path / "m"))
    assert result.returncode == 1, f"a data file with {why}: exit code {result.returncode}, expected 1; stderr: {result.stderr.strip()[-300:]}"
    assert result.stdout == "", "errors go to stderr"
    assert "Traceback" not in result.stderr, f"a data file with {why} should give a one-line message, not a traceback"
    assert "bad.csv" in result.stderr, "the message should name the data file"
    assert not (tmp_path / "m" / "model.json").exists()
