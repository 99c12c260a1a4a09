"""The staff tables' columns, and the browser's sort, filter and search turned into a query.

Everything the browser sends is checked against the table's own columns and the
operators each kind of column allows; anything else is refused with a message
(ModelError) and never reaches SQL. Read columns (country, sector, status, ...) are
filtered and sorted through the raw values that read as what the user picked.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from dashboard import readings
from data.table_model import AllOf, AnyOf, Match, Order

TEXT, NUMBER, TIME, READ = "text", "number", "time", "read"
FILTER_TYPE = {TEXT: "text", READ: "text", NUMBER: "number", TIME: "date"}
TEXT_OPS = {
    "contains": "contains",
    "notContains": "not_contains",
    "equals": "equals",
    "notEqual": "not_equals",
    "startsWith": "starts_with",
    "endsWith": "ends_with",
    "blank": "blank",
    "notBlank": "not_blank",
}
NUMBER_OPS = {
    "equals": "equals",
    "notEqual": "not_equals",
    "lessThan": "lt",
    "lessThanOrEqual": "lte",
    "greaterThan": "gt",
    "greaterThanOrEqual": "gte",
    "inRange": "in_range",
    "blank": "blank",
    "notBlank": "not_blank",
}
DATE_OPS = ("equals", "notEqual", "lessThan", "greaterThan", "inRange", "blank", "notBlank")
MAX_TEXT = 200
# Rows the grid asks for at a time (its cacheBlockSize); the first block is read with the count.
BLOCK_ROWS = 100
MAX_CONDITIONS = 2
MAX_SORT = 3
MAX_WORDS = 5


class ModelError(ValueError):
    """What the browser asked for cannot be done; the message says why, for the user."""


@dataclass(frozen=True)
class Col:
    """A column of a staff table: its field in the grid, its kind, the data column behind it."""

    key: str
    kind: str
    source: str
    reading: str | None = None
    search: bool = False
    width: int = 140


def _id() -> Col:
    return Col("id", NUMBER, "id", width=90)


def _read(key: str, source: str, reading: str, width: int = 150) -> Col:
    return Col(key, READ, source, reading, width=width)


def _text(key: str, source: str | None = None, search: bool = False, width: int = 160) -> Col:
    return Col(key, TEXT, source or key, search=search, width=width)


COLUMNS: dict[str, tuple[Col, ...]] = {
    "people": (
        _id(),
        _text("last_name", search=True),
        _text("first_name", search=True),
        _text("email", search=True, width=240),
        _text("organisation", search=True, width=240),
        _read("country", "country_raw", "country"),
        _text("country_raw", width=110),
        _read("sector", "sector_raw", "sector", 200),
        _text("sector_raw"),
        _read("org_type", "type_raw", "org_type", 180),
        _text("org_type_raw", "type_raw"),
        _read("status", "status_raw", "status", 130),
        _text("status_raw", width=120),
        _read("role", "role_raw", "role", 120),
        _text("job_title", search=True, width=200),
        Col("registered_at", TIME, "registered_at", width=160),
        _read("opt_in", "opt_in", "flag", 110),
    ),
    "requests": (
        _id(),
        Col("requested_at", TIME, "requested_at", width=160),
        _read("request_status", "status_raw", "request_status", 130),
        _text("status_raw", width=120),
        _text("requester", search=True, width=200),
        _text("requester_org", search=True, width=220),
        _text("recipient", search=True, width=200),
        _text("recipient_org", search=True, width=220),
        _read("recipient_country", "country_raw", "country"),
        _read("recipient_sector", "sector_raw", "sector", 200),
        Col("slot_start", TIME, "slot_start", width=160),
        _text("location", search=True, width=120),
        _read("held", "held", "flag", 100),
        Col("responded_at", TIME, "responded_at", width=160),
    ),
    "bookings": (
        _id(),
        _text("workshop", search=True, width=260),
        Col("starts_at", TIME, "starts_at", width=160),
        _text("participant", search=True, width=200),
        _text("organisation", search=True, width=220),
        _read("country", "country_raw", "country"),
        _read("booking_status", "status_raw", "booking_status", 140),
        _text("status_raw", width=120),
        Col("booked_at", TIME, "booked_at", width=160),
        _read("attended", "attended", "flag", 110),
    ),
    "organisations": (
        _id(),
        _text("name", search=True, width=280),
        _read("country", "country_raw", "country"),
        _text("country_raw", width=110),
        _read("sector", "sector_raw", "sector", 200),
        _text("sector_raw"),
        _read("org_type", "type_raw", "org_type", 180),
        _text("org_type_raw", "type_raw"),
        _text("cluster", search=True, width=220),
        Col("participants", NUMBER, "participants", width=130),
    ),
}
TABLES = tuple(COLUMNS)
# The filter bar's dimensions, as the data columns of every table.
DIMENSION_SOURCES = {"country": "country_raw", "sector": "sector_raw", "org_type": "type_raw"}


@dataclass(frozen=True)
class Context:
    """What translating needs beyond the model: the raw values behind each reading, the zone."""

    raws: Callable[[str], tuple]
    zone: dt.tzinfo
    lang: str


def columns(table: str) -> dict[str, Col]:
    """The columns of a table by key (ModelError for a table that does not exist)."""
    if table not in COLUMNS:
        raise ModelError(f"There is no table {str(table)[:40]!r}.")
    return {col.key: col for col in COLUMNS[table]}


def _column(cols: Mapping[str, Col], key: object) -> Col:
    col = cols.get(key) if isinstance(key, str) else None
    if col is None:
        raise ModelError(f"There is no column {str(key)[:40]!r} in this table.")
    return col


def _text_value(value: object, required: bool) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise ModelError(f"A filter value must be text of at most {MAX_TEXT} characters.")
    return value


def _number(value: object) -> float | int:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ModelError("A number filter needs a number.")
    return value


def _day(value: object, ctx: Context) -> dt.datetime:
    """The UTC moment (naive, as stored) at which a local day of the event begins."""
    try:
        day = dt.date.fromisoformat(str(value)[:10]) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None:
        raise ModelError("A date filter needs a date (YYYY-MM-DD).")
    start = dt.datetime.combine(day, dt.time(), ctx.zone)
    return start.astimezone(dt.UTC).replace(tzinfo=None)


def _next_day(value: object, ctx: Context) -> dt.datetime:
    day = dt.date.fromisoformat(str(value)[:10]) + dt.timedelta(days=1)
    return _day(day.isoformat(), ctx)


def _text_condition(col: Col, spec: dict, ctx: Context) -> object:
    op = TEXT_OPS.get(spec.get("type"))
    if op is None:
        raise ModelError(f"The operator {str(spec.get('type'))[:30]!r} does not apply to text.")
    value = _text_value(spec.get("filter"), op not in ("blank", "not_blank"))
    if col.kind == READ:
        matched = readings.matching(col.reading, op, value, ctx.lang, ctx.raws(col.reading))
        return readings.as_condition(col.source, col.reading, matched, ctx.raws(col.reading))
    return Match(col.source, op, value)


def _number_condition(col: Col, spec: dict, _ctx: Context) -> object:
    op = NUMBER_OPS.get(spec.get("type"))
    if op is None:
        raise ModelError(f"The operator {str(spec.get('type'))[:30]!r} does not apply to numbers.")
    if op in ("blank", "not_blank"):
        return Match(col.source, op)
    value = _number(spec.get("filter"))
    if op == "in_range":
        upper = _number(spec.get("filterTo"))
        return AllOf((Match(col.source, "gte", value), Match(col.source, "lte", upper)))
    return Match(col.source, op, value)


def _date_condition(col: Col, spec: dict, ctx: Context) -> object:
    op = spec.get("type")
    if op not in DATE_OPS:
        raise ModelError(f"The operator {str(op)[:30]!r} does not apply to dates.")
    if op in ("blank", "notBlank"):
        return Match(col.source, TEXT_OPS[op])
    start, end = _day(spec.get("dateFrom"), ctx), _next_day(spec.get("dateFrom"), ctx)
    if op == "equals":
        return AllOf((Match(col.source, "gte", start), Match(col.source, "lt", end)))
    if op == "notEqual":
        return AnyOf((Match(col.source, "lt", start), Match(col.source, "gte", end)))
    if op == "lessThan":
        return Match(col.source, "lt", start)
    if op == "greaterThan":
        return Match(col.source, "gte", end)
    last = _next_day(spec.get("dateTo"), ctx)
    return AllOf((Match(col.source, "gte", start), Match(col.source, "lt", last)))


CONDITIONS = {TEXT: _text_condition, READ: _text_condition, NUMBER: _number_condition}


def _simple(col: Col, spec: object, ctx: Context) -> object:
    if not isinstance(spec, dict):
        raise ModelError("A column filter must be an object.")
    if spec.get("filterType") != FILTER_TYPE[col.kind]:
        raise ModelError(f"The column {col.key!r} takes a {FILTER_TYPE[col.kind]} filter.")
    return CONDITIONS.get(col.kind, _date_condition)(col, spec, ctx)


def _column_filter(col: Col, spec: object, ctx: Context) -> object:
    if not isinstance(spec, dict) or "conditions" not in spec:
        return _simple(col, spec, ctx)
    operator, conditions = spec.get("operator"), spec.get("conditions")
    if operator not in ("AND", "OR"):
        raise ModelError("Filter conditions are joined by AND or OR.")
    if not isinstance(conditions, list) or not 1 <= len(conditions) <= MAX_CONDITIONS:
        raise ModelError(f"A column takes 1 to {MAX_CONDITIONS} filter conditions.")
    items = tuple(_simple(col, part, ctx) for part in conditions)
    return AllOf(items) if operator == "AND" else AnyOf(items)


def filter_items(table: str, model: object, ctx: Context) -> tuple:
    """The grid's filter model as conditions (ModelError for anything not allowed)."""
    if model in (None, {}):
        return ()
    cols = columns(table)
    if not isinstance(model, dict) or len(model) > len(cols):
        raise ModelError("The filter model must map columns to filters.")
    return tuple(_column_filter(_column(cols, key), spec, ctx) for key, spec in model.items())


def orders(table: str, model: object, ctx: Context) -> tuple[Order, ...]:
    """The grid's sort model as orders (ModelError for anything not allowed)."""
    if model in (None, []):
        return ()
    if not isinstance(model, list) or len(model) > MAX_SORT:
        raise ModelError(f"Sort by at most {MAX_SORT} columns.")
    cols, result = columns(table), []
    for item in model:
        if not isinstance(item, dict) or item.get("sort") not in ("asc", "desc"):
            raise ModelError("Each sort names a column and 'asc' or 'desc'.")
        col = _column(cols, item.get("colId"))
        descending = item["sort"] == "desc"
        if col.kind == READ:
            ranks, default = readings.ranks(col.reading, ctx.lang, ctx.raws(col.reading))
            result.append(Order(col.source, descending, ranks, default))
        else:
            result.append(Order(col.source, descending))
    return tuple(result)


def raw_reading(table: str, source: str) -> str | None:
    """The reading of a column as stored (country_raw: country), if the table reads it."""
    return next(
        (c.reading for c in COLUMNS.get(table, ()) if c.kind == READ and c.source == source),
        None,
    )


def search_items(table: str, text: object) -> tuple:
    """Quick search: every word must be in one of the table's searchable columns."""
    if text in (None, ""):
        return ()
    if not isinstance(text, str) or len(text) > MAX_TEXT:
        raise ModelError(f"Search for at most {MAX_TEXT} characters.")
    words = text.split()[:MAX_WORDS]
    sources = [col.source for col in COLUMNS[table] if col.search] if table in COLUMNS else []
    return tuple(AnyOf(tuple(Match(s, "contains", w) for s in sources)) for w in words)


def dimension_items(filters: object, ctx: Context) -> tuple:
    """The filter bar's country, sector and organisation type as conditions on raw values."""
    items = []
    for dimension, source in DIMENSION_SOURCES.items():
        selected = set(getattr(filters, dimension, ()) or ())
        if selected:
            items.append(readings.as_condition(source, dimension, selected, ctx.raws(dimension)))
    return tuple(items)
