"""A whole event's first block read ahead of its sort (TableService._walk_sort) is the block
that the plain sort reads: on rows full of equal names, NULL and blank values and links to
rows that are not there, on SQLite and PostgreSQL (and MariaDB, where only the organisations'
own columns are read so)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from dashboard import table_service
from dashboard import tables as tb
from dashboard.cache import MemoryCache
from dashboard.service import DataService
from dashboard.state import parse_query
from dashboard.table_service import TableRequest, TableService
from data import tables as data_tables
from data.engine import make_engine, writable_engine
from data.schema import meeting_requests, organisations, participants, workshop_bookings
from data.table_model import Among, Order, RowQuery
from tests import small_event

NAMES = ["Anna", "Berg", "anna", "Åsa", " ", "", None]  # equal, case, blank and missing
ORGS = ["Aalto Cluster", "Food Valley Denmark", "aalto cluster", "Øresund", ""]


def _tied_rows(rng: random.Random, dangling: bool) -> dict:
    """Rows beside the small event's: many people and organisations share a name."""
    orgs = [
        dict(
            id=100 + i,
            name=rng.choice(ORGS),
            country_code=rng.choice(["DE", "dk", None]),
            sector=rng.choice(["Digital", "Health", None]),
            org_type=rng.choice(["SME", None]),
            cluster_id=rng.choice([None, 100, 101, 102, 1]),
        )
        for i in range(30)
    ]
    org_ids = [org["id"] for org in orgs] + [None] + ([98, "abc"] if dangling else [])
    people = [
        dict(
            id=100 + i,
            event_id=rng.choice([1, 2, 2]),
            organisation_id=rng.choice(org_ids),
            first_name=rng.choice(NAMES),
            last_name=rng.choice(NAMES),
            country_code=rng.choice(["SE", None]),
            status="confirmed",
            registered_at=dt.datetime(2026, 6, 1) + dt.timedelta(hours=i),
            matchmaking_opt_in=True,
        )
        for i in range(80)
    ]
    person_ids = [p["id"] for p in people] + ([997] if dangling else [])
    requests = [
        dict(
            id=100 + i,
            event_id=2,
            requester_id=rng.choice(person_ids),
            recipient_id=rng.choice(person_ids),
            status=rng.choice(["accepted", "pending"]),
            requested_at=dt.datetime(2026, 9, 1) + dt.timedelta(minutes=rng.randrange(5)),
        )
        for i in range(160)
    ]
    bookings = [
        dict(
            id=100 + i,
            workshop_id=rng.choice([1, 2, 3]),
            participant_id=rng.choice(person_ids),
            status="booked",
            booked_at=dt.datetime(2026, 9, 5) + dt.timedelta(minutes=rng.randrange(3)),
        )
        for i in range(90)
    ]
    return {
        organisations: orgs,
        participants: people,
        meeting_requests: requests,
        workshop_bookings: bookings,
    }


def _tied_service(url: str) -> TableService:
    engine = writable_engine(url)
    small_event.load(engine)
    dangling = engine.url.get_backend_name() == "sqlite"
    with engine.begin() as conn:
        for table, rows in _tied_rows(random.Random(7), dangling).items():
            conn.execute(table.insert(), rows)
    engine.dispose()
    return TableService(DataService(make_engine(url), MemoryCache()))


@pytest.fixture
def tied_sqlite(tmp_path):
    return _tied_service(f"sqlite:///{tmp_path / 'tied.sqlite'}")


def _sort_models(table: str) -> list[list[dict]]:
    """Each column of the table in both directions, and some with a second and third sort."""
    keys = [col.key for col in tb.COLUMNS[table]]
    models = [[{"colId": key, "sort": d}] for key in keys for d in ("asc", "desc")]
    rng = random.Random(table)
    for _ in range(12):
        picked = rng.sample(keys, 3)
        models.append([{"colId": key, "sort": rng.choice(["asc", "desc"])} for key in picked])
    return models


# The whole event, and conditions on each side of a request: sorted by the other side's
# rows, a first block is read ahead of the sort under them too.
QUERIES = ("?event=2", "?event=2&sector=Digital", "?event=2&country=DE")


def _requests():
    for table in tb.TABLES:
        for query in QUERIES:
            for model in _sort_models(table):
                yield table, query, model


def _compare_every_sort(tables: TableService, monkeypatch) -> tuple[dict[str, int], set]:
    """For every table and sort: the first block (of 3 rows, of 7) is the plain sort's.
    Returns how many first blocks of each table were read ahead of the sort (and, as "raw
    values", value by value of a column as stored), and the kinds of rows they were
    chosen among ("ids", "run": a value's, "ended")."""
    walked: dict[str, int] = {}
    kinds: set[str] = set()
    real_walk, real_first = table_service.TableService._walk_sort, data_tables.first_of_sort

    def walk_sort(self, conn, prepared):
        ids = real_walk(self, conn, prepared)
        if ids is not None:
            key = prepared.query.table + (" under conditions" if prepared.query.where else "")
            walked[key] = walked.get(key, 0) + 1
        return ids

    def first_of_sort(conn, query, rows):
        found = real_first(conn, query, rows)
        if found is not None:
            among, ended = found
            kinds.update(
                kind
                for kind, seen in (("ids", among.ids), ("run", among.value), ("ended", ended))
                if seen
            )
        return found

    def walk_ranks(self, conn, prepared):
        ids = real_ranks(self, conn, prepared)
        if ids is not None and not prepared.query.order[0].ranks:  # a column as stored
            walked["raw values"] = walked.get("raw values", 0) + 1
        return ids

    real_ranks = table_service.TableService._walk_ranks
    monkeypatch.setattr(table_service.TableService, "_walk_ranks", walk_ranks)
    monkeypatch.setattr(table_service.TableService, "_walk_sort", walk_sort)
    monkeypatch.setattr(data_tables, "first_of_sort", first_of_sort)
    monkeypatch.setattr(table_service, "SORT_WALK", (4, 9))  # runs are cut, and read again
    for rows in (3, 7):
        monkeypatch.setattr(tb, "BLOCK_ROWS", rows)
        tables.memo = MemoryCache(table_service.MEMO_ITEMS)  # first blocks of the other size
        for table, query, model in _requests():
            request = TableRequest(table, parse_query(query), sort_model=model)
            prepared = tables.prepare(request)
            tables.counts(prepared)  # known, as after an earlier sort: conditions' share
            first = [row["id"] for row in tables.rows(prepared, 0, rows)]
            with tables.connect() as conn:
                plain = data_tables.block_ids(conn, prepared.query, 0, rows)
            assert first == plain, (table, query, model, rows)
    table_service.wait_for_reads_aside()
    return walked, kinds


# Under the filter bar's conditions, read so: the requests sorted by the requester's side
# (the conditions are on the recipient's), the organisations by their cluster. Not the
# people (every sort of a linked row is by their organisation, which the sector is of),
# nor the bookings (the workshops are a table of three, the participant is filtered).
UNDER_CONDITIONS = {"requests under conditions", "organisations under conditions"}


def test_a_whole_events_first_block_read_ahead_of_its_sort_is_the_sorts(tied_sqlite, monkeypatch):
    walked, kinds = _compare_every_sort(tied_sqlite, monkeypatch)
    # read so: sorts by a linked row's value in every table, the organisations' own columns
    assert set(walked) == {*tb.TABLES, *UNDER_CONDITIONS, "raw values"}, walked
    assert sum(walked.values()) > 50 and kinds == {"ids", "run", "ended"}


def test_the_same_on_postgresql(postgres_url, monkeypatch):
    walked, kinds = _compare_every_sort(_tied_service(postgres_url), monkeypatch)
    assert set(walked) == {*tb.TABLES, *UNDER_CONDITIONS, "raw values"}, walked
    assert kinds == {"ids", "run", "ended"}


def test_mariadb_reads_only_the_organisations_own_columns_so(mariadb_url, monkeypatch):
    # its collations make "anna" and "Anna" one value: linked names and the values as
    # stored are sorted at once
    walked, _kinds = _compare_every_sort(_tied_service(mariadb_url), monkeypatch)
    assert set(walked) == {"organisations"}, walked


def test_keys_that_are_not_integers_name_no_row_and_are_not_written(tied_sqlite):
    # a key column of INTEGER affinity holds text in a messy SQLite database; ids never do
    among = Among("organisation", (1, "abc", "1); DROP TABLE participants; --", None))
    query = RowQuery("people", 2, (among,), (Order("id"),))
    with tied_sqlite.connect() as conn:
        assert data_tables.block_ids(conn, query, 0, 100) == [1, 2, 9]
        assert data_tables.count(conn, RowQuery("people", None)) == 91  # nothing dropped
