"""The browser's sort, filter and search models: what is allowed, what is refused and why."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from dashboard import readings
from dashboard import tables as tb
from dashboard.filters import Filters
from data import tables as data_tables
from data.table_model import AllOf, AnyOf, Match, OneOf, Order, Problem, QueryError, RowQuery

RAWS = {
    "country": ("DE", "de", " dk", "Germany", "UK", ""),
    "sector": ("Digital", "digital ", "Blue Economy"),
    "status": ("confirmed", " Confirmed", "pending_payment"),
}
CTX = tb.Context(lambda reading: RAWS.get(reading, ()), ZoneInfo("Europe/Berlin"), "en")


def _text(kind: str, value: object = "x") -> dict:
    return {"filterType": "text", "type": kind, "filter": value}


def test_a_text_filter_on_a_stored_column_is_bound_as_a_value():
    items = tb.filter_items("people", {"last_name": _text("startsWith", "O'B%_")}, CTX)
    assert items == (Match("last_name", "starts_with", "O'B%_"),)


def test_two_conditions_join_with_and_or_or():
    model = {
        "email": {
            "filterType": "text",
            "operator": "OR",
            "conditions": [_text("contains", "a"), _text("blank", None)],
        }
    }
    assert tb.filter_items("people", model, CTX) == (
        AnyOf((Match("email", "contains", "a"), Match("email", "blank", None))),
    )


def test_a_read_column_is_filtered_by_its_label_through_the_raw_values():
    (item,) = tb.filter_items("people", {"country": _text("contains", "germ")}, CTX)
    assert isinstance(item, OneOf) and item.column == "country_raw"
    assert set(item.values) == {"DE", "de"} and item.null is False
    (unknown,) = tb.filter_items("people", {"country": _text("equals", "unknown")}, CTX)
    assert set(unknown.values) == {"Germany", ""} and unknown.null is True
    (by_code,) = tb.filter_items("people", {"country": _text("equals", "dk")}, CTX)
    assert by_code.values == (" dk",)


def test_the_filter_bar_is_bound_as_raw_values_with_null_explicit():
    items = tb.dimension_items(Filters(country=("GB", "Unknown"), sector=("Digital",)), CTX)
    country, sector = items
    assert set(country.values) == {"UK", "Germany", ""} and country.null is True
    assert set(sector.values) == {"Digital", "digital "} and sector.null is False


def test_dates_are_local_days_of_the_event_turned_into_utc_bounds():
    model = {
        "registered_at": {"filterType": "date", "type": "equals", "dateFrom": "2026-09-17 00:00:00"}
    }
    (item,) = tb.filter_items("people", model, CTX)
    assert item == AllOf(
        (
            Match("registered_at", "gte", dt.datetime(2026, 9, 16, 22, 0)),
            Match("registered_at", "lt", dt.datetime(2026, 9, 17, 22, 0)),
        )
    )


def test_a_number_range_includes_both_ends():
    model = {"id": {"filterType": "number", "type": "inRange", "filter": 3, "filterTo": 8}}
    assert tb.filter_items("people", model, CTX) == (
        AllOf((Match("id", "gte", 3), Match("id", "lte", 8))),
    )


def test_sorting_a_read_column_ranks_its_raw_values_by_label():
    (order,) = tb.orders("people", [{"colId": "status", "sort": "desc"}], CTX)
    assert order.column == "status_raw" and order.descending
    # labels in order: "confirmed", "unknown status"; NULL reads as unknown
    assert [set(group) for group in order.ranks] == [
        {"confirmed", " Confirmed"},
        {"pending_payment"},
    ]
    assert order.default_rank == 1
    assert tb.orders("people", [{"colId": "last_name", "sort": "asc"}], CTX) == (
        Order("last_name", False),
    )


def test_search_needs_every_word_somewhere_in_the_searchable_columns():
    items = tb.search_items("organisations", "  nordic   blue ")
    assert items == (
        AnyOf((Match("name", "contains", "nordic"), Match("cluster", "contains", "nordic"))),
        AnyOf((Match("name", "contains", "blue"), Match("cluster", "contains", "blue"))),
    )


HOSTILE_FILTERS = [
    ({"password": _text("contains")}, "no column 'password'"),
    ({"last_name); DROP TABLE participants; --": _text("contains")}, "no column"),
    ({"last_name": _text("regex")}, "operator 'regex'"),
    ({"last_name": _text("contains", 5)}, "must be text"),
    ({"last_name": _text("contains", "x" * 201)}, "at most 200"),
    ({"last_name": {"filterType": "number", "type": "equals", "filter": 1}}, "takes a text filter"),
    ({"id": {"filterType": "number", "type": "equals", "filter": float("nan")}}, "needs a number"),
    ({"id": {"filterType": "number", "type": "equals", "filter": True}}, "needs a number"),
    ({"id": {"filterType": "number", "type": "contains", "filter": 1}}, "does not apply"),
    (
        {"registered_at": {"filterType": "date", "type": "equals", "dateFrom": "yesterday"}},
        "needs a date",
    ),
    ({"email": {"filterType": "text", "operator": "XOR", "conditions": []}}, "AND or OR"),
    (
        {"email": {"filterType": "text", "operator": "AND", "conditions": [_text("contains")] * 3}},
        "1 to 2",
    ),
    ({"email": "contains x"}, "must be an object"),
    (["email"], "must map columns"),
]


@pytest.mark.parametrize(("model", "message"), HOSTILE_FILTERS)
def test_hostile_filter_models_are_refused_with_a_clear_message(model, message):
    with pytest.raises(tb.ModelError, match=message.replace("(", r"\(").replace(")", r"\)")):
        tb.filter_items("people", model, CTX)


HOSTILE_SORTS = [
    ([{"colId": "password", "sort": "asc"}], "no column"),
    ([{"colId": "id", "sort": "asc; DROP TABLE x"}], "'asc' or 'desc'"),
    ([{"colId": "id"}], "'asc' or 'desc'"),
    ("id", "at most 3"),
    ([{"colId": "id", "sort": "asc"}] * 4, "at most 3"),
    ([["id", "asc"]], "'asc' or 'desc'"),
    ([{"colId": {"$ne": 1}, "sort": "asc"}], "no column"),
]


@pytest.mark.parametrize(("model", "message"), HOSTILE_SORTS)
def test_hostile_sort_models_are_refused(model, message):
    with pytest.raises(tb.ModelError, match=message):
        tb.orders("people", model, CTX)


def test_other_hostile_input_is_refused():
    with pytest.raises(tb.ModelError, match="no table"):
        tb.columns("participants; --")
    with pytest.raises(tb.ModelError, match="at most 200"):
        tb.search_items("people", "x" * 500)
    with pytest.raises(tb.ModelError):
        tb.search_items("people", ["x"])


def test_the_data_layer_refuses_what_it_does_not_know_too():
    bad = [
        RowQuery("people", 2, (Match("password", "contains", "x"),)),
        RowQuery("people", 2, (Match("email", "like", "x"),)),
        RowQuery("people", 2, (Match("email", "contains", None),)),
        RowQuery("people", 2, order=(Order("password"),)),
        RowQuery("people", 2, (Problem("drop_everything"),)),
        RowQuery("participants", 2),
    ]
    for query in bad:
        with pytest.raises(QueryError):
            data_tables.select_rows(query)


def test_readings_match_labels_without_case_and_negations_keep_unknown():
    raws = ("DE", "XX", None)
    assert readings.matching("country", "not_contains", "GERM", "en", raws) == {"Unknown"}
    assert readings.matching("country", "contains", "deutsch", "de", raws) == {"DE"}
    assert readings.matching("flag", "equals", "yes", "en", (True, False)) == {True}
    assert readings.matching("flag", "blank", None, "en", (True, False)) == {None}
