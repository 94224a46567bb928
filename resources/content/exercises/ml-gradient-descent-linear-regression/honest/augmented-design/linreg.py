"""Linear regression by batch gradient descent, with the bias folded into the weights.

A column of ones is appended to X, so that one vector theta = [weights..., bias] is
updated by one matrix product per step; the step is the same as updating the weights
and the bias separately.
"""

from dataclasses import dataclass

import numpy as np


@dataclass
class FitResult:
    weights: np.ndarray
    bias: float
    losses: list[float]


def mse(X: np.ndarray, y: np.ndarray, weights: np.ndarray, bias: float) -> float:
    """Mean squared error of ``X @ weights + bias`` against ``y``."""
    return float(np.mean(np.square(X @ weights + bias - y)))


def gradients(X: np.ndarray, y: np.ndarray, weights: np.ndarray, bias: float) -> tuple[np.ndarray, float]:
    """``(2 / n) * X.T @ r`` and ``(2 / n) * sum(r)`` for residuals ``r``."""
    scale = 2.0 / X.shape[0]
    r = np.dot(X, weights) + bias - y
    return scale * np.dot(X.T, r), scale * float(r.sum())


def _validate(X: np.ndarray, y: np.ndarray, learning_rate: float, n_iterations: int) -> None:
    problems = []
    if X.ndim != 2:
        problems.append(f"X must be 2-D (shape {X.shape})")
    if y.ndim != 1:
        problems.append(f"y must be 1-D (shape {y.shape})")
    if not problems and X.shape[0] != y.shape[0]:
        problems.append(f"X has {X.shape[0]} rows, y has {y.shape[0]}")
    if not problems and y.shape[0] == 0:
        problems.append("no rows")
    if learning_rate <= 0:
        problems.append(f"learning_rate must be > 0 (got {learning_rate})")
    if n_iterations < 1:
        problems.append(f"n_iterations must be >= 1 (got {n_iterations})")
    if problems:
        raise ValueError("; ".join(problems))


def fit_linear_regression(
    X: np.ndarray,
    y: np.ndarray,
    learning_rate: float = 0.1,
    n_iterations: int = 1000,
    tol: float = 1e-12,
) -> FitResult:
    """Gradient descent from zeros; stops after ``n_iterations`` or once the loss moves less than ``tol``."""
    features = np.array(X, dtype=float)
    target = np.array(y, dtype=float)
    _validate(features, target, learning_rate, n_iterations)
    n, p = features.shape
    design = np.hstack([features, np.ones((n, 1))])
    theta = np.zeros(p + 1)
    previous = float(np.mean(target**2))  # the loss at zero weights and bias
    losses: list[float] = []
    while len(losses) < n_iterations:
        theta = theta - learning_rate * (2.0 / n) * (design.T @ (design @ theta - target))
        with np.errstate(over="ignore", invalid="ignore"):
            current = float(np.mean((design @ theta - target) ** 2))
        if not np.isfinite(current):
            raise ValueError(f"the loss overflowed: learning rate {learning_rate} is too large")
        losses.append(current)
        if abs(previous - current) < tol:
            break
        previous = current
    return FitResult(weights=theta[:p].copy(), bias=float(theta[p]), losses=losses)
