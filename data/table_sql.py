"""Conditions and orders of a staff-table query as SQL, on the table's base rows.

A condition on a linked table's column becomes a semi-join on the key, so that
choosing and counting rows needs no join; NULL (a row that is not there) is handled
explicitly for conditions that hold on NULL.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

import sqlalchemy as sa
from sqlalchemy.sql import ColumnElement

from data import sqlfuncs
from data.table_model import (
    OPS,
    TEXT_OPS,
    AllOf,
    Among,
    AnyOf,
    Match,
    OneOf,
    Order,
    Problem,
    QueryError,
    RowQuery,
)
from data.table_sources import BUILDERS, Column, Fallback, Source


def source(query: RowQuery, shown: Sequence | None = None) -> Source:
    """The query's table as SQL (for the rows with the ids shown, when given)."""
    builder = BUILDERS.get(query.table)
    if builder is None:
        raise QueryError(f"unknown table {query.table!r}")
    return builder(query.event_id, shown)


def column_of(source: Source, key: str) -> Column | Fallback:
    column = source.columns.get(key)
    if column is None:
        raise QueryError(f"unknown column {key!r}")
    return column


def expression_of(source: Source, key: str) -> ColumnElement:
    column = column_of(source, key)
    if isinstance(column, Column):
        return column.expr
    own, other = expression_of(source, column.own), expression_of(source, column.other)
    return sa.case((_own_missing(own), other), else_=own)


def _blank_text(value: object) -> bool:
    return isinstance(value, str) and not value.strip(" ")


def _own_missing(own: ColumnElement) -> ColumnElement:
    # SQL's trim takes spaces only: a value of tabs alone counts as given (metrics.md: blank).
    return sa.or_(own.is_(None), sa.func.trim(own) == "")


def _lift(
    source: Source, link: str | None, condition: ColumnElement, on_null: bool, stop: str | None
) -> ColumnElement:
    """A condition on a linked table's row as a semi-join on the key, up to the link stop.

    on_null says whether the condition holds for a row that is not there (NULLs).
    """
    while link != stop:
        step = source.links[link]
        chosen = step.fk.in_(sa.select(step.pk).where(condition).correlate(None))
        if on_null:
            absent = step.fk.not_in(sa.select(step.pk).where(step.pk.is_not(None)).correlate(None))
            chosen = sa.or_(chosen, step.fk.is_(None), absent)
        condition, link = chosen, step.parent
    return condition


def _leaf(
    source: Source, key: str, build, on_null: bool, stop: str | None = None, blank: bool = True
):
    """A condition on one column, as a condition on the stop link's rows (the base: None)."""
    column = column_of(source, key)
    if isinstance(column, Column):
        return _lift(source, column.link, build(column.expr), on_null, stop)
    own = column_of(source, column.own)
    assert isinstance(own, Column)  # a fallback's own value is a plain column
    other = _leaf(source, column.other, build, on_null, own.link, blank)
    missing = _own_missing(own.expr)
    # Where the condition cannot hold for a blank own value, it needs no guard against one.
    given = sa.and_(~missing, build(own.expr)) if blank else build(own.expr)
    chosen = sa.or_(given, sa.and_(missing, other))
    return _lift(source, own.link, chosen, on_null, stop)


def _is_text(expression: ColumnElement) -> bool:
    return isinstance(expression.type, sa.String)


def _blank(expression: ColumnElement) -> ColumnElement:
    if _is_text(expression):
        return sa.or_(expression.is_(None), sa.func.trim(expression) == "")
    return expression.is_(None)


def _text_match(expression: ColumnElement, op: str, value: object) -> ColumnElement:
    text = str(value)
    if op in ("contains", "not_contains", "starts_with", "ends_with"):
        start, end = op != "starts_with", op != "ends_with"
        pattern = sa.literal(sqlfuncs.like_pattern(text, start, end), sa.String)
        found = sqlfuncs.folded_like(expression, pattern)
        if op in ("starts_with", "ends_with"):
            return found
    else:
        found = sa.func.lower(expression) == sa.func.lower(sa.literal(text, sa.String))
    return found if op in ("contains", "equals") else sa.or_(expression.is_(None), ~found)


def _match(expression: ColumnElement, op: str, value: object) -> ColumnElement:
    if op == "blank":
        return _blank(expression)
    if op == "not_blank":
        return ~_blank(expression)
    if _is_text(expression) and op in TEXT_OPS:
        return _text_match(expression, op, value)
    if op == "equals":
        return expression == value
    if op == "not_equals":
        return sa.or_(expression.is_(None), expression != value)
    if op in TEXT_OPS:
        raise QueryError(f"the operator {op!r} needs a text column")
    compare = {"lt": "__lt__", "lte": "__le__", "gt": "__gt__", "gte": "__ge__"}[op]
    return getattr(expression, compare)(value)


def _one_of(expression: ColumnElement, item: OneOf) -> ColumnElement:
    parts = [expression.in_(list(item.values))] if item.values else []
    if item.null:
        parts.append(expression.is_(None))
    return sa.or_(*parts) if parts else sa.false()


def _among(source: Source, item: Among) -> ColumnElement:
    column = column_of(source, item.column)
    if not isinstance(column, Column):
        raise QueryError(f"the column {item.column!r} is not held by one table")
    parts = []
    # Ids the database gave, written into the statement: thousands of them would pass the
    # limit of bound values that older SQLite libraries have (999). Integers only: every
    # id is an INTEGER PRIMARY KEY, so another key (text in a SQLite key column) names no row.
    keys = [key for key in item.ids if isinstance(key, int)]
    if keys:
        ids = sa.bindparam(None, keys, expanding=True, literal_execute=True)
        if column.link is None:
            parts.append(source.id.in_(ids))
        else:
            step = source.links[column.link]
            parts.append(_lift(source, step.parent, step.fk.in_(ids), False, None))
    if item.value is not None:
        # The raw value the database gave, compared as it is (not converted by the type).
        raw = sa.type_coerce(column.expr, sa.types.NullType())
        equal = raw == sa.bindparam(None, item.value, type_=sa.types.NullType())
        parts.append(_lift(source, column.link, equal, False, None))
    return sa.or_(sa.false(), *parts)


def condition(source: Source, item: object, depth: int = 0) -> ColumnElement:
    if depth > 8:
        raise QueryError("conditions are nested too deeply")
    if isinstance(item, Match):
        if item.op not in OPS:
            raise QueryError(f"unknown operator {item.op!r}")
        if item.value is None and item.op not in ("blank", "not_blank"):
            raise QueryError(f"the operator {item.op!r} needs a value")
        on_null = item.op in ("blank", "not_contains", "not_equals")
        return _leaf(source, item.column, lambda e: _match(e, item.op, item.value), on_null)
    if isinstance(item, OneOf):
        blank = item.null or any(_blank_text(value) for value in item.values)
        return _leaf(source, item.column, lambda e: _one_of(e, item), item.null, blank=blank)
    if isinstance(item, AllOf | AnyOf):
        parts = [condition(source, part, depth + 1) for part in item.items]
        if isinstance(item, AllOf):
            return sa.and_(sa.true(), *parts)
        return sa.or_(sa.false(), *parts)
    if isinstance(item, Among):
        return _among(source, item)
    if isinstance(item, Problem):
        problem = source.problems.get(item.key)
        if problem is None:
            raise QueryError(f"unknown problem {item.key!r} for this table")
        return problem(tuple(item.values))
    raise QueryError(f"not a condition: {type(item).__name__}")


def named_columns(item: object) -> set[str] | None:
    """The columns a condition names, or None if it needs SQL of its own (a problem)."""
    if isinstance(item, Match | OneOf | Among):
        return {item.column}
    if isinstance(item, AllOf | AnyOf):
        named: set[str] = set()
        for part in item.items:
            part_named = named_columns(part)
            if part_named is None:
                return None
            named |= part_named
        return named
    return None


def ordering(source: Source, order: Order) -> list[ColumnElement]:
    expression = expression_of(source, order.column)
    if order.ranks:
        # CASE value WHEN raw THEN rank: the value (a fallback is a CASE itself) is computed
        # once per row, not once per rank; a raw value takes the first rank it is in.
        rank_of = order.rank_of()
        default = order.default_rank
        expression = sa.case(rank_of, value=expression, else_=default) if rank_of else sa.literal(0)
        # A rank is never NULL: no NULLs-last term, which computed the CASE once more per row
        # (people of Digital sorted by country at a million: 0.47 s -> 0.45 s).
        return [expression.desc() if order.descending else expression.asc()]
    # NULLs last in both directions, the same on every database.
    return [sqlfuncs.nulls_last(expression, order.descending)]


def links_of(source: Source, keys: Iterable[str]) -> set[str]:
    """The links that the columns named need, with the links those hang on."""
    needed: set[str] = set()
    for key in keys:
        column = column_of(source, key)
        if isinstance(column, Fallback):
            needed |= links_of(source, (column.own, column.other))
            continue
        link = column.link
        while link is not None:
            needed.add(link)
            link = source.links[link].parent
    return needed


def joined(source: Source, needed: set[str], inner: Collection[str] = ()) -> sa.FromClause:
    """The base joined to the links needed: outer joins, but for the links named inner."""
    joined = source.base
    for name, link in source.links.items():  # parents come before their children
        if name in inner:
            joined = joined.join(link.table, link.pk == link.fk)
        elif name in needed:
            joined = joined.outerjoin(link.table, link.pk == link.fk)
    return joined
