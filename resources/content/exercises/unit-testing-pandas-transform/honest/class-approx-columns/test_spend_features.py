import pandas as pd
import pytest

from spend_features import customer_spend_features

NAN = float("nan")


class TestCustomerSpendFeatures:
    @pytest.fixture(autouse=True)
    def frames(self) -> None:
        self.raw = pd.DataFrame(
            {
                "customer_id": ["b", "a", "b", "c", "a", "b"],
                "merchant": ["m1", "m1", "m2", "m3", "m1", "m1"],
                "timestamp": [
                    "2024-01-03",
                    "2024-01-10",
                    "2024-01-01",
                    "2024-01-05",
                    "2024-01-02",
                    "2024-01-07",
                ],
                "amount": [10.0, -4.0, NAN, NAN, 8.0, 20.0],
            }
        )
        self.before = self.raw.copy(deep=True)
        self.result = customer_spend_features(self.raw)

    def column(self, name: str) -> list[object]:
        return list(self.result[name])

    def test_one_row_per_customer_sorted_with_a_fresh_index(self) -> None:
        assert self.column("customer_id") == ["a", "b", "c"]
        assert list(self.result.index) == [0, 1, 2]

    def test_counts_include_missing_amounts(self) -> None:
        assert self.column("n_transactions") == [2, 3, 1]

    def test_totals_include_refunds_and_skip_missing(self) -> None:
        assert self.column("total_spend") == pytest.approx([4.0, 30.0, 0.0])

    def test_means_of_known_amounts_only(self) -> None:
        assert self.column("mean_spend") == pytest.approx([2.0, 15.0, NAN], nan_ok=True)

    def test_distinct_merchants(self) -> None:
        assert self.column("n_merchants") == [1, 2, 1]

    def test_last_seen_is_the_latest_timestamp(self) -> None:
        expected = pd.to_datetime(["2024-01-10", "2024-01-07", "2024-01-05"])
        assert self.column("last_seen") == list(expected)
        assert pd.api.types.is_datetime64_any_dtype(self.result["last_seen"])

    def test_the_caller_frame_is_untouched(self) -> None:
        pd.testing.assert_frame_equal(self.raw, self.before)
        assert self.raw["timestamp"].dtype == object
