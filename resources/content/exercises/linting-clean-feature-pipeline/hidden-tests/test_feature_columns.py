from features import feature_columns


def test_feature_columns_do_not_leak_between_calls() -> None:
    first = feature_columns([{"income": "10", "plan": "free"}], ["free", "pro"])
    assert first == ["income", "log_income", "is_free", "is_pro"]
    second = feature_columns([{"income": "20", "plan": "gold"}], ["gold"])
    assert second == ["income", "log_income", "is_gold"], "names leaked from call 1"
    assert first == ["income", "log_income", "is_free", "is_pro"], "call 2 changed it"


def test_feature_columns_adds_to_the_list_it_is_given() -> None:
    names = ["customer_id"]
    columns = feature_columns([{"income": "5"}], ["a"], names)
    assert columns == ["customer_id", "income", "log_income", "is_a"]
