"""Engines for the registration database: read-only for the dashboard, writable for demo tools."""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import NullPool

log = logging.getLogger(__name__)

# The drivers we support, by the backend names a user may write in DATABASE_URL.
DRIVERS = {"sqlite": "pysqlite", "postgresql": "psycopg", "mysql": "pymysql", "mariadb": "pymysql"}


class DatabaseUrlError(ValueError):
    """DATABASE_URL is malformed or names a driver we do not support."""


def parse_url(raw: str) -> URL:
    """Parse DATABASE_URL and pin the driver we support for its backend."""
    try:
        url = make_url(raw)
    except (ArgumentError, ValueError) as exc:
        raise DatabaseUrlError(f"DATABASE_URL is not a database URL: {raw!r}") from exc
    backend, _, driver = url.drivername.partition("+")
    if backend not in DRIVERS:
        raise DatabaseUrlError(
            f"DATABASE_URL names an unsupported database {backend!r}; "
            "use sqlite, postgresql or mysql/mariadb"
        )
    if driver and driver != DRIVERS[backend]:
        raise DatabaseUrlError(
            f"DATABASE_URL names the driver {driver!r}; use {backend}+{DRIVERS[backend]}"
        )
    if backend == "mariadb":
        backend = "mysql"
    if backend == "sqlite" and not url.database:
        raise DatabaseUrlError("DATABASE_URL names no SQLite file (in-memory databases are empty)")
    return url.set(drivername=f"{backend}+{DRIVERS[backend]}")


def sqlite_path(url: URL) -> Path | None:
    """Return the file of a SQLite URL, or None for another backend."""
    return Path(url.database) if url.get_backend_name() == "sqlite" else None


# The memory PostgreSQL may give each sort or hash of the dashboard's statements before
# it writes to disk. Its default (4 MB) sorts a million requests' groups on disk: at a
# million participants the requests over time took 60 s with it, 21 s with 256 MB, and
# the registrations 8.4 s instead of 4.7. The dashboard's own sessions only.
POSTGRES_WORK_MEM_MB = 256


def postgres_options(work_mem_mb: int = POSTGRES_WORK_MEM_MB) -> str:
    """The session settings of every PostgreSQL read (the benchmark's floor too)."""
    return f"-c default_transaction_read_only=on -c work_mem={int(work_mem_mb)}MB"


def make_engine(
    raw_url: str, statement_timeout_s: float = 10.0, work_mem_mb: int = POSTGRES_WORK_MEM_MB
) -> sa.Engine:
    """Create the dashboard's read-only engine: no write can go through it."""
    url = parse_url(raw_url)
    backend = url.get_backend_name()
    if backend == "sqlite":
        return _sqlite_read_only(url, statement_timeout_s)
    if backend == "postgresql":
        timeout_ms = int(statement_timeout_s * 1000)
        options = f"{postgres_options(work_mem_mb)} -c statement_timeout={timeout_ms}"
        return sa.create_engine(
            url,
            connect_args={"options": options, "connect_timeout": 5},
            pool_pre_ping=True,
            pool_recycle=1800,
        )
    engine = sa.create_engine(
        url,
        connect_args={"connect_timeout": 5, "read_timeout": int(statement_timeout_s) + 5},
        pool_pre_ping=True,
        pool_recycle=1800,
    )

    @sa.event.listens_for(engine, "connect")
    def _read_only_session(dbapi_connection, _record):
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET SESSION TRANSACTION READ ONLY")
            cursor.execute("SET time_zone = '+00:00'")
            cursor.execute(f"SET SESSION max_statement_time = {float(statement_timeout_s)}")

    return engine


class _TimedConnection(sqlite3.Connection):
    """A SQLite connection that interrupts a statement running past its time limit.

    SQLite has no statement timeout of its own; its progress handler, called every
    few thousand virtual-machine steps, stands in for one.
    """

    limit_s = 10.0
    started = 0.0

    def _over_time(self) -> int:
        return int(time.monotonic() - self.started > self.limit_s)


SQLITE_MMAP = "PRAGMA mmap_size = 2147483648"
# The helper threads SQLite's sorter may use beside the connection's own: a GROUP BY of a
# million rows sorts runs of them while the join goes on (the request cube at a million
# participants: 27 s -> 18 s with a second core). One per further core, at most three.
SQLITE_THREADS = f"PRAGMA threads = {min(3, max(0, (os.cpu_count() or 1) - 1))}"


def tune_for_reading(connection: sqlite3.Connection) -> None:
    """What every read of a SQLite file sets on its connection (the benchmark's floor too)."""
    # Through mmap, SQLite reads the pages its joins jump between without a read() and a
    # copy each: the aggregates take 30 % less time at 100,000 participants. The map
    # goes with the connection (NullPool: after each use).
    connection.execute(SQLITE_MMAP)
    connection.execute(SQLITE_THREADS)


def _sqlite_read_only(url: URL, statement_timeout_s: float) -> sa.Engine:
    path = Path(url.database).resolve()
    uri = f"file:{path.as_posix()}?mode=ro"
    # NullPool: every query opens the file anew, so a file moved away or replaced
    # is noticed at once instead of being read through a stale handle.
    engine = sa.create_engine(
        "sqlite+pysqlite:///" + path.as_posix(),
        creator=lambda: _connect_sqlite(uri, statement_timeout_s),
        poolclass=NullPool,
    )

    @sa.event.listens_for(engine, "before_cursor_execute")
    def _start_clock(conn, *_args) -> None:
        conn.connection.driver_connection.started = time.monotonic()

    return engine


def _connect_sqlite(uri: str, timeout_s: float) -> sqlite3.Connection:
    connection = sqlite3.connect(
        uri, uri=True, timeout=timeout_s, check_same_thread=False, factory=_TimedConnection
    )
    connection.limit_s = timeout_s
    connection.started = time.monotonic()
    connection.set_progress_handler(connection._over_time, 10_000)
    connection.execute("PRAGMA query_only = ON")
    tune_for_reading(connection)
    return connection


def writable_engine(raw_url: str) -> sa.Engine:
    """Create a read-write engine, for the demo generator and the simulator only."""
    url = parse_url(raw_url)
    if url.get_backend_name() == "sqlite":
        engine = sa.create_engine(url, connect_args={"timeout": 30})

        @sa.event.listens_for(engine, "connect")
        def _wal(dbapi_connection, _record):
            # WAL lets the dashboard read while the registration system writes.
            dbapi_connection.execute("PRAGMA journal_mode = WAL")

        return engine
    if url.get_backend_name() == "mysql":
        return sa.create_engine(url, connect_args={"init_command": "SET time_zone = '+00:00'"})
    return sa.create_engine(url)
