"""Train candidate churn models on the same split and compare them on held-out data."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from protocols import Classifier

# Re-exported: callers annotate their own code with evaluate.Classifier.
__all__ = ["Classifier", "Split", "accuracy", "compare", "train_and_evaluate"]


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
    correct = 0
    for label, prediction in zip(labels, predictions):
        correct += label == prediction
    return correct / len(labels) if labels else 0.0


def train_and_evaluate(model: Classifier, split: Split) -> float:
    """Fit on the training rows; return the accuracy on the test rows."""
    model.fit(split.train_features, split.train_labels)
    return accuracy(split.test_labels, model.predict(split.test_features))


def compare(models: Mapping[str, Classifier], split: Split) -> list[tuple[str, float]]:
    """Every model's test accuracy, best first (ties keep the order given)."""
    scored = [
        (train_and_evaluate(model, split), -position, name)
        for position, (name, model) in enumerate(models.items())
    ]
    scored.sort(reverse=True)
    return [(name, score) for score, _, name in scored]
