from cleaning import clean_column_names


def test_lower_snake_case() -> None:
    assert clean_column_names([" Customer ID", "Plan Type", "Monthly Charges ($)"]) == [
        "customer_id",
        "plan_type",
        "monthly_charges",
    ]


def test_duplicates_are_numbered() -> None:
    names = ["Monthly Charges ($)", "monthly-charges", "MONTHLY CHARGES"]
    assert clean_column_names(names) == [
        "monthly_charges",
        "monthly_charges_2",
        "monthly_charges_3",
    ]


def test_empty_header() -> None:
    assert clean_column_names([]) == []
