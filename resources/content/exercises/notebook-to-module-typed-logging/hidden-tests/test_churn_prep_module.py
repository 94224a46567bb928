"""What makes churn_prep.py a module and not a notebook cell: logging instead of print,
no configuration at import, no hidden global state."""

import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import churn_prep
from churn_prep import Customer, churn_rate_by_bucket, clean_customers, load_customers

HERE = Path(__file__).resolve().parent
HEADER = "customer_id,tenure_months,monthly_charges,churned\n"


def row(tenure: str, charges: str, churned: str = "No", customer_id: str = "C1") -> dict[str, str]:
    return {"customer_id": customer_id, "tenure_months": tenure, "monthly_charges": charges, "churned": churned}


def records(caplog: pytest.LogCaptureFixture, level: int) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "churn_prep" and r.levelno == level]


def test_load_customers_logs_the_row_count_at_info(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "extract.csv"
    path.write_text(HEADER + "C1,3,20.0,No\nC2,40,80.0,Yes\nC3,12,55.5,No\n", encoding="utf-8")
    with caplog.at_level(logging.DEBUG, logger="churn_prep"):
        rows = load_customers(path)
    assert len(rows) == 3
    info = records(caplog, logging.INFO)
    assert info, 'load_customers should log at INFO through logging.getLogger("churn_prep") (logging.getLogger(__name__))'
    assert any("3" in r.getMessage() and "extract.csv" in r.getMessage() for r in info), "the INFO message should give the row count and the file"


def test_clean_customers_warns_how_many_rows_it_dropped(caplog: pytest.LogCaptureFixture) -> None:
    rows = [row("3", "20.0"), row("", "30.0"), row("7", "40.0", "maybe"), row("11", "abc"), row("40", "60.0"), row("15", "75.0", "Yes")]
    with caplog.at_level(logging.DEBUG, logger="churn_prep"):
        kept = clean_customers(rows)
    assert len(kept) == 3
    warnings = records(caplog, logging.WARNING)
    assert len(warnings) == 1, f"expected one WARNING from the churn_prep logger, got {len(warnings)}"
    message = warnings[0].getMessage()
    assert "3" in message and "6" in message, f'the warning should say how many rows of how many were dropped: "{message}"'


def test_no_warning_when_nothing_is_dropped(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="churn_prep"):
        clean_customers([row("3", "20.0"), row("40", "60.0", "Yes")])
    assert records(caplog, logging.WARNING) == []


def test_nothing_is_printed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "extract.csv"
    path.write_text(HEADER + "C1,3,20.0,No\nC2,,80.0,Yes\nC3,40,55.5,Yes\n", encoding="utf-8")
    churn_rate_by_bucket(clean_customers(load_customers(path)))
    out, err = capsys.readouterr()
    assert out == "" and err == "", f"churn_prep printed {out + err!r}: report through its logger instead"


def test_importing_the_module_configures_no_logging() -> None:
    code = (
        "import logging, churn_prep\n"
        "root = logging.getLogger()\n"
        "own = logging.getLogger('churn_prep')\n"
        "print(len(root.handlers), root.level, all(isinstance(h, logging.NullHandler) for h in own.handlers), own.level)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=HERE, timeout=60)
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.split() == ["0", str(logging.WARNING), "True", "0"], (
        "importing churn_prep changed the logging configuration (basicConfig, a handler or a level): "
        "a module only gets its logger; the notebook or the application configures logging"
    )


def test_max_monthly_charge_is_a_parameter_not_a_global() -> None:
    rows = [row("3", "80.0", customer_id="A"), row("8", "150.0", customer_id="B"), row("30", "300.0", customer_id="C")]
    assert [c.customer_id for c in clean_customers(rows, max_monthly_charge=100.0)] == ["A"]
    assert [c.customer_id for c in clean_customers(rows, max_monthly_charge=200.0)] == ["A", "B"]
    assert [c.customer_id for c in clean_customers(rows)] == ["A", "B", "C"]
    for name in ("MAX_MONTHLY_CHARGE", "DATA"):
        assert not hasattr(churn_prep, name), f"churn_prep has a module-level {name}: pass it as an argument instead"


@pytest.mark.parametrize("charges", ["nan", "NaN", "inf", "-inf"])
def test_charges_that_are_not_finite_are_dropped(charges: str) -> None:
    assert clean_customers([row("3", charges), row("9", "42.0")]) == [Customer("C1", 9, 42.0, False)]


def test_rows_can_come_from_a_generator() -> None:
    def stream() -> Iterator[dict[str, str]]:
        yield row("3", "20.0", customer_id="A")
        yield row("x", "20.0", customer_id="B")
        yield row("40", "60.0", "Yes", customer_id="C")

    assert [c.customer_id for c in clean_customers(stream())] == ["A", "C"]


def test_churn_rate_by_bucket_on_the_module_types() -> None:
    customers = [Customer("a", 1, 20.0, True), Customer("b", 4, 20.0, True), Customer("c", 10, 20.0, False), Customer("d", 50, 20.0, False)]
    assert churn_rate_by_bucket(customers) == {"new": 1.0, "regular": 0.0, "loyal": 0.0}
    assert churn_rate_by_bucket([]) == {}
