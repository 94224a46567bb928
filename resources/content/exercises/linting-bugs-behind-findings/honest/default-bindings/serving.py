"""Helpers for a nightly batch-scoring job: calibrate, batch, score and alert."""

import math
from collections.abc import Callable, Iterable, Sequence

Alert = Callable[[dict[str, float]], str | None]
Predict = Callable[[list[list[float]]], list[float]]

LOWEST = 0.001
HIGHEST = 0.999


def calibrate(logit: float, temperature: float = 1.5) -> float:
    """Turn a raw model logit into a probability, clipped to [0.001, 0.999]."""
    scaled = logit / temperature
    return max(LOWEST, min(HIGHEST, 1.0 / (1.0 + math.exp(-scaled))))


def pad_batch(
    rows: Sequence[Sequence[float]],
    width: int,
    batch: list[list[float]] | None = None,
) -> list[list[float]]:
    """Right-pad each row with 0.0 to `width` features and append it to `batch`."""
    out = [] if batch is None else batch
    too_long = [len(row) for row in rows if len(row) > width]
    if too_long:
        raise ValueError(f"a row has {too_long[0]} features; the model takes {width}")
    out.extend(list(row) + [0.0] * (width - len(row)) for row in rows)
    return out


def make_alerts(thresholds: dict[str, float]) -> list[Alert]:
    """One alert per metric, in the order given."""
    alerts: list[Alert] = []
    for name, threshold in thresholds.items():
        # Defaults are evaluated once per loop turn: each alert keeps its own.
        def alert(
            metrics: dict[str, float], name: str = name, threshold: float = threshold
        ) -> str | None:
            value = metrics[name]
            if value <= threshold:
                return None
            return f"{name} is {value:g}, above {threshold:g}"

        alerts.append(alert)
    return alerts


def score_batches(
    predict: Predict, batches: Iterable[list[list[float]]]
) -> list[float]:
    """Score every batch with `predict`, keeping one score per input row, in order."""
    out: list[float] = []
    for batch in batches:
        try:
            batch_scores = predict(batch)
        except ValueError:
            batch_scores = [math.nan for _ in batch]
        out += batch_scores
    return out
