import pytest

from churn.features import tenure_bucket


@pytest.mark.parametrize(
    ("months", "bucket"),
    [(0, "new"), (5, "new"), (6, "settled"), (23, "settled"), (24, "loyal"), (120, "loyal")],
)
def test_tenure_bucket_edges(months: int, bucket: str) -> None:
    assert tenure_bucket(months) == bucket
