"""Further tests for evaluation.py, added at the first check: leakage, determinism, edge cases.

Every scaler, model and metric that cross_validate gets here records what it was given,
so the tests can tell exactly which rows each one saw.
"""

import numpy as np
import pytest

from evaluation import cross_validate, k_fold_indices, train_test_split
from toolkit import RidgeRegression, StandardScaler, rmse

try:
    # In Upskill's check your code runs in a process of its own: its global random state is there.
    from upskill_judge import unseeded_global_random, worker_module
except ImportError:  # run by hand: your code runs in this process
    from contextlib import nullcontext as unseeded_global_random
    from importlib import import_module as worker_module


def house_prices(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Features on very different scales (square metres, rooms, age, distance), so scaling matters."""
    rng = np.random.default_rng(seed)
    X = np.column_stack([rng.normal(90, 30, n), rng.integers(1, 7, n) + rng.normal(0, 0.01, n), rng.uniform(0, 80, n), rng.exponential(5, n)])
    y = 2500 * X[:, 0] + 8000 * X[:, 1] - 900 * X[:, 2] - 4000 * X[:, 3] + rng.normal(0, 20000, n)
    return X, y


def test_no_function_touches_the_global_random_state() -> None:
    X, y = house_prices(40, 0)
    calls = {
        "train_test_split": lambda: train_test_split(X, y, 0.25, seed=1),
        "k_fold_indices": lambda: k_fold_indices(40, 4, seed=1),
        "cross_validate": lambda: cross_validate(RidgeRegression, StandardScaler, X, y, k=4, seed=1),
    }
    their_np, their_random = worker_module("numpy"), worker_module("random")
    for name, call in calls.items():
        their_np.random.seed(12345)
        their_random.seed(12345)
        before, before_stdlib = their_np.random.get_state()[1].copy(), their_random.getstate()
        call()
        assert np.array_equal(their_np.random.get_state()[1], before), f"{name} changed the global np.random state: use np.random.default_rng(seed), not np.random.seed"
        assert their_random.getstate() == before_stdlib, f"{name} used the global generator of the random module: use np.random.default_rng(seed)"
        # Draws from the global generators go on as if the call never happened.
        expected = np.random.RandomState(12345)
        assert their_np.random.random_sample() == expected.random_sample(), f"{name} changed the global np.random state"


def same(a: object, b: object) -> bool:
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return bool(np.array_equal(a, b))  # type: ignore[arg-type]


def test_randomness_comes_from_a_generator_made_from_the_seed() -> None:
    X, y = house_prices(40, 0)
    calls = {
        "train_test_split": lambda: train_test_split(X, y, 0.25, seed=1),
        "k_fold_indices": lambda: k_fold_indices(40, 4, seed=1),
        "cross_validate": lambda: cross_validate(RidgeRegression, StandardScaler, X, y, k=4, seed=1),
    }
    expected = {name: call() for name, call in calls.items()}
    # Now the global generators ignore every seed: a function that draws from one (even
    # after seeding it, even if it saves and restores its state) gives another answer.
    with unseeded_global_random():
        for name, call in calls.items():
            for _ in range(2):
                got = call()
                assert same(got, expected[name]), f"{name} gave another result for the same seed once the global random generators ignored seeds: it draws from np.random.seed/np.random.permutation or the random module (saving and restoring their state does not change that); use np.random.default_rng(seed)"


# ---- train_test_split -------------------------------------------------------------------------


def test_split_is_deterministic_and_depends_on_the_seed() -> None:
    X, y = house_prices(100, 1)
    a = train_test_split(X, y, 0.25, seed=7)
    b = train_test_split(X, y, 0.25, seed=7)
    c = train_test_split(X, y, 0.25, seed=8)
    assert all(np.array_equal(p, q) for p, q in zip(a, b)), "the same seed must give the same split"
    assert not np.array_equal(a[3], c[3]), "a different seed should give a different split"


def test_split_keeps_rows_and_targets_together_and_shuffles() -> None:
    X, y = house_prices(80, 2)
    X_train, X_test, y_train, y_test = train_test_split(X, y, 0.3, seed=0)
    target_of = {row.tobytes(): t for row, t in zip(X, y)}
    assert len(X_test) == 24 and len(X_train) == 56
    assert all(target_of[row.tobytes()] == t for row, t in zip(np.vstack([X_train, X_test]), np.concatenate([y_train, y_test])))
    assert not np.array_equal(X_test, X[:24]) and not np.array_equal(X_test, X[-24:]), "shuffle before splitting: the rows may be sorted by date"


@pytest.mark.parametrize("fraction", [0.0, 1.0, -0.1, 1.5])
def test_split_refuses_a_fraction_outside_0_1(fraction: float) -> None:
    X, y = house_prices(10, 3)
    with pytest.raises(ValueError):
        train_test_split(X, y, fraction)


def test_split_refuses_x_and_y_of_different_lengths() -> None:
    X, y = house_prices(10, 3)
    with pytest.raises(ValueError):
        train_test_split(X, y[:-1], 0.2)


# ---- k_fold_indices ---------------------------------------------------------------------------


@pytest.mark.parametrize("n, k", [(23, 5), (100, 10), (7, 7), (10, 2)])
def test_folds_partition_the_rows_with_sizes_within_one(n: int, k: int) -> None:
    folds = k_fold_indices(n, k, seed=4)
    assert len(folds) == k
    sizes = [len(test) for _, test in folds]
    assert max(sizes) - min(sizes) <= 1, f"fold sizes {sizes} differ by more than one"
    tested = np.concatenate([test for _, test in folds])
    assert sorted(tested.tolist()) == list(range(n)), "every row must be in exactly one test fold"
    for train, test in folds:
        assert sorted(np.concatenate([train, test]).tolist()) == list(range(n)), "a fold's training rows are every row not in its test fold"


def test_folds_are_shuffled_deterministic_and_depend_on_the_seed() -> None:
    a, b, c = k_fold_indices(100, 5, seed=1), k_fold_indices(100, 5, seed=1), k_fold_indices(100, 5, seed=2)
    assert all(np.array_equal(x[1], y[1]) for x, y in zip(a, b)), "the same seed must give the same folds"
    assert any(not np.array_equal(x[1], y[1]) for x, y in zip(a, c)), "a different seed should give different folds"
    assert not any(np.array_equal(np.sort(test), np.arange(test.min(), test.min() + len(test))) for _, test in a), "shuffle the rows: a test fold here is a block of consecutive rows"


@pytest.mark.parametrize("k", [1, 0, 11])
def test_folds_refuse_an_impossible_k(k: int) -> None:
    with pytest.raises(ValueError):
        k_fold_indices(10, k)


# ---- cross_validate: who saw which rows ----------------------------------------------------------


class Log:
    def __init__(self, X: np.ndarray, y: np.ndarray) -> None:
        self.row_of = {row.tobytes(): i for i, row in enumerate(X)}
        self.y = y
        self.scalers: list["RecordingScaler"] = []
        self.models: list["RecordingModel"] = []
        self.metric_calls: list[tuple[np.ndarray, np.ndarray, float]] = []

    def rows(self, X: np.ndarray) -> list[int]:
        try:
            return [self.row_of[row.tobytes()] for row in np.asarray(X, dtype=float)]
        except KeyError:
            raise AssertionError("the scaler was given rows that are not rows of X (already transformed?)") from None


def recorders(log: Log) -> tuple[type, type, object]:
    class RecordingScaler(StandardScaler):
        def __init__(self) -> None:
            self.fits: list[list[int]] = []
            self.transforms: list[tuple[list[int], np.ndarray]] = []
            log.scalers.append(self)

        def fit(self, X: np.ndarray) -> "RecordingScaler":
            self.fits.append(log.rows(X))
            super().fit(X)
            return self

        def transform(self, X: np.ndarray) -> np.ndarray:
            out = super().transform(X)
            self.transforms.append((log.rows(X), out.copy()))
            return out

    class RecordingModel(RidgeRegression):
        def __init__(self) -> None:
            super().__init__(alpha=1.0)
            self.fits: list[tuple[np.ndarray, np.ndarray]] = []
            self.predicts: list[tuple[np.ndarray, np.ndarray]] = []
            log.models.append(self)

        def fit(self, X: np.ndarray, y: np.ndarray) -> "RecordingModel":
            self.fits.append((np.array(X, copy=True), np.array(y, copy=True)))
            super().fit(X, y)
            return self

        def predict(self, X: np.ndarray) -> np.ndarray:
            out = super().predict(X)
            self.predicts.append((np.array(X, copy=True), out.copy()))
            return out

    def metric(y_true: np.ndarray, y_pred: np.ndarray) -> float:
        score = rmse(y_true, y_pred)
        log.metric_calls.append((np.array(y_true, copy=True), np.array(y_pred, copy=True), score))
        return score

    return RecordingScaler, RecordingModel, metric


def run_recorded(n: int = 60, k: int = 5, seed: int = 0) -> tuple[Log, list[float], np.ndarray, np.ndarray]:
    X, y = house_prices(n, 10 + seed)
    log = Log(X, y)
    scaler_cls, model_cls, metric = recorders(log)
    scores = cross_validate(model_cls, scaler_cls, X, y, k=k, seed=seed, metric=metric)
    return log, scores, X, y


class Fold:
    """What one fold did, reconstructed from the records: its scaler, training rows and test rows."""

    def __init__(self, scaler: object, train_rows: list[int], test_rows: list[int], model: object) -> None:
        self.scaler, self.train_rows, self.test_rows, self.model = scaler, train_rows, test_rows, model


def rows_through(scaler: object, X: np.ndarray) -> list[int] | None:
    """The rows of the original X behind `X`, if every row of `X` came out of this scaler's transform."""
    scaled = {out_row.tobytes(): row for rows, out in scaler.transforms for row, out_row in zip(rows, out)}  # type: ignore[attr-defined]
    found = [scaled.get(np.asarray(r, dtype=float).tobytes()) for r in np.asarray(X)]
    return None if any(f is None for f in found) else [int(f) for f in found if f is not None]


def folds_of(log: Log) -> list[Fold]:
    models = [m for m in log.models if m.fits]
    assert all(len(m.fits) == 1 and len(m.predicts) == 1 for m in models), "make a new model in every fold (make_model()), fit it once and predict once"
    folds = []
    for i, m in enumerate(models, 1):
        X_fit, y_fit = m.fits[0]
        owner = next((s for s in log.scalers if rows_through(s, X_fit) is not None), None)
        assert owner is not None, f"the model of fold {i} was not fitted on rows transformed by a scaler: scale the training rows first"
        train_rows = rows_through(owner, X_fit)
        test_rows = rows_through(owner, m.predicts[0][0])
        assert train_rows is not None
        assert test_rows is not None, f"fold {i} predicted on rows that the scaler of its training rows did not transform (a scaler fitted on the test rows leaks as well)"
        assert np.array_equal(y_fit, log.y[train_rows]), f"the targets given to the model of fold {i} do not belong to its training rows"
        folds.append(Fold(owner, train_rows, test_rows, m))
    return folds


def test_each_fold_fits_a_new_scaler_once_on_its_training_rows_only() -> None:
    log, _, _, _ = run_recorded()
    fitted = [s for s in log.scalers if s.fits]
    assert len(fitted) == 5, f"{len(fitted)} scalers were fitted for 5 folds: make a new scaler (make_scaler()) in every fold and fit it once, on its training rows"
    assert all(len(s.fits) == 1 for s in fitted), "fit each fold's scaler once"
    for i, fold in enumerate(folds_of(log), 1):
        fitted_rows = set(fold.scaler.fits[0])  # type: ignore[attr-defined]
        leaked = fitted_rows & set(fold.test_rows)
        assert not leaked, f"the scaler of fold {i} was fitted on {len(leaked)} rows that the fold then evaluates on: fit it on the training rows only"
        assert fitted_rows == set(fold.train_rows), f"the scaler of fold {i} was not fitted on exactly that fold's training rows"


def test_the_model_learns_from_scaled_training_rows_and_predicts_scaled_test_rows() -> None:
    log, _, _, y = run_recorded()
    folds = folds_of(log)
    assert len(folds) == 5, f"{len(folds)} models were fitted for 5 folds"
    tested: list[int] = []
    for i, fold in enumerate(folds, 1):
        overlap = set(fold.test_rows) & set(fold.train_rows)
        assert not overlap, f"fold {i} evaluates on {len(overlap)} of its own training rows"
        tested += fold.test_rows
    assert sorted(tested) == list(range(len(y))), "over the folds, every row must be evaluated exactly once"


def test_scores_are_the_metric_of_each_fold_in_order() -> None:
    log, scores, _, y = run_recorded()
    folds = folds_of(log)
    assert len(log.metric_calls) == 5 and len(scores) == 5, "call the metric once per fold and return one score per fold"
    for i, ((y_true, y_pred, score), fold) in enumerate(zip(log.metric_calls, folds), 1):
        assert np.array_equal(y_pred, fold.model.predicts[0][1]), f"fold {i}: the metric was not given that fold's predictions (as y_pred, the second argument)"  # type: ignore[attr-defined]
        assert np.array_equal(y_true, y[fold.test_rows]), f"fold {i}: the metric's y_true (first argument) is not the targets of the test rows"
        assert scores[i - 1] == score, f"fold {i}: the score returned is not what the metric gave"


def test_matches_a_cross_validation_without_leakage_on_the_same_folds() -> None:
    X, y = house_prices(90, 5)
    scores = cross_validate(lambda: RidgeRegression(alpha=3.0), StandardScaler, X, y, k=6, seed=9)
    expected = []
    for train, test in k_fold_indices(90, 6, seed=9):
        scaler = StandardScaler().fit(X[train])
        model = RidgeRegression(alpha=3.0).fit(scaler.transform(X[train]), y[train])
        expected.append(rmse(y[test], model.predict(scaler.transform(X[test]))))
    np.testing.assert_allclose(scores, expected, rtol=1e-10)


def test_cross_validation_is_deterministic_and_returns_floats() -> None:
    X, y = house_prices(50, 6)
    first = cross_validate(RidgeRegression, StandardScaler, X, y, k=5, seed=3)
    assert first == cross_validate(RidgeRegression, StandardScaler, X, y, k=5, seed=3)
    assert isinstance(first, list) and all(isinstance(s, float) for s in first)
