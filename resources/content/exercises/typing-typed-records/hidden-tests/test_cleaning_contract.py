"""The types the team agreed on, read at run time, and the rules as a frozen dataclass."""

import dataclasses
from collections.abc import Collection, Iterable, Sequence
from datetime import date
from typing import assert_type, get_args, get_origin, get_type_hints

import pytest

from cleaning import (
    DEFAULT_RULES,
    CleaningReport,
    CleaningRules,
    Order,
    RawOrder,
    clean,
    daily_revenue,
    parse_order,
    rejection_reason,
)

RAW_FIELDS = ["order_id", "order_date", "store", "quantity", "unit_price", "discount_code"]


def raw(order_id: str, quantity: str = "2", unit_price: str = "3.50") -> RawOrder:
    return {
        "order_id": order_id,
        "order_date": "2024-03-04",
        "store": "Hull",
        "quantity": quantity,
        "unit_price": unit_price,
        "discount_code": " ",
    }


def hints_of(obj: object) -> dict[str, object]:
    """The annotations of a class or function, evaluated as Python objects."""
    hints: dict[str, object] = get_type_hints(obj)
    return hints


def is_iterable_of(annotation: object, item: object) -> bool:
    """list[X], Sequence[X], Collection[X] and Iterable[X] are all fine for an input."""
    origin: object = get_origin(annotation)
    args: tuple[object, ...] = get_args(annotation)
    return origin in (list, tuple, Sequence, Collection, Iterable) and args[:1] == (item,)


def test_records_are_typed_dicts_with_the_agreed_fields() -> None:
    assert hints_of(RawOrder) == {name: str for name in RAW_FIELDS}
    assert hints_of(Order) == {
        "order_id": str,
        "day": date,
        "store": str,
        "quantity": int,
        "unit_price": float,
        "discount_code": str | None,
        "revenue": float,
    }
    assert hints_of(CleaningReport) == {"kept": list[Order], "rejected": dict[str, int]}


def test_rules_are_a_frozen_dataclass() -> None:
    assert dataclasses.is_dataclass(CleaningRules)
    assert hints_of(CleaningRules) == {"max_quantity": int, "max_unit_price": float}
    assert DEFAULT_RULES == CleaningRules(max_quantity=100, max_unit_price=5000.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(DEFAULT_RULES, "max_quantity", 1)


def test_function_signatures_name_the_record_types() -> None:
    assert hints_of(parse_order) == {"raw": RawOrder, "return": Order}
    assert hints_of(rejection_reason) == {"order": Order, "rules": CleaningRules, "return": str | None}
    hints = hints_of(clean)
    assert is_iterable_of(hints["rows"], RawOrder), hints["rows"]
    assert hints["rules"] is CleaningRules and hints["return"] is CleaningReport
    hints = hints_of(daily_revenue)
    assert is_iterable_of(hints["orders"], Order), hints["orders"]
    assert hints["return"] == dict[tuple[str, date], float]


def test_custom_rules() -> None:
    strict = CleaningRules(max_quantity=5, max_unit_price=10.0)
    report = clean([raw("B-1"), raw("B-2", quantity="6"), raw("B-3", unit_price="12.00")], strict)
    assert_type(report, CleaningReport)
    assert [order["order_id"] for order in report["kept"]] == ["B-1"]
    assert report["rejected"] == {"quantity above limit": 1, "price out of range": 1}
    assert clean([raw("B-2", quantity="6")])["rejected"] == {}


def test_rejection_reason_reads_the_rules() -> None:
    order = parse_order(raw("C-1", quantity="3", unit_price="0"))
    assert order["discount_code"] is None
    assert rejection_reason(order, DEFAULT_RULES) == "price out of range"
    assert rejection_reason(parse_order(raw("C-2")), CleaningRules(max_quantity=1)) == "quantity above limit"
    assert rejection_reason(parse_order(raw("C-3")), DEFAULT_RULES) is None
