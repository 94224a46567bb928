from datetime import date
from typing import assert_type

from cleaning import CleaningReport, Order, RawOrder, clean, daily_revenue, parse_order


def raw(
    order_id: str,
    day: str = "2024-03-01",
    store: str = "Leeds",
    quantity: str = "2",
    unit_price: str = "3.50",
    discount_code: str = "",
) -> RawOrder:
    return {
        "order_id": order_id,
        "order_date": day,
        "store": store,
        "quantity": quantity,
        "unit_price": unit_price,
        "discount_code": discount_code,
    }


def test_parse_order() -> None:
    order = parse_order(raw(" A-1 ", store=" Leeds ", discount_code="SPRING24"))
    assert order == {
        "order_id": "A-1",
        "day": date(2024, 3, 1),
        "store": "leeds",
        "quantity": 2,
        "unit_price": 3.5,
        "discount_code": "SPRING24",
        "revenue": 7.0,
    }
    # assert_type does nothing when the test runs; mypy checks that the types match exactly.
    assert_type(order, Order)
    assert_type(order["day"], date)
    assert_type(order["discount_code"], str | None)


def test_clean_keeps_good_orders_and_counts_the_rest() -> None:
    report = clean(
        [
            raw("A-1"),
            raw("A-2", quantity="0"),
            raw("A-1"),
            raw("A-3", unit_price="n/a"),
            raw("A-4", quantity="500"),
        ]
    )
    assert_type(report, CleaningReport)
    assert [order["order_id"] for order in report["kept"]] == ["A-1"]
    assert report["rejected"] == {
        "non-positive quantity": 1,
        "duplicate order id": 1,
        "unparseable": 1,
        "quantity above limit": 1,
    }


def test_daily_revenue() -> None:
    kept = clean(
        [
            raw("A-1", quantity="2", unit_price="3.50"),
            raw("A-2", quantity="1", unit_price="0.25"),
            raw("A-3", store="York", day="2024-03-02"),
        ]
    )["kept"]
    totals = daily_revenue(kept)
    assert_type(totals, dict[tuple[str, date], float])
    assert totals == {("leeds", date(2024, 3, 1)): 7.25, ("york", date(2024, 3, 2)): 7.0}
