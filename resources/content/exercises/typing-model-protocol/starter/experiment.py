"""This month's model comparison. Run it with: python experiment.py"""

from evaluate import Split, compare
from models import MajorityClassBaseline, NearestCentroidClassifier

# tenure (years), monthly charges (hundreds), support calls last quarter
SAMPLE = Split(
    train_features=[
        [0.2, 0.9, 4.0],
        [0.5, 0.8, 3.0],
        [4.0, 0.4, 0.0],
        [6.5, 0.5, 1.0],
        [3.0, 0.3, 0.0],
        [0.1, 1.0, 5.0],
        [5.5, 0.6, 1.0],
    ],
    train_labels=[1, 1, 0, 0, 0, 1, 0],
    test_features=[[0.3, 0.95, 3.0], [5.0, 0.45, 0.0], [0.4, 0.7, 4.0], [7.0, 0.3, 0.0]],
    test_labels=[1, 0, 1, 0],
)


def main() -> None:
    leaderboard = compare(
        {
            "majority baseline": MajorityClassBaseline(),
            "nearest centroid": NearestCentroidClassifier(),
        },
        SAMPLE,
    )
    for name, score in leaderboard:
        print(f"{name:<20} accuracy {score:.2f}")


if __name__ == "__main__":
    main()
