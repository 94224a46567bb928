"""Helpers for a nightly batch-scoring job: calibrate, batch, score and alert."""

import math
from collections.abc import Callable, Iterable, Sequence
from functools import partial

Alert = Callable[[dict[str, float]], str | None]
Predict = Callable[[list[list[float]]], list[float]]


def calibrate(logit: float, temperature: float = 1.5) -> float:
    """Turn a raw model logit into a probability, clipped to [0.001, 0.999].

    The logistic function written with tanh, which never overflows.
    """
    probability = 0.5 * (1.0 + math.tanh(logit / temperature / 2.0))
    if probability < 0.001:
        return 0.001
    if probability > 0.999:
        return 0.999
    return probability


def pad_batch(
    rows: Sequence[Sequence[float]],
    width: int,
    batch: list[list[float]] | None = None,
) -> list[list[float]]:
    """Right-pad each row with 0.0 to `width` features and append it to `batch`."""
    padded: list[list[float]] = []
    for row in rows:
        missing = width - len(row)
        if missing < 0:
            raise ValueError(f"a row has {len(row)} features; the model takes {width}")
        padded.append([*row] + [0.0] * missing)
    if batch is None:
        return padded
    batch.extend(padded)
    return batch


def _check(metric: str, limit: float, metrics: dict[str, float]) -> str | None:
    value = metrics[metric]
    return f"{metric} is {value:g}, above {limit:g}" if value > limit else None


def make_alerts(thresholds: dict[str, float]) -> list[Alert]:
    """One alert per metric, in the order given."""
    return [partial(_check, metric, limit) for metric, limit in thresholds.items()]


def _score_one(predict: Predict, batch: list[list[float]]) -> list[float]:
    try:
        return predict(batch)
    except ValueError:
        return [math.nan] * len(batch)


def score_batches(
    predict: Predict, batches: Iterable[list[list[float]]]
) -> list[float]:
    """Score every batch with `predict`, keeping one score per input row, in order."""
    return [score for batch in batches for score in _score_one(predict, batch)]
