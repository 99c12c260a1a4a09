"""Row queries of the staff tables: a block of rows, their count, all of them streamed.

A query names its table, its event and conditions on the table's columns by key;
column keys are looked up in the table's own dictionary (never put into SQL as
text) and every value is a bound parameter. Read values (country, sector, ...)
are not known here: the caller translates them into the raw values that read so.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.sql import ColumnElement, Select

from data import sqlfuncs, table_sql
from data.schema import meeting_requests, organisations, participants
from data.schema import workshop_bookings as bookings
from data.table_model import Among, QueryError, RowQuery
from data.table_sources import BUILDERS, Column, Source

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
# Tables whose event is checked cheaply only for rows already chosen (Source.event_within):
# a whole event's first block is chosen among the table's first rows in the whole order.
CHOSEN_FIRST = frozenset({"organisations"})
# Databases whose equal values (for the sort) are equal in Python: SQLite compares text
# bytewise, PostgreSQL's collations break ties bytewise (deterministic collations, which
# registration-schema.sql's columns have). MySQL's and MariaDB's default collations ignore
# case and accents: "Anna" and "anna" are one value to their ORDER BY.
EQUAL_AS_PYTHON = frozenset({"sqlite", "postgresql"})


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


def _filtered(
    query: RowQuery, keys: Iterable[str] | None = (), event_joined: bool = False
) -> tuple[Source, list[ColumnElement], sa.FromClause]:
    """The query's table, its conditions, and its rows joined to the links that the
    columns `keys` need (None: every column), and to its event's link if event_joined."""
    source = table_sql.source(query)
    needed = table_sql.links_of(source, source.columns if keys is None else keys)
    if event_joined and source.event_link is not None:
        needed.add(source.event_link)
    inner = {source.event_link} & needed  # joined, it is the event's condition
    conditions = [table_sql.condition(source, item) for item in query.where]
    if query.among_first:  # on SQLite, the others are not a way into the rows
        conditions = [sqlfuncs.broad(c) for c in conditions[:-1]] + conditions[-1:]
    where = list(conditions)
    if conditions and source.event_within is not None:
        if not inner:
            where.append(source.event_within(conditions))
        if source.links_within is not None:
            source = source.links_within(conditions)
    elif source.event is not None and not inner:
        where.append(sqlfuncs.broad(source.event) if query.event_broad else source.event)
    return source, where, table_sql.joined(source, needed, inner)


def _chosen_ids(query: RowQuery) -> tuple[Source, Select]:
    source, where, rows = _filtered(query, [item.column for item in query.order])
    order = [part for item in query.order for part in table_sql.ordering(source, item)]
    ids = sa.select(source.id).select_from(rows).where(*where).order_by(*order, source.id.asc())
    return source, ids


def _all_columns(source: Source, rows: sa.FromClause) -> Select:
    columns = [table_sql.expression_of(source, key).label(key) for key in source.columns]
    return sa.select(*columns).select_from(rows)


def select_rows(query: RowQuery) -> Select:
    """Every row of the query with every column labelled by its key, in the query's order."""
    source, where, rows = _filtered(query, None)
    order = [part for item in query.order for part in table_sql.ordering(source, item)]
    return _all_columns(source, rows).where(*where).order_by(*order, source.id.asc())


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
    every = table_sql.joined(source, set(source.links))
    rows = conn.execute(_all_columns(source, every).where(source.id.in_(list(ids)))).mappings()
    by_id = {row["id"]: dict(row) for row in rows}
    return [by_id[i] for i in ids if i in by_id]


def _plain(table: sa.FromClause) -> bool:
    """A table or an alias of one (not a subquery, whose rows need the whole event)."""
    return isinstance(getattr(table, "element", table), sa.Table)


def _apart(source: Source, query: RowQuery) -> bool:
    """Whether the query's conditions name no column of the rows linked for its first sort:
    requests to the sector Digital sorted by their requester's organisation are among the
    requests from the first organisations by name as often as among the others; sorted by
    their recipient, whose organisation is in that sector or not, they are not."""
    named: set[str] = set()
    for item in query.where:
        item_named = table_sql.named_columns(item)
        if item_named is None:
            return False
        named |= item_named
    sorted_by = table_sql.links_of(source, [query.order[0].column])
    return not table_sql.links_of(source, named) & sorted_by


def first_of_sort(conn: Connection, query: RowQuery, rows: int) -> tuple[Among, bool] | None:
    """A condition choosing rows among which the query's first block is, read ahead of it
    from the first `rows` rows, in the order of the query's first sort, of the table that
    holds its column; and whether no row of that table with a value follows those. None
    where the sort cannot be read so.

    A linked table's column (a request's requester, a person's organisation): the rows
    linked to those rows, but to none of the last run of equal values, whose other rows
    may follow; if that run is every row read, the rows linked to a row of that value.
    Those are every row that sorts before the others, with a lower value or the same
    (NULL, or no linked row at all, sorts last); read so under conditions on other
    links only (`_apart`). A table of CHOSEN_FIRST sorted by its own columns, with no
    condition: its first rows in the query's whole order, of which the first block is the
    first of those that the event has.
    """
    if not query.order:
        return None
    source = table_sql.source(query)
    first = query.order[0]
    column = table_sql.column_of(source, first.column)
    if not isinstance(column, Column):
        return None  # computed from two tables (a fallback)
    if column.link is None:
        needed = table_sql.links_of(source, [item.column for item in query.order])
        if (
            query.where
            or query.table not in CHOSEN_FIRST
            or not all(_plain(source.links[name].table) for name in needed)
        ):
            return None
        order = [part for item in query.order for part in table_sql.ordering(source, item)]
        ids = (
            sa.select(source.id)
            .select_from(table_sql.joined(source, needed))
            .order_by(*order, source.id.asc())
            .limit(rows)
        )
        found = conn.execute(ids).scalars().all()
        return Among(first.column, tuple(found)), len(found) < rows
    link = source.links[column.link]
    if first.ranks or conn.dialect.name not in EQUAL_AS_PYTHON:
        return None
    if not _apart(source, query):
        return None
    if not _plain(link.table) and not first.descending:
        # A count per row (an organisation's participants): its largest values are few,
        # its smallest most rows' (one participant), one run from which nothing is cut
        # and that is not read without the whole count (0.5 s in vain at a million).
        return None
    # The raw value, not converted to a Python type: compared as the database compares it.
    value = sa.type_coerce(column.expr, sa.types.NullType())
    keys = (
        sa.select(link.pk, value)
        .select_from(link.table)
        .order_by(sqlfuncs.nulls_last(column.expr, first.descending), link.pk.asc())
        .limit(rows)
    )
    valued = [key_value for key_value in conn.execute(keys).all() if key_value[1] is not None]
    if len(valued) < rows:  # a NULL value, or the table's end, came first
        return Among(first.column, tuple(key for key, _value in valued)), True
    last = valued[-1][1]
    while valued and valued[-1][1] == last:
        valued.pop()
    if not valued:  # one value's run, longer than the rows read (a sector, say)
        return (Among(first.column, value=last), False) if _plain(link.table) else None
    return Among(first.column, tuple(key for key, _value in valued)), False


def in_order(conn: Connection, values: Sequence) -> list:
    """The values given (no NULL), in the order in which the database sorts them.

    SQLite compares text bytewise (its BINARY collation), in the order of Python's code
    points, after numbers and before blobs. Elsewhere the database sorts them itself, in
    the collation of its text.
    """
    if conn.dialect.name == "sqlite":
        kinds = {int: 0, float: 0, str: 1, bytes: 2}
        return sorted(values, key=lambda value: (kinds.get(type(value), 1), value))
    if not values:
        return []
    given = sa.union_all(*(sa.select(sa.literal(v, sa.String()).label("value")) for v in values))
    given = given.subquery("given")
    return conn.execute(sa.select(given.c.value).order_by(given.c.value)).scalars().all()


def count(conn: Connection, query: RowQuery) -> int:
    """How many rows the query selects.

    SQLite counts the organisations of a whole event faster as those whose people it
    counts (a join: 0.43 s at a million participants) than against the list of the
    event's people's organisations (1.20 s); PostgreSQL the other way round (1.11 s
    against 0.44 s, and 0.79 against 0.31 s for the sector Digital).
    """
    _source, where, rows = _filtered(query, event_joined=conn.dialect.name == "sqlite")
    total = sa.select(sa.func.count()).select_from(rows).where(*where)
    return int(conn.execute(total).scalar_one())


def count_each(conn: Connection, query: RowQuery, named: Mapping[str, tuple]) -> dict[str, int]:
    """For each named tuple of extra conditions, how many of the query's rows meet them."""
    if not named:
        return {}
    source, where, rows = _filtered(query)
    sums = []
    for items in named.values():
        met = sa.and_(sa.true(), *[table_sql.condition(source, item) for item in items])
        sums.append(sa.func.coalesce(sa.func.sum(sa.case((met, 1), else_=0)), 0))
    row = conn.execute(sa.select(*sums).select_from(rows).where(*where)).one()
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
