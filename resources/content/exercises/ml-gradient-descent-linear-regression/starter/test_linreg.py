"""Tests for linreg.py. Run them with: python -m pytest -q"""

import numpy as np
import pytest

from linreg import fit_linear_regression, gradients, mse


def test_gradients_at_zero_on_a_tiny_example() -> None:
    # Two rows, one feature. With zero weights and bias the residuals are -y = [-2, -4].
    X = np.array([[1.0], [2.0]])
    y = np.array([2.0, 4.0])
    d_weights, d_bias = gradients(X, y, np.zeros(1), 0.0)
    # d_weights = (2 / 2) * (1 * -2 + 2 * -4) = -10; d_bias = (2 / 2) * (-2 - 4) = -6
    assert d_weights == pytest.approx([-10.0])
    assert d_bias == pytest.approx(-6.0)


def test_recovers_a_line_without_noise() -> None:
    x = np.linspace(-2.0, 2.0, 41)
    X = x.reshape(-1, 1)
    y = 3.0 * x + 2.0
    result = fit_linear_regression(X, y, learning_rate=0.1, n_iterations=2000)
    assert result.weights == pytest.approx([3.0], abs=1e-3)
    assert result.bias == pytest.approx(2.0, abs=1e-3)


def test_the_loss_goes_down_and_the_last_one_matches_the_result() -> None:
    rng = np.random.default_rng(7)
    X = rng.normal(size=(200, 3))
    y = X @ np.array([1.5, -2.0, 0.5]) + 4.0 + rng.normal(scale=0.3, size=200)
    result = fit_linear_regression(X, y, learning_rate=0.05, n_iterations=300)
    assert len(result.losses) >= 2
    assert all(later <= earlier for earlier, later in zip(result.losses, result.losses[1:]))
    assert result.losses[-1] == pytest.approx(mse(X, y, result.weights, result.bias))
