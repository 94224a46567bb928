"""Churn classifiers from the modelling team's package.

Do not change this file: other teams import these classes as they are. Features are rows
of floats (tenure in years, monthly charges in hundreds, support calls); labels are 1 for
a customer who churned and 0 for one who stayed.
"""

from collections.abc import Sequence
from math import dist, inf


class MajorityClassBaseline:
    """Predicts the most frequent training label for every row: the score to beat."""

    def __init__(self) -> None:
        self.label = 0

    def fit(self, features: Sequence[Sequence[float]], labels: Sequence[int]) -> None:
        if not labels:
            raise ValueError("cannot fit on zero rows")
        self.label = 1 if 2 * sum(labels) > len(labels) else 0

    def predict(self, features: Sequence[Sequence[float]]) -> list[int]:
        return [self.label for _ in features]


class NearestCentroidClassifier:
    """Gives each row the label of the closest class mean.

    Like a scikit-learn estimator, `fit` returns the model itself, so that
    `NearestCentroidClassifier().fit(X, y).predict(X_new)` reads in one line.
    """

    def __init__(self) -> None:
        self.centroids: dict[int, list[float]] = {}

    def fit(
        self, features: Sequence[Sequence[float]], labels: Sequence[int]
    ) -> "NearestCentroidClassifier":
        if len(features) != len(labels) or not labels:
            raise ValueError("need the same, non-zero number of rows and labels")
        by_label: dict[int, list[Sequence[float]]] = {}
        for row, label in zip(features, labels):
            by_label.setdefault(label, []).append(row)
        self.centroids = {
            label: [sum(row[i] for row in rows) / len(rows) for i in range(len(rows[0]))]
            for label, rows in by_label.items()
        }
        return self

    def predict(self, features: Sequence[Sequence[float]]) -> list[int]:
        return [self._closest(row) for row in features]

    def _closest(self, row: Sequence[float]) -> int:
        best_label, best_distance = -1, inf
        for label, centroid in self.centroids.items():
            distance = dist(row, centroid)
            if distance < best_distance:
                best_label, best_distance = label, distance
        return best_label
