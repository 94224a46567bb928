"""Fit a one-feature linear model by gradient descent and record the run for the team."""

import json
from pathlib import Path

from tracking import TrackingClient, TrackingError

TRACKING_URI = "https://tracking.ml-platform.example"


def train_and_log(
    xs: list[float],
    ys: list[float],
    *,
    learning_rate: float,
    epochs: int,
    model_path: Path,
    experiment: str = "demand-forecast",
) -> float:
    """Train y ~ weight * x + bias, log the run, save the model; return the final loss.

    - One client, `TrackingClient(TRACKING_URI, experiment)`, and one run,
      `client.start_run(f"lr={learning_rate}")`; every later call uses the id it returns.
    - The hyper-parameters are logged once, before training:
      `client.log_params(run_id, {"learning_rate": learning_rate, "epochs": epochs})`.
    - After each epoch's update, its mean squared error is logged as
      `client.log_metric(run_id, "mse", loss, step=epoch)`, epochs numbered from 1.
    - The model is written to `model_path` as JSON {"weight": ..., "bias": ...}, then
      uploaded with `client.log_artifact(run_id, str(model_path))`.
    - The run ends with `client.end_run(run_id, status="FINISHED")`. If the upload raises
      TrackingError, the run ends with `status="FAILED"` instead and the error is raised
      again. The value returned is the last loss logged.
    """
    tracker = TrackingClient(TRACKING_URI, experiment)
    current = tracker.start_run(f"lr={learning_rate}")
    params = {"learning_rate": learning_rate, "epochs": epochs}
    tracker.log_params(current, params)
    w = b = 0.0
    last = 0.0
    count = len(xs)
    epoch = 0
    while epoch < epochs:
        epoch += 1
        residuals = []
        for x, y in zip(xs, ys):
            residuals.append(w * x + b - y)
        grad_w = 0.0
        grad_b = 0.0
        for r, x in zip(residuals, xs):
            grad_w += r * x
            grad_b += r
        w -= learning_rate * 2 * grad_w / count
        b -= learning_rate * 2 * grad_b / count
        total = 0.0
        for x, y in zip(xs, ys):
            total += (w * x + b - y) ** 2
        last = total / count
        tracker.log_metric(current, "mse", last, step=epoch)
    with open(model_path, "w", encoding="utf-8") as out:
        json.dump({"weight": w, "bias": b}, out)
    status = "FINISHED"
    try:
        tracker.log_artifact(current, str(model_path))
    except TrackingError:
        status = "FAILED"
        raise
    finally:
        tracker.end_run(current, status=status)
    return last
