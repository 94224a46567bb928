import pytest

from drift import psi


def test_identical_distributions_do_not_drift() -> None:
    assert psi([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]) == pytest.approx(0.0)


def test_shifted_distribution_drifts() -> None:
    assert psi([0.5, 0.3, 0.2], [0.2, 0.3, 0.5]) > 0.2


def test_bins_must_match() -> None:
    with pytest.raises(ValueError):
        psi([0.5, 0.5], [1.0])
