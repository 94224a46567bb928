"""Runs daily_alerts.ipynb's code cells in order, in a fresh IPython namespace, under other
environment variables, and compares the report it writes with the readings worked out here."""

import csv
import json
import random
from pathlib import Path

import pandas as pd
import pytest
from IPython.core.interactiveshell import InteractiveShell

HERE = Path(__file__).resolve().parent
NOTEBOOK = HERE / "daily_alerts.ipynb"
SETTINGS = ("SENSOR_CSV", "ALERT_THRESHOLD", "REPORT_DATE")


def run_notebook() -> None:
    shell = InteractiveShell.instance()
    shell.reset(new_session=True)
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    for index, cell in enumerate(cells):
        if cell["cell_type"] != "code":
            continue
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        outcome = shell.run_cell(source, store_history=False)
        if not outcome.success:
            raise AssertionError(f"cell {index + 1} of daily_alerts.ipynb raised {outcome.error_in_exec or outcome.error_before_exec!r}")


def expected_alerts(csv_path: Path, day: str, threshold: float) -> list[tuple[str, str, float]]:
    with csv_path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        (r["machine_id"], r["timestamp"], float(r["vibration"]))
        for r in rows
        if r["timestamp"].startswith(day) and float(r["vibration"]) > threshold
    ]


def report_rows(report: Path) -> list[tuple[str, str, float]]:
    assert report.is_file(), f"the notebook wrote no {report.parent.name}/{report.name}"
    frame = pd.read_csv(report)
    stamps = pd.to_datetime(frame["timestamp"]).dt.strftime("%Y-%m-%d %H:%M:%S")
    return [(m, s, round(float(v), 2)) for m, s, v in zip(frame["machine_id"], stamps, frame["vibration"])]


def test_without_settings_the_defaults_give_the_report_of_4_march(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in SETTINGS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(HERE)
    run_notebook()
    expected = expected_alerts(HERE / "data" / "line_a.csv", "2024-03-04", 7.5)
    assert report_rows(HERE / "reports" / "alerts_2024-03-04.csv") == expected


def write_readings(path: Path, seed: int) -> None:
    rnd = random.Random(seed)
    with path.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["machine_id", "timestamp", "vibration"])
        for day in ("2024-04-10", "2024-04-11", "2024-04-12"):
            for hour in range(0, 24, 3):
                for machine in ("mill-3", "pump-12"):
                    out.writerow([machine, f"{day} {hour:02d}:{rnd.randrange(60):02d}:00", f"{rnd.uniform(1.0, 12.0):.2f}"])


@pytest.mark.parametrize(
    ("day", "threshold", "seed"),
    [("2024-04-11", "6.25", 1), ("2024-04-12", "9", 2)],
)
def test_settings_from_the_environment_change_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, day: str, threshold: str, seed: int
) -> None:
    readings = tmp_path / "exports" / f"line_b_{seed}.csv"
    readings.parent.mkdir()
    write_readings(readings, seed)
    work = tmp_path / "run"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("SENSOR_CSV", str(readings))
    monkeypatch.setenv("ALERT_THRESHOLD", threshold)
    monkeypatch.setenv("REPORT_DATE", day)
    run_notebook()
    expected = expected_alerts(readings, day, float(threshold))
    assert expected, "the generated readings hold no alert"
    assert report_rows(work / "reports" / f"alerts_{day}.csv") == expected
