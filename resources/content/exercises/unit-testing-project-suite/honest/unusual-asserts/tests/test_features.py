"""Unusual but correct: every assert here can fail, none looks like the textbook's."""

import math

import pytest

from churn.features import customer_features, normalise_plan, spend_per_month, tenure_bucket

EDGES = {0: "new", 5: "new", 6: "settled", 23: "settled", 24: "loyal", 120: "loyal"}


def test_every_tenure_edge_lands_in_its_bucket() -> None:
    wrong = {months: tenure_bucket(months) for months, bucket in EDGES.items() if tenure_bucket(months) != bucket}
    assert not wrong, f"misplaced: {wrong}"


def test_buckets_only_move_forward_as_tenure_grows() -> None:
    order = ["new", "settled", "loyal"]
    ranks = [order.index(tenure_bucket(m)) for m in range(0, 60)]
    assert ranks == sorted(ranks)


def test_negative_tenure_is_refused() -> None:
    try:
        tenure_bucket(-3)
    except ValueError as e:
        assert "-3" in str(e)
    else:
        pytest.fail("a negative tenure was accepted")


def test_spend_per_month_is_the_mean() -> None:
    assert math.isclose(spend_per_month(600.0, 12) * 12, 600.0)
    assert 29.99 < spend_per_month(30.0, 0) <= 30.0


def test_plan_names_are_canonical() -> None:
    assert {normalise_plan(p) for p in [" Pro ", "PREMIUM", "pro"]} == {"pro"}
    assert normalise_plan("basic") is not normalise_plan("business")


def test_features_of_the_crm_record(customer: dict[str, str]) -> None:
    features = customer_features(customer)
    assert (features["tenure_bucket"], features["plan"]) == ("settled", "pro")
    assert features["spend_per_month"] == pytest.approx(540.0 / 18)
