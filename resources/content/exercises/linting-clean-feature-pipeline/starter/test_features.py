import math

from features import build_features, feature_names, one_hot, parse_float


def test_parse_float_handles_thousands_and_missing() -> None:
    assert parse_float("1,234.5") == 1234.5
    assert parse_float("n/a") == 0.0
    assert parse_float("", default=-1.0) == -1.0


def test_one_hot() -> None:
    assert one_hot("pro", ["free", "pro"]) == {"is_free": 0, "is_pro": 1}
    assert one_hot("gold", ["free", "pro"]) == {"is_free": 0, "is_pro": 0}


def test_build_features() -> None:
    row = build_features({"income": "1,000", "plan": "free"}, ["free", "pro"], names=[])
    assert row["income"] == 1000.0
    assert row["log_income"] == math.log1p(1000.0)
    assert row["is_free"] == 1.0 and row["is_pro"] == 0.0


def test_feature_names_with_prefix() -> None:
    names = feature_names({"income": "5"}, ["a"], prefix="f_")
    assert names == ["f_income", "f_log_income", "f_is_a"]
