"""Linear regression fitted by batch gradient descent, from first principles.

The model is ``y_hat = X @ weights + bias``, fitted by minimising the mean squared
error ``mean((y_hat - y) ** 2)`` with plain gradient descent: no closed-form solver.
"""

from dataclasses import dataclass, field

import numpy as np


@dataclass
class FitResult:
    """What ``fit_linear_regression`` found, and the training loss after each iteration."""

    weights: np.ndarray
    bias: float
    losses: list[float] = field(default_factory=list)


def predict(X: np.ndarray, weights: np.ndarray, bias: float) -> np.ndarray:
    """Predictions ``X @ weights + bias`` for every row of ``X``."""
    return X @ weights + bias


def mse(X: np.ndarray, y: np.ndarray, weights: np.ndarray, bias: float) -> float:
    """Mean squared error of the predictions for ``X`` against ``y``."""
    residuals = predict(X, weights, bias) - y
    return float(np.mean(residuals**2))


def gradients(X: np.ndarray, y: np.ndarray, weights: np.ndarray, bias: float) -> tuple[np.ndarray, float]:
    """The gradient of the MSE with respect to ``weights`` and to ``bias``.

    With residuals ``r = X @ weights + bias - y`` over ``n`` rows:
    ``d_weights = (2 / n) * X.T @ r`` and ``d_bias = (2 / n) * sum(r)``.
    """
    raise NotImplementedError("compute the two gradients")


def fit_linear_regression(
    X: np.ndarray,
    y: np.ndarray,
    learning_rate: float = 0.1,
    n_iterations: int = 1000,
    tol: float = 1e-12,
) -> FitResult:
    """Fits weights and bias by batch gradient descent on the MSE.

    Starts from zero weights and a zero bias. Each iteration computes both gradients at
    the current parameters, then updates ``weights -= learning_rate * d_weights`` and
    ``bias -= learning_rate * d_bias``, then appends the MSE after the update to
    ``losses``. Stops after ``n_iterations`` iterations, or earlier, once an iteration
    changes the loss by less than ``tol``. Raises ``ValueError`` for inputs of the wrong
    shape, a learning rate that is not positive, fewer than one iteration, and when the
    loss stops being finite (the learning rate is too large: it diverged).
    """
    raise NotImplementedError("fit the weights and the bias by gradient descent")
