"""Row queries of the staff tables: a block of rows, their count, all of them streamed.

A query names its table, its event and conditions on the table's columns by key;
column keys are looked up in the table's own dictionary (never put into SQL as
text) and every value is a bound parameter. Read values (country, sector, ...)
are not known here: the caller translates them into the raw values that read so.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.sql import ColumnElement, Select

from data import sqlfuncs, table_sql
from data.schema import meeting_requests, organisations, participants
from data.schema import workshop_bookings as bookings
from data.table_model import QueryError, RowQuery
from data.table_sources import BUILDERS, Source

TABLES = tuple(BUILDERS)
# Tables whose linked rows are found through an index on the base's key (requester,
# recipient, participant): a condition on them can choose rows faster than the event can.
KEYED = frozenset({"requests", "bookings"})
STREAM_BATCH = 2000
# Tables whose rows of one read value (a country, a sector, ...) are found through an index
# on the people's columns or the keys to them. An organisation's are chosen by a scan of
# the organisations and checked against the event's people: a first block read rank by
# rank (dashboard.table_service) costs each rank what the whole sort costs.
RANK_WALKS = frozenset({"people", "requests", "bookings"})


# Columns whose distinct raw values the caller may need, to translate read values.
DISTINCT = {
    "participant_country": participants.c.country_code,
    "participant_status": participants.c.status,
    "role": participants.c.role,
    "organisation_country": organisations.c.country_code,
    "sector": organisations.c.sector,
    "org_type": organisations.c.org_type,
    "request_status": meeting_requests.c.status,
    "booking_status": bookings.c.status,
}


def _filtered(query: RowQuery) -> tuple[Source, list[ColumnElement]]:
    source = table_sql.source(query)
    conditions = [table_sql.condition(source, item) for item in query.where]
    where = list(conditions)
    if conditions and source.event_within is not None:
        where.append(source.event_within(conditions))
        if source.links_within is not None:
            source = source.links_within(conditions)
    elif source.event is not None:
        where.append(sqlfuncs.broad(source.event) if query.event_broad else source.event)
    return source, where


def _chosen_ids(query: RowQuery) -> tuple[Source, Select]:
    source, where = _filtered(query)
    order = [part for item in query.order for part in table_sql.ordering(source, item)]
    needed = table_sql.links_of(source, [item.column for item in query.order])
    ids = (
        sa.select(source.id)
        .select_from(table_sql.joined(source, needed))
        .where(*where)
        .order_by(*order, source.id.asc())
    )
    return source, ids


def _all_columns(source: Source) -> Select:
    columns = [table_sql.expression_of(source, key).label(key) for key in source.columns]
    return sa.select(*columns).select_from(table_sql.joined(source, set(source.links)))


def select_rows(query: RowQuery) -> Select:
    """Every row of the query with every column labelled by its key, in the query's order."""
    source, where = _filtered(query)
    order = [part for item in query.order for part in table_sql.ordering(source, item)]
    return _all_columns(source).where(*where).order_by(*order, source.id.asc())


def block_ids(conn: Connection, query: RowQuery, start: int, stop: int) -> list:
    """The ids of rows start to stop (exclusive) of the query, in its order (LIMIT)."""
    _source, ids = _chosen_ids(query)
    return conn.execute(ids.limit(max(stop - start, 0)).offset(max(start, 0))).scalars().all()


def block(conn: Connection, query: RowQuery, start: int, stop: int) -> list[dict]:
    """Rows start to stop (exclusive) of the query: chosen on the base, then joined."""
    return rows_by_id(conn, query, block_ids(conn, query, start, stop))


def ordered_ids(conn: Connection, query: RowQuery) -> list:
    """The ids of every row of the query, in its order (to page through without re-sorting)."""
    _source, ids = _chosen_ids(query)
    return conn.execute(ids).scalars().all()


def rows_by_id(conn: Connection, query: RowQuery, ids: Sequence) -> list[dict]:
    """The rows of the query's table with the ids given, in that order."""
    if not ids:
        return []
    source = table_sql.source(query, ids)
    rows = conn.execute(_all_columns(source).where(source.id.in_(list(ids)))).mappings()
    by_id = {row["id"]: dict(row) for row in rows}
    return [by_id[i] for i in ids if i in by_id]


def count(conn: Connection, query: RowQuery) -> int:
    """How many rows the query selects."""
    source, where = _filtered(query)
    total = sa.select(sa.func.count()).select_from(source.base).where(*where)
    return int(conn.execute(total).scalar_one())


def count_each(conn: Connection, query: RowQuery, named: Mapping[str, tuple]) -> dict[str, int]:
    """For each named tuple of extra conditions, how many of the query's rows meet them."""
    if not named:
        return {}
    source, where = _filtered(query)
    sums = []
    for items in named.values():
        met = sa.and_(sa.true(), *[table_sql.condition(source, item) for item in items])
        sums.append(sa.func.coalesce(sa.func.sum(sa.case((met, 1), else_=0)), 0))
    row = conn.execute(sa.select(*sums).select_from(source.base).where(*where)).one()
    return {name: int(value) for name, value in zip(named, row, strict=True)}


def stream(conn: Connection, query: RowQuery, batch: int = STREAM_BATCH) -> Iterator[dict]:
    """Every row of the query, fetched a batch at a time (server-side cursors where there are)."""
    result = conn.execution_options(stream_results=True, yield_per=batch).execute(
        select_rows(query)
    )
    for row in result.mappings():
        yield dict(row)


def distinct_values(conn: Connection, key: str) -> tuple:
    """The distinct raw values of one of the DISTINCT columns (a scan of its table)."""
    column = DISTINCT.get(key)
    if column is None:
        raise QueryError(f"unknown column {key!r}")
    return tuple(conn.execute(sa.select(column).distinct()).scalars())
