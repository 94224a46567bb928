"""Fit a one-feature linear model by gradient descent and record the run for the team."""

import json
from pathlib import Path

from tracking import TrackingClient, TrackingError

TRACKING_URI = "https://tracking.ml-platform.example"


def _errors(weight: float, bias: float, xs: list[float], ys: list[float]) -> list[float]:
    return [weight * x + bias - y for x, y in zip(xs, ys)]


def _mse(weight: float, bias: float, xs: list[float], ys: list[float]) -> float:
    return sum(e**2 for e in _errors(weight, bias, xs, ys)) / len(xs)


def _upload(client: TrackingClient, run_id: str, path: Path) -> None:
    try:
        client.log_artifact(run_id, str(path))
    except TrackingError:
        client.end_run(run_id, status="FAILED")
        raise
    client.end_run(run_id, status="FINISHED")


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
    client.log_params(run_id, {"epochs": epochs, "learning_rate": learning_rate})
    weight = bias = 0.0
    history: list[float] = []
    for epoch, _ in enumerate(range(epochs), start=1):
        errors = _errors(weight, bias, xs, ys)
        step = learning_rate * 2
        weight, bias = (
            weight - step * sum(e * x for e, x in zip(errors, xs)) / len(xs),
            bias - step * sum(errors) / len(xs),
        )
        history.append(_mse(weight, bias, xs, ys))
        client.log_metric(run_id, "mse", history[-1], step=epoch)
    model_path.write_text(json.dumps({"weight": weight, "bias": bias}))
    _upload(client, run_id, model_path)
    return history[-1] if history else 0.0
