import pytest

from normalise import min_max_scale


class TestMinMaxScale:
    @pytest.mark.parametrize(
        ("values", "expected"),
        [
            ([0.0, 5.0, 10.0], [0.0, 0.5, 1.0]),
            ([100.0, 150.0, 200.0], [0.0, 0.5, 1.0]),
            ([-10.0, -5.0, 10.0], [0.0, 0.25, 1.0]),
            ([4.0, 1.0], [1.0, 0.0]),
        ],
        ids=["from-zero", "positive-offset", "negative-minimum", "descending"],
    )
    def test_scales(self, values: list[float], expected: list[float]) -> None:
        assert min_max_scale(values) == pytest.approx(expected)

    @pytest.mark.parametrize("length", [1, 2, 5], ids=lambda n: f"{n}-equal-values")
    def test_constant_column(self, length: int) -> None:
        assert min_max_scale([7.5] * length) == [0.0] * length

    def test_empty(self) -> None:
        result = min_max_scale([])
        assert result is not None
        assert result == []

    def test_returns_a_new_list_and_leaves_the_input_alone(self) -> None:
        column = [3.0, 9.0, 6.0]
        scaled = min_max_scale(column)
        assert column == [3.0, 9.0, 6.0]
        assert scaled is not column
