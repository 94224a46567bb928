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
    client = TrackingClient(TRACKING_URI, experiment)
    run_id = client.start_run(f"lr={learning_rate}")
    client.log_params(run_id, {"learning_rate": learning_rate, "epochs": epochs})
    n = len(xs)
    weight, bias, loss = 0.0, 0.0, 0.0
    for epoch in range(1, epochs + 1):
        errors = [weight * x + bias - y for x, y in zip(xs, ys)]
        weight -= learning_rate * 2 * sum(e * x for e, x in zip(errors, xs)) / n
        bias -= learning_rate * 2 * sum(errors) / n
        loss = sum((weight * x + bias - y) ** 2 for x, y in zip(xs, ys)) / n
        client.log_metric(run_id, "mse", loss, step=epoch)
    try:
        client.log_artifact(run_id, str(model_path))
    except TrackingError:
        client.end_run(run_id, status="FAILED")
        raise
    model_path.write_text(json.dumps({"weight": weight, "bias": bias}))
    client.end_run(run_id, status="FINISHED")
    return loss
