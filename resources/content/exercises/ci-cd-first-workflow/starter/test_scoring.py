import pytest

from scoring import risk_band


@pytest.mark.parametrize(
    ("probability", "band"),
    [(0.0, "low"), (0.29, "low"), (0.3, "medium"), (0.69, "medium"), (0.7, "high")],
)
def test_risk_band(probability: float, band: str) -> None:
    assert risk_band(probability) == band


def test_out_of_range_probability_raises() -> None:
    with pytest.raises(ValueError):
        risk_band(1.5)
