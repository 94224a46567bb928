from churn.features import spend_per_month


def test_spend_per_month_of_a_new_customer() -> None:
    assert spend_per_month(30.0, 0) == 0.0
