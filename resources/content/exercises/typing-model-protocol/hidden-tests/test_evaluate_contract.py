"""The evaluation loop works for any model with fit and predict, not only the team's two."""

from collections.abc import Mapping, Sequence
from typing import get_args, get_origin, get_type_hints

import pytest

import evaluate
import models
from evaluate import Classifier, Split, compare, train_and_evaluate
from models import MajorityClassBaseline

SPLIT = Split(
    train_features=[[1.0, 0.5, 2.0], [2.0, 0.6, 1.0], [8.0, 0.2, 0.0]],
    train_labels=[1, 0, 0],
    test_features=[[0.5, 0.9, 3.0], [9.0, 0.1, 0.0], [1.5, 0.8, 2.0], [6.0, 0.3, 0.0]],
    test_labels=[1, 0, 1, 1],
)


class AlwaysChurn:
    """A model written after the loop, by someone who never saw Classifier."""

    def __init__(self) -> None:
        self.fitted_rows = 0

    def fit(self, features: Sequence[Sequence[float]], labels: Sequence[int]) -> None:
        self.fitted_rows = len(features)

    def predict(self, features: Sequence[Sequence[float]]) -> list[int]:
        return [1 for _ in features]


def hints_of(obj: object) -> dict[str, object]:
    hints: dict[str, object] = get_type_hints(obj)
    return hints


def test_a_new_model_is_fitted_and_scored() -> None:
    model = AlwaysChurn()
    # mypy checks this call too: AlwaysChurn must match Classifier by its shape alone.
    assert train_and_evaluate(model, SPLIT) == pytest.approx(0.75)
    assert model.fitted_rows == 3


def test_compare_accepts_any_mix_of_models() -> None:
    candidates: dict[str, Classifier] = {"always": AlwaysChurn(), "baseline": MajorityClassBaseline()}
    assert compare(candidates, SPLIT) == [("always", 0.75), ("baseline", 0.25)]


def test_classifier_is_a_protocol_used_in_the_signatures() -> None:
    is_protocol: object = getattr(Classifier, "_is_protocol", False)
    assert is_protocol is True, "Classifier must be a typing.Protocol"
    assert hints_of(train_and_evaluate) == {"model": Classifier, "split": Split, "return": float}
    hints = hints_of(compare)
    origin: object = get_origin(hints["models"])
    args: tuple[object, ...] = get_args(hints["models"])
    assert origin is Mapping and args == (str, Classifier), hints["models"]
    assert hints["return"] == list[tuple[str, float]]


def test_the_loop_does_not_import_the_concrete_models() -> None:
    namespace: dict[str, object] = vars(evaluate)
    for name, value in namespace.items():
        module: object = getattr(value, "__module__", None)
        assert value is not models and module != "models", f"evaluate.py imports {name} from models.py"
