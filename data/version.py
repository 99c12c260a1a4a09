"""A cheap probe that tells whether the registration database changed since the last look.

Each engine has its own O(1) probe: SQLite the file's size and time stamps (its WAL
file included), PostgreSQL the current transaction snapshot (a replica: its replay
position), MariaDB/MySQL InnoDB's log sequence number. Elsewhere, or if a probe is
refused, the portable fallback counts rows and takes the highest id of each table
(which misses in-place updates, so it is the last resort). A token that changed means
"maybe changed"; a token that stayed the same means "unchanged".
"""

from __future__ import annotations

import logging
import os

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from data.engine import sqlite_path
from data.schema import metadata

log = logging.getLogger(__name__)


class DataUnavailable(RuntimeError):
    """The registration database cannot be read right now."""


def _sqlite_token(engine: sa.Engine) -> str:
    path = sqlite_path(engine.url)
    parts = []
    for suffix in ("", "-wal"):
        try:
            stat = os.stat(f"{path}{suffix}")
        except FileNotFoundError:
            if suffix:
                continue
            raise DataUnavailable(f"database file {path.name} is missing") from None
        if suffix and stat.st_size == 0:
            continue  # an empty WAL is no change: readers create one when they first open
        parts.append(f"{stat.st_ino}.{stat.st_size}.{stat.st_mtime_ns}")
    return "sqlite:" + ":".join(parts)


_PROBES = {
    # Not the WAL position: reading rows a writer just changed moves it too (page
    # pruning and hint bits are logged), so each recomputation would change the version
    # it was for. The snapshot's bounds move when a writing transaction ends
    # (committed, its rows become visible), and never with reads.
    "postgresql": (
        "SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()::text"
        " ELSE txid_current_snapshot()::text END"
    ),
    "mysql": "SHOW GLOBAL STATUS LIKE 'Innodb_lsn_current'",
}


def _fallback_token(conn: sa.Connection) -> str:
    parts = []
    for table in metadata.sorted_tables:
        count, top = conn.execute(sa.select(sa.func.count(), sa.func.max(table.c.id))).one()
        parts.append(f"{count}.{top}")
    return "rows:" + ":".join(parts)


def data_version(engine: sa.Engine) -> str:
    """Return a token that changes whenever the database's data may have changed."""
    backend = engine.url.get_backend_name()
    if backend == "sqlite":
        return _sqlite_token(engine)
    try:
        with engine.connect() as conn:
            probe = _PROBES.get(backend)
            if probe is not None:
                try:
                    row = conn.exec_driver_sql(probe).one()
                    return f"{backend}:{row[-1]}"
                except DBAPIError as exc:
                    log.warning("version probe refused (%s); counting rows instead", exc.orig)
                    conn.rollback()
            return _fallback_token(conn)
    except DBAPIError as exc:
        raise DataUnavailable(_reason(exc)) from exc


def _reason(exc: DBAPIError) -> str:
    """One line that says why the database could not be read, without its SQL."""
    text = str(exc.orig).strip().splitlines()
    return text[0][:200] if text else type(exc.orig).__name__
