"""Rows of the staff tables for the grid and the downloads: query, count, format.

A TableRequest is what the page asks for (table, view state, the grid's sort and
filter models, the quick search, a data-quality problem); the service turns it into
one data.tables.RowQuery, checked column by column, and formats the rows it gets
back the way the user reads them. Distinct raw values and counts are remembered
per data version in the service's own small cache (never in the shared one, which
holds the figures of every page).
"""

from __future__ import annotations

import array
import contextlib
import datetime as dt
import hashlib
import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from dashboard import readings, table_quality
from dashboard import tables as tb
from dashboard.cache import Cache, MemoryCache
from dashboard.event_data import Event
from dashboard.service import DataService, describe
from dashboard.state import ViewState
from data import quality
from data import tables as data_tables
from data.table_model import OneOf, Order, RowQuery

log = logging.getLogger(__name__)
MEMO_ITEMS = 256
# The readings of the page's filter bar (country, sector, type): their raw values are read
# as soon as a new data version is seen, so that the first filter does not wait for them.
FILTER_BAR = ("country", "sector", "org_type")
AHEAD_THREAD = "filter-values-ahead"  # the name of the thread that reads them
COUNT_THREAD = "count-beside"  # the name of a thread that counts beside a first block
# Databases that run one statement on several cores (PostgreSQL's parallel workers): a
# first block's count is not read beside it (see TableService._first_ids).
PARALLEL_STATEMENTS = frozenset({"postgresql"})
MEMO_TTL_S = 3600
EXPORT_TIMEOUT_S = 3600.0
ID_LISTS = 8
# A first block sorted by a read value (country, sector, ...) of a whole event is read one
# rank after the other, for at most this many ranks; then sorted at once (`_walk_ranks`).
RANK_WALK = 3
# A first block sorted by a linked row's value (a requester's name, an organisation's) is
# chosen among the rows linked to the first of this many linked rows in that order, then
# of the next number; then sorted at once (`_walk_sort`).
SORT_WALK = (512, 4096)
# Under conditions, so only where they choose at least this share of the event's rows (as
# their count, read for an earlier sort, says), reading as many more linked rows as they
# choose fewer (at most SORT_WALK_MOST): narrower, they are found faster by themselves.
SORT_WALK_SHARE = 0.1
SORT_WALK_MOST = 16384
# An event holding more than this share of a table's rows is no narrower a way into the
# table than the other conditions (1,696,832 of 3,159,375 requests in the million demo).
BROAD_SHARE = 0.2


@dataclass(frozen=True)
class TableRequest:
    """What the page asks of one table."""

    table: str
    state: ViewState
    filter_model: object = None
    sort_model: object = None
    search: str | None = None
    problem: str | None = None
    user: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Prepared:
    """A request checked and translated: the query, its event, and how to show its rows."""

    request: TableRequest
    query: RowQuery
    event: Event | None
    version: str
    context: tb.Context


def time_text(value: object, zone: dt.tzinfo) -> str | None:
    """A stored UTC time as the event's local time, to the minute."""
    if not isinstance(value, dt.datetime):
        return None if value is None else str(value)
    return value.replace(tzinfo=dt.UTC).astimezone(zone).strftime("%Y-%m-%d %H:%M")


def cell(col: tb.Col, row: dict, ctx: tb.Context) -> object:
    """One cell as the user reads it: labels for read values, local times, text as text."""
    value = row.get(col.source)
    if col.kind == tb.READ:
        return readings.label(col.reading, readings.read(col.reading, value), ctx.lang)
    if col.kind == tb.TIME:
        return time_text(value, ctx.zone)
    if col.kind == tb.NUMBER:
        return value if isinstance(value, int | float) or value is None else str(value)
    return value if value is None or isinstance(value, str) else str(value)


class TableService:
    """The staff tables' reads, on top of the data service."""

    def __init__(self, service: DataService, memo: Cache | None = None) -> None:
        self.service = service
        self.memo = memo or MemoryCache(MEMO_ITEMS)
        # Each list may hold a million ids (8 MB as an array): only a few are kept.
        self.id_lists: Cache = MemoryCache(ID_LISTS)
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()
        self._warmed: str | None = None

    # --- reading the database ----------------------------------------------------------
    @contextlib.contextmanager
    def connect(self, export: bool = False) -> Iterator[sa.Connection]:
        """A connection; database errors become DataUnavailable with a readable reason.

        An export streams for minutes, far past the statement timeout that protects the
        pages: SQLite's (a progress handler on this connection alone) is lifted for it;
        PostgreSQL fetches a server-side cursor in short statements anyway.
        """
        try:
            with self.service.engine.connect() as conn:
                if conn.dialect.name == "sqlite":
                    _tune_sqlite(conn, export)
                yield conn
        except (DBAPIError, SQLAlchemyError, OSError) as exc:
            raise describe(exc) from exc

    def remember(self, key: str, compute: Callable[[sa.Connection], object]) -> object:
        """A value computed once per key (keys name the data version) in this service's cache."""
        value = self.memo.get(key)
        if value is not None:
            return value
        with self._lock(key):  # the grid's rows and its count ask at the same moment
            value = self.memo.get(key)
            if value is None:
                with self.connect() as conn:
                    value = compute(conn)
                self.memo.set(key, value, MEMO_TTL_S)
        return value

    def _lock(self, key: str) -> threading.Lock:
        with self._locks_guard:
            if len(self._locks) > MEMO_ITEMS:
                self._locks.clear()
            return self._locks.setdefault(key, threading.Lock())

    def distinct(self, version: str, key: str) -> tuple:
        """The distinct raw values of one read column, at a data version."""
        return self.remember(
            f"distinct:{version}:{key}", lambda c: data_tables.distinct_values(c, key)
        )

    def distinct_each(self, version: str, keys: tuple) -> dict[str, tuple]:
        """The distinct raw values of several read columns; those not read yet are read side
        by side, each on its own connection (a country is in the participants' and in the
        organisations' table: scans of 0.27 s and 0.12 s at a million participants)."""
        missing = [k for k in keys if self.memo.get(f"distinct:{version}:{k}") is None]
        if len(missing) > 1:
            errors: list[Exception] = []

            def read(key: str) -> None:
                try:
                    self.distinct(version, key)
                except Exception as exc:  # raised again in the caller's thread, below
                    errors.append(exc)

            readers = [threading.Thread(target=read, args=(k,), name="distinct") for k in missing]
            for reader in readers:
                reader.start()
            for reader in readers:
                reader.join()
            if errors:
                raise errors[0]
        return {key: self.distinct(version, key) for key in keys}

    def warm(self, version: str) -> threading.Thread | None:
        """Read the raw values of the filter bar's readings at a new data version, in the
        background (once per version); returns the thread started, if one was.

        A filter chosen after a change no longer waits for them: at a million participants
        a country's are scans of 0.27 s and 0.12 s. A request that needs a value meanwhile
        waits for this read of it (one lock per value), not for a second one; if the read
        fails, that request reads it again and says why.
        """
        with self._locks_guard:
            if self._warmed == version:
                return None
            self._warmed = version
        keys = [key for reading in FILTER_BAR for key in readings.SOURCES[reading]]

        def read() -> None:
            try:
                for key in keys:  # one after the other: nobody waits for the thread
                    self.distinct(version, key)
            except Exception as exc:  # a background read: the next request reads again
                log.warning("filter values not read ahead: %s", exc)

        reader = threading.Thread(target=read, name=AHEAD_THREAD, daemon=True)
        reader.start()
        return reader

    # --- checking and translating a request ------------------------------------------
    def prepare(self, request: TableRequest) -> Prepared:
        """Check the request and translate it (ModelError, DataUnavailable)."""
        version = self.service.version()
        event = self.service.event(request.state.event, version)
        zone = event.zone if event is not None else dt.UTC

        def raws(reading: str) -> tuple:
            keys = readings.SOURCES[reading]
            return readings.domain(reading, self.distinct_each(version, keys))

        ctx = tb.Context(raws, zone, request.state.lang)
        query = self._query(request, event, ctx)
        if self._event_is_broad(version, query):
            query = replace(query, event_broad=True)
        return Prepared(request, query, event, version, ctx)

    def _query(self, request: TableRequest, event: Event | None, ctx: tb.Context) -> RowQuery:
        table = request.table
        tb.columns(table)  # refuses an unknown table
        where = (
            *tb.dimension_items(request.state.filters, ctx),
            *tb.filter_items(table, request.filter_model, ctx),
            *tb.search_items(table, request.search),
        )
        query = RowQuery(
            table, event.id if event else None, where, tb.orders(table, request.sort_model, ctx)
        )
        return _constant_sorts_dropped(table_quality.narrowed(query, request.problem, ctx))

    def _event_is_broad(self, version: str, query: RowQuery) -> bool:
        """Whether the query's event holds more than BROAD_SHARE of its table's rows.

        Asked only where the answer changes the plan (data.sqlfuncs.broad): on SQLite, of
        a table read through linked keys, when other conditions could choose the rows.
        Both counts are kept per data version; the event's is the page's "of N" too.
        """
        if (
            query.event_id is None
            or not query.where
            or query.table not in data_tables.KEYED
            or self.service.engine.dialect.name != "sqlite"
        ):
            return False
        table = self._count(version, RowQuery(query.table, None))
        return self._count(version, RowQuery(query.table, query.event_id)) > BROAD_SHARE * table

    # --- rows and counts -------------------------------------------------------------
    def rows(self, prepared: Prepared, start: int, stop: int) -> list[dict]:
        """Rows start to stop, formatted for the grid.

        The first block is read with LIMIT (`_first_ids`); a later one (the user scrolls)
        from the ids of every selected row in order, read once per data version and kept,
        so that scrolling does not sort the whole table again for each block.
        """
        query = prepared.query
        first = None
        if start == 0 and stop <= tb.BLOCK_ROWS:
            first = self._first_ids(prepared)[:stop]
        with self.connect() as conn:
            if first is not None:
                raw = data_tables.rows_by_id(conn, query, first)
            elif start == 0:
                raw = data_tables.block(conn, query, start, stop)
            else:
                ids = self._ordered_ids(prepared.version, query)
                raw = data_tables.rows_by_id(conn, query, ids[start:stop])
        cols = tb.COLUMNS[prepared.request.table]
        return [{c.key: cell(c, row, prepared.context) for c in cols} for row in raw]

    def _ordered_ids(self, version: str, query: RowQuery) -> array.array | list:
        key = f"ids:{version}:{_digest(query)}"
        ids = self.id_lists.get(key)
        if ids is None:
            with self._lock(key), self.connect() as conn:
                ids = self.id_lists.get(key) or _compact(data_tables.ordered_ids(conn, query))
            self.id_lists.set(key, ids, MEMO_TTL_S)
        return ids

    def _first_ids(self, prepared: Prepared) -> list:
        """The first block's ids (LIMIT), read once per data version and query.

        The grid asks for its rows and the page for "n of N" at the same moment. Where a
        statement runs on one core (SQLite, MariaDB), the count is read beside the block
        on a connection of its own (`_count_beside`), so that the rows do not wait for it:
        at a million participants on SQLite, requests to the sector Digital 0.54 s,
        against 0.65 s for the block and its count in one statement (count(*) OVER ()
        gathers every selected row before LIMIT keeps the first). PostgreSQL runs one
        statement on both cores of this machine already: a block and its count side by
        side took 0.77-0.98 s, one after the other 0.42 + 0.39 s (People of a country
        whose e-mail contains "e", by last name), and in one statement its planner sorted
        all 1.7 million requests of the event before choosing those to Digital (13.8 s,
        against 0.77 s for the block alone). There the count is read when it is asked for.
        """
        if self.service.engine.dialect.name not in PARALLEL_STATEMENTS:
            self._count_beside(prepared)

        def read(conn: sa.Connection) -> list:
            for walk in (self._walk_ranks, self._walk_sort):
                walked = walk(conn, prepared)
                if walked is not None:
                    return walked
            return data_tables.block_ids(conn, prepared.query, 0, tb.BLOCK_ROWS)

        return self.remember(f"first:{prepared.version}:{_digest(prepared.query)}", read)

    def _walk_ranks(self, conn: sa.Connection, prepared: Prepared) -> list | None:
        """The first block of a whole event sorted by a read value (or a value as stored
        that a reading reads, `_raw_ranks`), read rank by rank, or None where that does
        not apply (a condition, another sort) or does not fill it.

        Sorted at once, every row's value is read (joined, for a linked row's) before the
        first hundred are known: at a million participants the requests sorted by their
        recipient's country took 3.8 s, the bookings by their participant's 2.2 s. The
        rows of the first rank in the sort's direction (Denmark, say) are those a filter on
        that value chooses, in the sort's other orders: read as such, through the indexes a
        filter uses, 0.25 s and 0.32 s (the people by country 1.22 s -> 0.09 s). The rank
        that NULL and unknown values have (Unknown) is where the walk stops: its rows are
        not one filter's. After RANK_WALK ranks short of a block the whole sort is read.
        """
        query = prepared.query
        if query.where or query.table not in data_tables.RANK_WALKS or not query.order:
            return None
        first, rest = query.order[0], query.order[1:]
        grouped, stop = first.ranks, first.default_rank
        if not grouped:
            grouped, stop = self._raw_ranks(conn, prepared), None
        ranks = range(len(grouped))
        ids: list = []
        steps = 0
        for rank in reversed(ranks) if first.descending else ranks:
            if steps == RANK_WALK or rank == stop:
                return None
            if not grouped[rank]:
                continue  # a read value that no raw value reads as: no rows
            steps += 1
            part = replace(query, where=(OneOf(first.column, grouped[rank]),), order=rest)
            ids += self._part_block(conn, prepared.version, part, tb.BLOCK_ROWS - len(ids))
            if len(ids) >= tb.BLOCK_ROWS:
                return ids
        return None

    def _part_block(self, conn: sa.Connection, version: str, part: RowQuery, rows: int) -> list:
        """The first ids of a part of a walk, its event marked broad where that helps."""
        part = replace(part, event_broad=self._event_is_broad(version, part))
        return data_tables.block_ids(conn, part, 0, rows)

    def _raw_ranks(self, conn: sa.Connection, prepared: Prepared) -> tuple[tuple, ...]:
        """Each raw value of a column as stored that a reading reads (a country as given),
        in the order the database sorts them, as a rank of its own (NULL has none: rows
        without a value sort last, where the walk ends); () for other columns.

        Where the database's equal values are not Python's (MySQL's and MariaDB's "dk" and
        "DK"), one value's rows are another's too: ().
        """
        reading = tb.raw_reading(prepared.request.table, prepared.query.order[0].column)
        if reading is None or conn.dialect.name not in data_tables.EQUAL_AS_PYTHON:
            return ()
        raws = [raw for raw in prepared.context.raws(reading) if raw is not None]
        return tuple((raw,) for raw in data_tables.in_order(conn, raws))

    def _walk_sort(self, conn: sa.Connection, prepared: Prepared) -> list | None:
        """The first block chosen among the rows linked to the first rows, in the sort's
        order, of the table that holds its first sort's column; or None where that does
        not apply (a sort data.tables.first_of_sort cannot read so, conditions that choose
        too few rows or whose count is not known yet) or does not fill it.

        Sorted at once, every selected row is joined to its linked row before the first
        hundred are known: at a million participants the requests of the whole event
        sorted by their requester's organisation took 3.5 s, by the requester's name 2.4 s,
        those to the sector Digital 1.16 s. The first 512 organisations by name are read in
        0.06 s, the first 512 participants by name in 0.45 s (a scan with no join), and the
        requests from them through the index on their key; the block is the first hundred
        of those that the conditions choose, sorted as the table is. The organisations,
        whose event is a check of their people, are chosen among the first of all
        organisations in the table's order so.
        """
        query = prepared.query
        if not query.order:
            return None
        share = 1.0
        if query.where:
            share = self._known_share(prepared)
            if share is None or share < SORT_WALK_SHARE:
                return None
        for rows in SORT_WALK:
            found = data_tables.first_of_sort(conn, query, min(int(rows / share), SORT_WALK_MOST))
            if found is None:
                return None
            among, ended = found
            if query.where and (ended or not among.ids):
                # A small linked table (the workshops), or one value's run (a type): the
                # rows the conditions choose are not found faster among those linked to it.
                return None
            part = replace(query, where=(*query.where, among), among_first=bool(query.where))
            ids = self._part_block(conn, prepared.version, part, tb.BLOCK_ROWS)
            if len(ids) >= tb.BLOCK_ROWS:
                return ids
            if ended:
                return None
        return None

    def _known_share(self, prepared: Prepared) -> float | None:
        """The share of the event's rows that the request selects, if both counts are kept."""
        selected, everything = (self.memo.get(key) for key in self._count_keys(prepared))
        if selected is None or not everything:
            return None
        return int(selected) / int(everything)

    def _count_beside(self, prepared: Prepared) -> threading.Thread | None:
        """Count the request's rows in the background while its first block is read, unless
        the counts are known; returns the thread started, if one was.

        "n of N", asked of the same worker, waits for this count (one lock per count), not
        for a second one. A failed count is read again, and explained, by the request
        that needs it.
        """
        if all(self.memo.get(key) is not None for key in self._count_keys(prepared)):
            return None

        def count() -> None:
            try:
                self.counts(prepared)
            except Exception as exc:  # a background read: the count's own request reads again
                log.warning("table count not read beside its block: %s", exc)

        counter = threading.Thread(target=count, name=COUNT_THREAD, daemon=True)
        counter.start()
        return counter

    def _count_queries(self, prepared: Prepared) -> tuple[RowQuery, RowQuery]:
        query = prepared.query
        # The order does not change the count: sorted another way, the count is kept.
        return replace(query, order=()), RowQuery(query.table, query.event_id)

    def _count_keys(self, prepared: Prepared) -> list[str]:
        return [_count_key(prepared.version, q) for q in self._count_queries(prepared)]

    def counts(self, prepared: Prepared) -> tuple[int, int]:
        """How many rows the request selects, and how many the table holds for the event."""
        selected, everything = self._count_queries(prepared)
        return self._count(prepared.version, selected), self._count(prepared.version, everything)

    def _count(self, version: str, query: RowQuery) -> int:
        return int(self.remember(_count_key(version, query), lambda c: data_tables.count(c, query)))

    def stream(self, prepared: Prepared) -> Iterator[list]:
        """Every selected row as a list of cells in column order, read a batch at a time."""
        cols = tb.COLUMNS[prepared.request.table]
        with self.connect(export=True) as conn:
            for row in data_tables.stream(conn, prepared.query):
                yield [cell(c, row, prepared.context) for c in cols]

    def quality_counts(self, state: ViewState) -> dict[str, int]:
        """The count of every data-quality problem, under the filter bar's filters."""
        counts: dict[str, int] = {}
        for table in tb.TABLES:
            prepared = self.prepare(TableRequest(table, state))
            for every_event in (False, True):
                query = prepared.query
                if every_event:
                    query = replace(query, event_id=None)
                named = table_quality.named(table, every_event, prepared.context)
                key = f"quality:{prepared.version}:{_digest((query, tuple(named)))}"
                counts |= self.remember(key, lambda c, q=query, n=named: _count_each(c, q, n))
        version = self.service.version()
        dangling = self.remember(f"dangling:{version}", quality.dangling_counts)
        return counts | {key: dangling[key] for key in table_quality.COUNT_ONLY}


def wait_for_reads_aside() -> None:
    """Wait until the background reads of every TableService (filter values read ahead,
    counts read beside a first block) are done: for a bench or test that times, or checks,
    what comes next on a quiet process."""
    for thread in threading.enumerate():
        if thread.name in (AHEAD_THREAD, COUNT_THREAD):
            thread.join()


def _constant_sorts_dropped(query: RowQuery) -> RowQuery:
    """The query without the sorts by a read value that every row it selects has alike.

    Requests to the sector Digital sorted by their recipient's sector are sorted by the
    rest of the sort: so written, PostgreSQL sorted the event's 1.7 million requests by
    that sector first and then looked for Digital's among them (6.5 s at a million
    participants, against 0.4 s).
    """
    chosen = [item for item in query.where if isinstance(item, OneOf)]

    def constant(order: Order) -> bool:
        rank_of = order.rank_of()
        for item in chosen:
            if item.column != order.column:
                continue
            ranks = {rank_of.get(raw, order.default_rank) for raw in item.values}
            if len(ranks | ({order.default_rank} if item.null else set())) == 1:
                return True
        return False

    kept = tuple(order for order in query.order if not (order.ranks and constant(order)))
    return query if kept == query.order else replace(query, order=kept)


def _tune_sqlite(conn: sa.Connection, export: bool) -> None:
    """An export reads the whole file: without mmap (which every read has, data.engine)
    its pages are not counted in the server's memory while it streams for minutes."""
    if not export:
        return
    conn.exec_driver_sql("PRAGMA mmap_size = 0")
    driver = conn.connection.driver_connection
    if hasattr(driver, "limit_s"):  # data.engine's timed connection, used by this export only
        driver.limit_s = EXPORT_TIMEOUT_S


def _count_each(conn: sa.Connection, query: RowQuery, named: dict) -> dict[str, int]:
    return data_tables.count_each(conn, query, named)


def _compact(ids: list) -> array.array | list:
    """Ids as a compact array when they are integers (they are the tables' primary keys)."""
    try:
        return array.array("q", ids)
    except (TypeError, OverflowError):
        return ids


def _count_key(version: str, query: RowQuery) -> str:
    return f"count:{version}:{_digest(query)}"


def _digest(value: object) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()[:24]
