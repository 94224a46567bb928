"""After the squash and the rebase, features.py has both changes: yours and your colleague's."""

import math

import pytest

import features


def test_your_rolling_mean_is_there() -> None:
    assert features.rolling_mean([4.0, 8.0, 6.0, 2.0], 3) == [4.0, 6.0, 6.0, pytest.approx(16.0 / 3)]
    assert features.rolling_mean([], 3) == []
    with pytest.raises(ValueError):
        features.rolling_mean([1.0, 2.0], -1)


def test_your_colleagues_support_call_rate_is_there() -> None:
    assert hasattr(features, "support_call_rate"), (
        "features.py has no support_call_rate: your colleague's change on main was lost. "
        "Resolve the conflict by keeping both functions (and both imports)."
    )
    assert math.isclose(features.support_call_rate(9, 3), math.log(4.0))
    assert features.support_call_rate(0, 0) == 0.0


def test_the_untouched_features_still_work() -> None:
    assert [features.tenure_bucket(m) for m in (3, 12, 30)] == ["new", "regular", "loyal"]
    assert features.charges_per_month(90.0, 3) == 30.0
    assert features.share_of_late_payments([1, 9]) == 0.5
