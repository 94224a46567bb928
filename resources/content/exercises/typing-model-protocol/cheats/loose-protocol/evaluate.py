"""Train candidate churn models on the same split and compare them on held-out data."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, cast


class Classifier(Protocol):
    """Anything that learns from labelled rows and then predicts 0/1 labels.

    A Protocol is matched by shape: a class with these two methods is a Classifier without
    inheriting from anything, so the team's models and future ones work unchanged.
    """

    def fit(self, *args: object, **kwargs: object) -> object:
        """Learn from the training rows; what it returns is not used (None, or the model)."""
        ...

    def predict(self, *args: object, **kwargs: object) -> object:
        """One 0/1 label per row."""
        ...


@dataclass(frozen=True)
class Split:
    """A train/test split of feature rows and 0/1 churn labels."""

    train_features: Sequence[Sequence[float]]
    train_labels: Sequence[int]
    test_features: Sequence[Sequence[float]]
    test_labels: Sequence[int]


def accuracy(labels: Sequence[int], predictions: Sequence[int]) -> float:
    """Share of predictions equal to the label."""
    if len(labels) != len(predictions):
        raise ValueError("labels and predictions differ in length")
    if not labels:
        return 0.0
    return sum(1 for y, p in zip(labels, predictions) if y == p) / len(labels)


def train_and_evaluate(model: Classifier, split: Split) -> float:
    """Fit on the training rows; return the accuracy on the test rows."""
    model.fit(split.train_features, split.train_labels)
    return accuracy(split.test_labels, cast(list[int], model.predict(split.test_features)))


def compare(models: Mapping[str, Classifier], split: Split) -> list[tuple[str, float]]:
    """Every model's test accuracy, best first (ties keep the order given)."""
    scores = [(name, train_and_evaluate(model, split)) for name, model in models.items()]
    return sorted(scores, key=_score, reverse=True)


def _score(item: tuple[str, float]) -> float:
    return item[1]
