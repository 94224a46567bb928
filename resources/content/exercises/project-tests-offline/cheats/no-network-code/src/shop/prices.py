"""Basket arithmetic: nothing here talks to another machine."""


def with_vat(net: float, rate: float = 0.2) -> float:
    """The gross price of a net price."""
    return round(net * (1 + rate), 2)


def basket_total(prices: list[float]) -> float:
    """The sum of a basket's prices, to the cent."""
    return round(sum(prices), 2)
