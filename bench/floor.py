"""The floor: the SQL statements a view issues, run bare through the driver."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable

import sqlalchemy as sa

from bench.measure import Timing, timed
from dashboard.table_service import AHEAD_THREAD
from data.engine import parse_url, postgres_options, tune_for_reading

Statement = tuple[str, object]


def record_statements(engine: sa.Engine, action: Callable[[], object]) -> list[Statement]:
    """Run action and return every statement (with its parameters) sent through engine,
    but those read ahead in the background (no answer waits for them)."""
    seen: list[Statement] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many) -> None:
        if threading.current_thread().name != AHEAD_THREAD:
            seen.append((statement, parameters))

    sa.event.listen(engine, "before_cursor_execute", capture)
    try:
        action()
    finally:
        sa.event.remove(engine, "before_cursor_execute", capture)
    return seen


def _raw_connection(url: str):
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        connection = sqlite3.connect(f"file:{parsed.database}?mode=ro", uri=True)
        tune_for_reading(connection)  # as the dashboard's own connections
        return connection
    import psycopg

    return psycopg.connect(  # the dashboard's session settings, without its time limit
        host=parsed.host,
        port=parsed.port,
        dbname=parsed.database,
        user=parsed.username,
        options=postgres_options(),
    )


def floor(url: str, statements: list[Statement], repeat: int) -> Timing:
    """Time the statements run bare, fetching every row, on one fresh connection each time."""

    def run() -> None:
        connection = _raw_connection(url)
        try:
            cursor = connection.cursor()
            for statement, parameters in statements:
                cursor.execute(statement, parameters)
                cursor.fetchall()
        finally:
            connection.close()

    return timed(run, repeat)
