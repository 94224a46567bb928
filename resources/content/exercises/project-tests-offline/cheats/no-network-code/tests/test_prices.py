import pytest

from shop.prices import basket_total, with_vat


def test_with_vat() -> None:
    assert with_vat(10.0) == pytest.approx(12.0)


def test_with_another_rate() -> None:
    assert with_vat(10.0, rate=0.05) == pytest.approx(10.5)


def test_basket_total() -> None:
    assert basket_total([1.1, 2.2]) == pytest.approx(3.3)
