"""Writing the demo's rows: preparing the tables, batched inserts, indexes and sequences."""

from __future__ import annotations

import logging
import operator
from collections.abc import Callable, Iterable

import sqlalchemy as sa

from data.schema import metadata

log = logging.getLogger(__name__)

BATCH = 20_000


class DemoExistsError(ValueError):
    """The database already holds registration data and force was not given."""


def prepare_tables(engine: sa.Engine, force: bool) -> None:
    """Create the tables; refuse to touch ones holding rows unless force, which replaces them."""
    inspector = sa.inspect(engine)
    existing = [table for table in metadata.sorted_tables if inspector.has_table(table.name)]
    with engine.connect() as conn:
        filled = [
            table.name
            for table in existing
            if conn.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first()
        ]
    if filled and not force:
        raise DemoExistsError(
            f"the database already holds registration data (in {', '.join(filled)}); "
            "pass force=True (--force) to replace it"
        )
    if force:
        metadata.drop_all(engine)
    metadata.create_all(engine)


def analyze(engine: sa.Engine) -> None:
    """Give PostgreSQL's planner its statistics for the rows just written (autovacuum may
    be off, or not yet come round: without them it plans for a hundred rows an event)."""
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as conn:
        for table in metadata.sorted_tables:
            conn.exec_driver_sql(f"ANALYZE {table.name}")


def reset_sequences(engine: sa.Engine) -> None:
    """Move PostgreSQL's id sequences past the ids we wrote, so later inserts get fresh ids."""
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as conn:
        for table in metadata.sorted_tables:
            sequence = sa.func.pg_get_serial_sequence(table.name, "id")
            next_id = sa.func.coalesce(sa.func.max(table.c.id), 0) + 1
            conn.execute(sa.select(sa.func.setval(sequence, next_id, False)))


def insert(engine: sa.Engine, table: sa.Table, rows: Iterable[dict]) -> int:
    """Insert rows in batches, one transaction for the lot."""
    total = 0
    with engine.begin() as conn:
        write = _batch_writer(conn, table)
        batch: list[dict] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                write(batch)
                total, batch = total + len(batch), []
        if batch:
            write(batch)
            total += len(batch)
    log.debug("%s: %d rows", table.name, total)
    return total


def _batch_writer(conn: sa.Connection, table: sa.Table) -> Callable[[list[dict]], object]:
    """Return how to insert a batch: through Core, or on SQLite straight to the driver.

    Core's per-row parameter processing costs as much as generating the row; on SQLite we hand
    the driver tuples, with timestamps as the very text Core would store for them.
    """
    statement = table.insert()
    types = [column.type for column in table.columns]
    if conn.dialect.name != "sqlite" or any(type(t) is sa.Date for t in types):
        return lambda batch: conn.execute(statement, batch)
    compiled = statement.compile(dialect=conn.dialect)
    pick = operator.itemgetter(*compiled.positiontup)
    stamps = [
        index
        for index, name in enumerate(compiled.positiontup)
        if isinstance(table.c[name].type, sa.DateTime)
    ]

    def write(batch: list[dict]) -> None:
        params = []
        for row in batch:
            values = list(pick(row))
            for index in stamps:
                if values[index] is not None:
                    values[index] = values[index].isoformat(" ", "microseconds")
            params.append(tuple(values))
        conn.exec_driver_sql(compiled.string, params)

    return write


def drop_indexes(engine: sa.Engine) -> None:
    """Drop SQLite's indexes while loading: building them afterwards is much faster."""
    if engine.dialect.name != "sqlite":
        return  # MariaDB needs them for its foreign keys
    with engine.begin() as conn:
        for table in metadata.sorted_tables:
            for index in table.indexes:
                index.drop(conn, checkfirst=True)


def create_indexes(engine: sa.Engine) -> None:
    """Create every index of the schema that is not there yet."""
    with engine.begin() as conn:
        for table in metadata.sorted_tables:
            for index in table.indexes:
                index.create(conn, checkfirst=True)
