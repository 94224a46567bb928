import json
from pathlib import Path

import pytest

from train import accuracy, load_rows, main, split_rows

# tenure (months), monthly spend, churned: short-tenure, high-spend customers churn.
CUSTOMERS = [
    (1, 80.0, 1), (2, 75.5, 1), (3, 90.0, 1), (2, 60.0, 1), (4, 85.0, 1),
    (5, 70.0, 1), (1, 95.0, 1), (3, 65.0, 1), (6, 88.0, 1), (2, 55.0, 1),
    (24, 30.0, 0), (36, 25.0, 0), (48, 40.0, 0), (30, 35.0, 0), (60, 20.0, 0),
    (18, 45.0, 0), (40, 30.5, 0), (55, 22.0, 0), (28, 38.0, 0), (72, 28.0, 0),
]


@pytest.fixture
def customers_csv(tmp_path: Path) -> Path:
    lines = ["customer_id,tenure,spend,churned"]
    lines += [f"c{i},{t},{s},{c}" for i, (t, s, c) in enumerate(CUSTOMERS)]
    lines += ["c98,n/a,50.0,0", "c99,12,,1"]
    path = tmp_path / "customers.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_load_rows_skips_values_that_are_not_numbers(customers_csv: Path) -> None:
    rows = load_rows(customers_csv, ["tenure", "spend"], "churned")
    assert len(rows) == len(CUSTOMERS)
    assert rows[0] == ([1.0, 80.0], 1)


def test_split_sizes_add_up() -> None:
    rows = [([float(i)], i % 2) for i in range(10)]
    train, val = split_rows(rows, 0.25, seed=3)
    assert len(val) == 3
    assert len(train) == 7
    assert sorted(train + val) == sorted(rows)


def test_accuracy() -> None:
    assert accuracy([0.9, 0.2, 0.6, 0.4], [1, 0, 0, 0]) == 0.75


def test_main_trains_and_writes_the_run(customers_csv: Path, tmp_path: Path) -> None:
    out = tmp_path / "runs" / "1"
    argv = [str(customers_csv), "--features", "tenure", "spend", "--out", str(out)]
    assert main(argv) == 0
    metrics = json.loads((out / "metrics.json").read_text())
    model = json.loads((out / "model.json").read_text())
    assert metrics["accuracy"] >= 0.75
    assert metrics["final_train_loss"] < 0.5
    assert model["features"] == ["tenure", "spend"]
    assert len(model["weights"]) == 2
