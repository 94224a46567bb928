"""Train candidate churn models on the same split and compare them on held-out data."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

Rows = Sequence[Sequence[float]]


@runtime_checkable
class Classifier(Protocol):
    """What the loop needs of a model: fit on rows and labels, then predict labels."""

    def fit(self, features: Rows, labels: Sequence[int]) -> Classifier | None:
        """Learn; returns None or, scikit-learn style, the fitted model."""

    def predict(self, features: Rows) -> list[int]:
        """One 0/1 label per row."""
        raise NotImplementedError


@dataclass(frozen=True)
class Split:
    """A train/test split of feature rows and 0/1 churn labels."""

    train_features: Rows
    train_labels: Sequence[int]
    test_features: Rows
    test_labels: Sequence[int]


def accuracy(labels: Sequence[int], predictions: Sequence[int]) -> float:
    """Share of predictions equal to the label."""
    if len(labels) != len(predictions):
        raise ValueError(f"{len(labels)} labels but {len(predictions)} predictions")
    hits = [y == p for y, p in zip(labels, predictions)]
    return hits.count(True) / len(hits) if hits else 0.0


def train_and_evaluate(model: Classifier, split: Split) -> float:
    """Fit on the training rows; return the accuracy on the test rows."""
    model.fit(split.train_features, split.train_labels)
    predictions = model.predict(split.test_features)
    return accuracy(split.test_labels, predictions)


def compare(models: Mapping[str, Classifier], split: Split) -> list[tuple[str, float]]:
    """Every model's test accuracy, best first (ties keep the order given)."""
    board: list[tuple[str, float]] = []
    for name, model in models.items():
        board.append((name, train_and_evaluate(model, split)))
    # sort is stable, and -score sorts best first without reversing ties.
    board.sort(key=_negated_score)
    return board


def _negated_score(entry: tuple[str, float]) -> float:
    return -entry[1]
