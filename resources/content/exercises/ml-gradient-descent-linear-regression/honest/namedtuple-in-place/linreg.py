"""Linear regression fitted by batch gradient descent on the mean squared error."""

import math
from typing import NamedTuple

import numpy as np


class FitResult(NamedTuple):
    weights: np.ndarray
    bias: float
    losses: list[float]


def mse(X: np.ndarray, y: np.ndarray, weights: np.ndarray, bias: float) -> float:
    """Mean squared error of the predictions ``X @ weights + bias``."""
    errors = X @ weights + bias - y
    return float(errors @ errors) / len(errors)


def gradients(X: np.ndarray, y: np.ndarray, weights: np.ndarray, bias: float) -> tuple[np.ndarray, float]:
    """The MSE's gradient: chain rule on ``r ** 2`` with ``r = X @ weights + bias - y``."""
    n = X.shape[0]
    r = X @ weights + bias - y
    d_bias = 2.0 * float(np.sum(r)) / n
    d_weights = 2.0 * (r @ X) / n
    return d_weights, d_bias


def fit_linear_regression(
    X: np.ndarray,
    y: np.ndarray,
    learning_rate: float = 0.1,
    n_iterations: int = 1000,
    tol: float = 1e-12,
) -> FitResult:
    """Batch gradient descent from zero weights and bias; one loss per iteration, after its update."""
    if learning_rate <= 0:
        raise ValueError("learning_rate must be positive")
    if n_iterations < 1:
        raise ValueError("n_iterations must be at least 1")
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2:
        raise ValueError("X must be a 2-D array of shape (n, p)")
    if y.ndim != 1 or y.shape[0] != X.shape[0] or y.shape[0] == 0:
        raise ValueError("y must be 1-D with one value per row of X")

    weights = np.zeros(X.shape[1])  # our own array: updating it in place leaves X and y alone
    bias = 0.0
    losses: list[float] = []
    for iteration in range(1, n_iterations + 1):
        d_weights, d_bias = gradients(X, y, weights, bias)
        weights -= learning_rate * d_weights
        bias -= learning_rate * d_bias
        with np.errstate(all="ignore"):
            loss = mse(X, y, weights, bias)
        if not math.isfinite(loss):
            raise ValueError(f"diverged at iteration {iteration}: lower the learning rate ({learning_rate})")
        converged = bool(losses) and abs(loss - losses[-1]) < tol
        losses.append(loss)
        if converged:
            break
    return FitResult(weights, bias, losses)
