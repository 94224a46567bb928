"""Tests for churn_prep.py, grouped by function."""

import logging
from pathlib import Path

import pytest

import churn_prep as prep


def make_row(**fields: str) -> dict[str, str]:
    base = {"customer_id": "X", "tenure_months": "10", "monthly_charges": "50", "churned": "No"}
    return {**base, **fields}


class TestCleanCustomers:
    def test_keeps_a_good_row(self) -> None:
        assert prep.clean_customers([make_row()]) == [prep.Customer("X", 10, 50.0, False)]

    def test_yes_means_churned(self) -> None:
        assert prep.clean_customers([make_row(churned="Yes")])[0].churned

    @pytest.mark.parametrize(
        "tenure", ["-3", "1.5", "", "ten"], ids=["negative", "fraction", "empty", "words"]
    )
    def test_drops_bad_tenure(self, tenure: str) -> None:
        assert prep.clean_customers([make_row(tenure_months=tenure)]) == []

    def test_keeps_tenure_zero(self) -> None:
        assert len(prep.clean_customers([make_row(tenure_months="0")])) == 1

    @pytest.mark.parametrize(
        "charges",
        ["-1", "nan", "-inf", "n/a", "500.5"],
        ids=["negative", "nan", "minus-infinity", "text", "over-default-max"],
    )
    def test_drops_bad_charges(self, charges: str) -> None:
        assert prep.clean_customers([make_row(monthly_charges=charges)]) == []

    def test_a_charge_equal_to_the_maximum_is_kept(self) -> None:
        kept = prep.clean_customers([make_row(monthly_charges="80")], max_monthly_charge=80.0)
        assert [c.monthly_charges for c in kept] == [80.0]

    @pytest.mark.parametrize("answer", ["YES", "no", "True", ""])
    def test_drops_churn_answers_other_than_yes_or_no(self, answer: str) -> None:
        assert prep.clean_customers([make_row(churned=answer)]) == []

    def test_warns_with_counts(self, caplog: pytest.LogCaptureFixture) -> None:
        rows = [make_row(customer_id="1"), make_row(churned="?"), make_row(customer_id="3")]
        with caplog.at_level(logging.INFO, logger="churn_prep"):
            kept = prep.clean_customers(rows)
        assert [c.customer_id for c in kept] == ["1", "3"]
        [warning] = [r for r in caplog.records if r.levelno == logging.WARNING]
        assert "1 of 3" in warning.getMessage()


class TestTenureBucket:
    @pytest.mark.parametrize(
        ("months", "expected"),
        [(0, "new"), (5, "new"), (6, "regular"), (23, "regular"), (24, "loyal")],
        ids=lambda value: str(value),
    )
    def test_boundaries(self, months: int, expected: str) -> None:
        assert prep.tenure_bucket(months) == expected


class TestChurnRate:
    def test_rates_per_bucket(self) -> None:
        customers = [
            prep.Customer("a", 1, 10.0, True),
            prep.Customer("b", 12, 10.0, False),
            prep.Customer("c", 13, 10.0, True),
            prep.Customer("d", 13, 10.0, True),
        ]
        rates = prep.churn_rate_by_bucket(customers)
        assert rates == pytest.approx({"new": 1.0, "regular": 2 / 3})


class TestLoadCustomers:
    def test_reads_rows_as_dicts(self, tmp_path: Path) -> None:
        csv_file = tmp_path / "c.csv"
        csv_file.write_text(
            "customer_id,tenure_months,monthly_charges,churned\nZ,2,9.5,Yes\n", encoding="utf-8"
        )
        assert prep.load_customers(csv_file) == [make_row(customer_id="Z", tenure_months="2", monthly_charges="9.5", churned="Yes")]
