"""The data layer on every engine: the contract's DDL, read-only engines, the version probe."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3

import pytest
import sqlalchemy as sa

from dashboard import matchmaking, metrics
from dashboard.event_data import events_from_frame, load_event
from dashboard.filters import Filters
from dashboard.matchmaking_staff import _read_unmatched
from dashboard.service import TooSlow, describe
from data import matchmaking_queries as mq
from data import queries, sqlfuncs
from data.contract import missing_parts
from data.engine import (
    POSTGRES_WORK_MEM_MB,
    DatabaseUrlError,
    make_engine,
    parse_url,
    writable_engine,
)
from data.schema import participants
from data.version import DataUnavailable, data_version
from tests import small_event
from tests.conftest import SHARED

FILTER_CASES = [
    Filters(),
    Filters(country=("DK",)),
    Filters(sector=("Digital",), org_type=("sme",)),
]


def _records(frame) -> list[dict]:
    """Rows as dicts, NaN as None (NaN is not equal to itself)."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def _figures(url: str) -> list[dict]:
    engine = make_engine(url)
    with engine.connect() as conn:
        event = next(e for e in events_from_frame(queries.events_frame(conn)) if e.id == 2)
        cubes = load_event(conn, event)
        extra = matchmaking.load(conn, event, cubes.response_times)
        unmatched = sorted(_read_unmatched(mq.people_without_meetings(conn, event.id))["name"])
    engine.dispose()
    over_time = extra.over_time.groupby(["kind", "status", "bucket"])["n"].sum()
    # Meetings per participant, and the staff's list of those without one.
    meetings = extra.meetings.groupby(["meetings"], observed=True)["n"].sum()
    result = [
        {"over_time": sorted(over_time.items()), "slots": _records(extra.slots)},
        {"meetings": sorted(meetings.items()), "unmatched": unmatched},
    ]
    for filters in FILTER_CASES:
        people = metrics.participant_summary(cubes, filters)
        meetings = metrics.matchmaking_summary(cubes, filters)
        workshops = [
            (w.id, w.booked, w.waitlisted) for w in metrics.workshop_figures(cubes, filters)
        ]
        result.append({"people": people, "meetings": meetings, "workshops": workshops})
    return result


def ddl_statements() -> list[str]:
    """The statements of shared/registration-schema.sql, comments taken out."""
    text = (SHARED / "registration-schema.sql").read_text(encoding="utf-8")
    lines = [line.split("--", 1)[0] for line in text.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def _load_from_shared_ddl(url: str) -> None:
    """Create the tables with shared/registration-schema.sql itself, then load the fixture."""
    engine = writable_engine(url)
    with engine.begin() as conn:
        for statement in ddl_statements():
            conn.exec_driver_sql(statement)
    small_event.load(engine, create=False)
    engine.dispose()


needs_shared = pytest.mark.skipif(
    not (SHARED / "registration-schema.sql").exists(),
    reason=f"the contract's DDL is not at {SHARED} (the shared folder is absent)",
)


@needs_shared
def test_a_database_made_by_the_shared_ddl_is_read(tmp_path, small_db):
    url = f"sqlite:///{tmp_path / 'ddl.sqlite'}"
    _load_from_shared_ddl(url)
    with make_engine(url).connect() as conn:
        assert missing_parts(conn) == []
    assert _figures(url) == _figures(small_db)


@needs_shared
def test_postgresql_shows_the_same_figures_as_sqlite(postgres_url, small_db):
    _load_from_shared_ddl(postgres_url)
    assert _figures(postgres_url) == _figures(small_db)


@needs_shared
def test_mariadb_shows_the_same_figures_as_sqlite(mariadb_url, small_db):
    _load_from_shared_ddl(mariadb_url)
    assert _figures(mariadb_url) == _figures(small_db)


def _write_fails(url: str) -> None:
    engine = make_engine(url)
    with pytest.raises(sa.exc.DBAPIError), engine.begin() as conn:
        conn.execute(sa.text("UPDATE participants SET status = 'cancelled'"))
    engine.dispose()


def test_sqlite_engine_is_read_only(small_db):
    _write_fails(small_db)


def test_sqlite_reads_map_the_file_and_sort_with_a_helper_thread_per_spare_core(small_db):
    engine = make_engine(small_db)
    with engine.connect() as conn:
        mapped = conn.exec_driver_sql("PRAGMA mmap_size").scalar_one()
        helpers = conn.exec_driver_sql("PRAGMA threads").scalar_one()
    engine.dispose()
    assert mapped >= 2**30  # what SQLite allows of the 2 GiB asked (2 GiB less 64 kB)
    assert helpers == min(3, (os.cpu_count() or 1) - 1)


MESSY_TIMES = [
    "2026-05-06 09:30:00",
    "2026-05-06T09:30:00",
    "2026-05-06 09:30:59.999",
    "2026-05-06",
    "1969-12-31 23:59:59",
    "2026-05-06 09:30:00+02:00",
    "2026-02-30 10:00:00",
    "06.05.2026 09:30",
    "",
    "tomorrow",
    None,
    2461166.5,
    1778059800,
]


@pytest.mark.parametrize("version", [(3, 37, 2), sqlfuncs.UNIXEPOCH_SINCE])
def test_both_ways_sqlite_reads_seconds_agree_on_messy_times(version):
    """unixepoch() where the SQLite library has it, strftime('%s') before: the same seconds,
    NULL alike, for every stored value the figures bucket."""
    connection = sqlite3.connect(":memory:")
    ours = sqlfuncs.sqlite_seconds("?", version)
    for value in MESSY_TIMES:
        expected = connection.execute("SELECT CAST(strftime('%s', ?) AS INTEGER)", (value,))
        got = connection.execute(f"SELECT {ours}", (value,))
        assert got.fetchone() == expected.fetchone(), value
    connection.close()


def test_postgresql_engine_is_read_only(postgres_url):
    small_event.load(writable_engine(postgres_url))
    _write_fails(postgres_url)


def test_postgresql_sessions_sort_and_hash_in_the_memory_set(postgres_url):
    for work_mem_mb, shown in ((POSTGRES_WORK_MEM_MB, "256MB"), (64, "64MB")):
        engine = make_engine(postgres_url, work_mem_mb=work_mem_mb)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SHOW work_mem").scalar_one() == shown
            assert conn.exec_driver_sql("SHOW transaction_read_only").scalar_one() == "on"
        engine.dispose()


def test_mariadb_engine_is_read_only(mariadb_url):
    small_event.load(writable_engine(mariadb_url))
    _write_fails(mariadb_url)


def _version_follows_changes(url: str, exact: bool = False) -> None:
    reader, writer = make_engine(url), writable_engine(url)
    before = data_version(reader)
    if exact:
        # Only SQLite's probe is exact; a server's log position also moves with activity
        # elsewhere on the server (a false "changed" costs one recomputation, no more).
        assert data_version(reader) == before
    with writer.begin() as conn:  # an update in place, which row counts would miss
        conn.execute(sa.text("UPDATE meeting_requests SET held = NULL WHERE id = 1"))
    assert data_version(reader) != before
    reader.dispose()
    writer.dispose()


def test_version_probe_sees_updates_on_sqlite(small_db):
    _version_follows_changes(small_db, exact=True)


def test_version_probe_sees_updates_on_postgresql(postgres_url):
    small_event.load(writable_engine(postgres_url))
    _version_follows_changes(postgres_url)


def test_postgresql_version_stays_while_the_dashboard_reads(postgres_url):
    # Reading rows that a writer just changed makes PostgreSQL prune pages and set hint
    # bits, which moves the WAL position: a version made of that would change with each
    # recomputation. Autovacuum may assign a transaction id meanwhile: three tries.
    small_event.load(writable_engine(postgres_url))
    reader, writer = make_engine(postgres_url), writable_engine(postgres_url)
    with writer.begin() as conn:  # pages full enough to be pruned when read
        conn.execute(
            sa.text(
                "INSERT INTO participants (id, event_id, job_title, status, registered_at)"
                " SELECT 1000 + i, 2, repeat('x', 190), 'confirmed', now()"
                " FROM generate_series(1, 5000) i"
            )
        )
    stayed = []
    for attempt in range(3):
        with writer.begin() as conn:
            title = {"t": str(attempt) * 190}
            conn.execute(sa.text("UPDATE participants SET job_title = :t"), title)
        before = data_version(reader)
        with reader.connect() as conn:
            conn.execute(sa.text("SELECT * FROM participants")).fetchall()
        stayed.append(data_version(reader) == before)
    assert any(stayed), "every read moved the version"
    reader.dispose()
    writer.dispose()


def test_version_probe_sees_updates_on_mariadb(mariadb_url):
    small_event.load(writable_engine(mariadb_url))
    _version_follows_changes(mariadb_url)


def test_missing_sqlite_file_is_unavailable_not_a_crash(small_db, tmp_path):
    engine = make_engine(small_db)
    moved = tmp_path / "moved.sqlite"
    shutil.move(parse_url(small_db).database, moved)
    with pytest.raises(DataUnavailable, match="missing"):
        data_version(engine)


def test_contract_check_names_what_is_missing(tmp_path):
    url = f"sqlite:///{tmp_path / 'partial.sqlite'}"
    with writable_engine(url).begin() as conn:
        conn.exec_driver_sql("CREATE TABLE events (id INTEGER PRIMARY KEY, name VARCHAR(200))")
    with make_engine(url).connect() as conn:
        missing = missing_parts(conn)
    assert "column events.starts_on" in missing
    assert "table participants" in missing


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "not a database URL"),
        ("oracle://x/y", "unsupported database"),
        ("postgresql+asyncpg://x/y", "driver 'asyncpg'"),
        ("sqlite://", "no SQLite file"),
    ],
)
def test_bad_database_urls_are_explained(url, message):
    with pytest.raises(DatabaseUrlError, match=message):
        parse_url(url)


def test_mariadb_url_uses_pymysql():
    assert parse_url("mariadb://root@localhost/test").drivername == "mysql+pymysql"
    assert parse_url("postgresql://localhost/test").drivername == "postgresql+psycopg"


def test_rows_are_read_as_the_driver_gives_them_only_where_nothing_is_converted(small_db):
    engine = make_engine(small_db)
    with engine.connect() as conn:
        counted = sa.select(participants.c.country_code, sa.func.count()).group_by(
            participants.c.country_code
        )
        result = conn.execute(counted)
        assert queries._unprocessed(result)
        result.close()
        dated = sa.select(participants.c.registered_at).where(participants.c.id == 1)
        result = conn.execute(dated)  # SQLite holds text: SQLAlchemy makes it a datetime
        assert not queries._unprocessed(result)
        result.close()
        assert isinstance(queries.frame(conn, dated)["registered_at"].iloc[0], dt.datetime)
        people = queries.participant_cube(conn, 2)
    engine.dispose()
    assert people["n"].sum() == 10 and people["n"].dtype.kind == "i"


def test_a_statement_cut_off_while_its_rows_are_fetched_is_a_database_error(small_db):
    engine = make_engine(small_db, statement_timeout_s=0.0)  # cut off at the first check
    numbers = sa.text(
        "(WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000)"
        " SELECT x FROM c) AS numbers"
    )
    query = sa.select(sa.column("x")).select_from(numbers)
    with engine.connect() as conn:
        result = conn.execute(query)  # the first row comes before the first check
        assert queries._unprocessed(result)
        with pytest.raises(sa.exc.OperationalError, match="interrupted") as raised:
            list(queries._driver_chunks(result))
        assert isinstance(describe(raised.value), TooSlow)
        with pytest.raises(sa.exc.OperationalError):
            queries.frame(conn, query)
    engine.dispose()
