"""What the training job relies on, checked after the Ruff fixes."""

import numpy as np
import pandas as pd
import pytest

from features import build_features, feature_matrix, jitter, split_customers

try:
    # In Upskill's check your code runs in a process of its own: its NumPy global
    # generator is there, and the check can make it ignore seeds for a while.
    from upskill_judge import unseeded_global_random, worker_module
except ImportError:  # run by hand: your code runs in this process
    from contextlib import nullcontext as unseeded_global_random
    from importlib import import_module as worker_module

CUSTOMERS = pd.DataFrame(
    {
        "customer_id": [10, 11, 12, 13],
        "tenure_months": [1, 6, 3, 0],
        "monthly_spend": [5.0, 0.0, 42.0, 7.5],
        "sessions": [None, 12.0, 9.0, None],
    }
)
TICKETS = pd.DataFrame({"customer_id": [13, 10], "n_tickets": [1, 0]})
TABLE = pd.DataFrame(
    {
        "customer_id": np.arange(100, 110),
        "tenure_months": np.arange(10),
        "monthly_spend": np.linspace(0.0, 90.0, 10),
    }
)


def test_build_features_fills_missing_counts_and_drops_helper_columns() -> None:
    table = build_features(CUSTOMERS, TICKETS)
    expected = pd.DataFrame(
        {
            "customer_id": [10, 11, 12, 13],
            "tenure_months": [1, 6, 3, 0],
            "monthly_spend": [5.0, 0.0, 42.0, 7.5],
            "log_spend": np.log1p([5.0, 0.0, 42.0, 7.5]),
            "sessions_per_month": [0.0, 2.0, 3.0, 0.0],
            "has_support_ticket": [0, 0, 0, 1],
        }
    )
    assert not table.isna().any().any(), "missing sessions or tickets must become 0"
    pd.testing.assert_frame_equal(
        table.reset_index(drop=True), expected, check_like=True, check_dtype=False
    )


def test_build_features_leaves_its_inputs_alone() -> None:
    customers = CUSTOMERS.copy()
    build_features(customers, TICKETS)
    pd.testing.assert_frame_equal(customers, CUSTOMERS)


def test_feature_matrix_is_a_float64_array() -> None:
    matrix = feature_matrix(build_features(CUSTOMERS, TICKETS))
    assert isinstance(matrix, np.ndarray)
    assert matrix.dtype == np.float64
    assert matrix[:, 3].tolist() == [0.0, 2.0, 3.0, 0.0]
    assert matrix[:, 4].tolist() == [0.0, 0.0, 0.0, 1.0]


def test_split_puts_every_customer_in_exactly_one_part() -> None:
    train, valid = split_customers(TABLE, 0.3, seed=5)
    assert len(valid) == 3
    assert len(train) == 7
    ids = sorted(train["customer_id"].tolist() + valid["customer_id"].tolist())
    assert ids == TABLE["customer_id"].tolist()


def test_the_same_seed_gives_the_same_split_and_other_seeds_others() -> None:
    first = split_customers(TABLE, 0.3, seed=5)[1]["customer_id"].tolist()
    again = split_customers(TABLE, 0.3, seed=5)[1]["customer_id"].tolist()
    assert first == again
    others = {
        tuple(split_customers(TABLE, 0.3, seed=s)[1]["customer_id"]) for s in range(6)
    }
    assert len(others) > 1


def test_split_and_jitter_draw_from_a_generator_of_their_own() -> None:
    matrix = np.zeros((4, 3))
    split = split_customers(TABLE, 0.3, seed=8)[1]["customer_id"].tolist()
    noise = jitter(matrix, 0.5, seed=8)
    # The global generator now ignores seeds: code that draws from it (np.random.seed
    # then np.random.<anything>, by whatever name) changes from call to call.
    with unseeded_global_random():
        splits = [split_customers(TABLE, 0.3, seed=8)[1]["customer_id"].tolist()]
        splits.append(split_customers(TABLE, 0.3, seed=8)[1]["customer_id"].tolist())
        noises = [jitter(matrix, 0.5, seed=8), jitter(matrix, 0.5, seed=8)]
    assert all(s == split for s in splits), (
        "with the same seed, split_customers gave other splits when NumPy's global "
        "generator ignored seeds: draw from np.random.default_rng(seed)"
    )
    for other in noises:
        np.testing.assert_array_equal(other, noise)


def test_split_and_jitter_leave_the_global_generator_alone() -> None:
    theirs = worker_module("numpy").random
    theirs.seed(42)
    expected = theirs.random_sample()
    theirs.seed(42)
    split_customers(TABLE, 0.3, seed=1)
    jitter(np.zeros((2, 2)), 1.0, seed=1)
    assert theirs.random_sample() == expected, "the global NumPy generator was used"


def test_jitter_adds_noise_of_the_given_scale_without_changing_its_input() -> None:
    matrix = np.full((200, 50), 3.0)
    noisy = jitter(matrix, 0.5, seed=2)
    assert noisy.shape == matrix.shape
    assert (matrix == 3.0).all()
    assert abs((noisy - matrix).mean()) < 0.02
    assert (noisy - matrix).std() == pytest.approx(0.5, rel=0.05)
    assert not np.array_equal(noisy, jitter(matrix, 0.5, seed=3))
