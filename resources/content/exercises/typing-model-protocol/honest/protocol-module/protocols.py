"""The shapes the evaluation code relies on, apart from any implementation."""

from collections.abc import Sequence
from typing import Protocol


class Classifier(Protocol):
    """A model that learns from labelled rows and predicts 0/1 labels.

    The parameters are positional-only: implementations may name them as they like.
    """

    def fit(self, features: Sequence[Sequence[float]], labels: Sequence[int], /) -> object: ...

    def predict(self, features: Sequence[Sequence[float]], /) -> list[int]: ...
