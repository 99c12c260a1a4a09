"""Indexes beyond registration-schema.sql's that the dashboard's queries would use.

The dashboard only reads the registration database; its owner may add these. Each was
measured on the demo with a million participants on SQLite (scripts/bench_tables.py:
the staff tables' first block with the filter shown), and `check-db` prints those a
database lacks, as statements to run; and, on PostgreSQL, the tables its planner has no
statistics for (`without_statistics`).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from data.schema import metadata


@dataclass(frozen=True)
class Recommended:
    """An index on a table's leading columns, and what it makes faster."""

    name: str
    table: str
    columns: tuple[str, ...]
    why: str

    def statement(self) -> str:
        return f"CREATE INDEX {self.name} ON {self.table} ({', '.join(self.columns)});"


RECOMMENDED = (
    Recommended(
        "ix_participants_country",
        "participants",
        ("country_code",),
        "staff tables filtered by country: the people of a country are found through it,"
        " and the country codes in use are read from it (with the next one, meeting"
        " requests to Latvia at a million participants: 1.08 s -> 0.79 s)",
    ),
    Recommended(
        "ix_participants_organisation_country",
        "participants",
        ("organisation_id", "country_code"),
        "staff tables filtered by sector, type or country: the people of the chosen"
        " organisations are found through it, and whether they name a country of their own"
        " (else their organisation's is theirs) is read from it, not from their rows; it"
        " replaces an index on organisation_id alone (at a million participants, the first"
        " block of meeting requests to Latvia 0.57-0.71 s -> 0.33-0.40 s, of workshop"
        " bookings from Latvia 0.45-0.55 s -> 0.27-0.33 s)",
    ),
    Recommended(
        "ix_requests_recipient_event",
        "meeting_requests",
        ("recipient_id", "event_id"),
        "staff tables of meeting requests filtered by the recipient's country, sector or"
        " type: the event's requests to the chosen people are found in the index alone,"
        " without reading the other events' (with the two above, at a million participants:"
        " requests to the sector Digital 1.10 s -> 0.92 s, to Latvia 0.77 s -> 0.62 s)",
    ),
)


def _has_index(indexes: list[dict], columns: tuple[str, ...]) -> bool:
    wanted = [c.lower() for c in columns]
    for index in indexes:
        leading = [str(c).lower() for c in (index.get("column_names") or [])][: len(wanted)]
        if leading == wanted:
            return True
    return False


def missing(conn: sa.Connection) -> list[Recommended]:
    """The recommended indexes that the database lacks (an index on the same leading
    columns, whatever its name, counts as there)."""
    inspector = sa.inspect(conn)
    found: dict[str, list[dict]] = {}
    lacking = []
    for recommended in RECOMMENDED:
        if recommended.table not in found:
            found[recommended.table] = inspector.get_indexes(recommended.table)
        if not _has_index(found[recommended.table], recommended.columns):
            lacking.append(recommended)
    return lacking


def without_statistics(conn: sa.Connection) -> list[str]:
    """The contract's tables with rows that PostgreSQL holds no planner statistics for
    (never analyzed: autovacuum off, or a bulk load just now), in the schema's order.

    Without them the planner guesses a hundred rows an event: at 100,000 participants the
    meetings per participant took 138 s instead of 1 s (a nested loop over every pair).
    Other databases: none (SQLite plans without them; InnoDB keeps its own up to date).
    """
    if conn.dialect.name != "postgresql":
        return []
    analyzed = set(
        conn.execute(
            sa.text("SELECT DISTINCT tablename FROM pg_stats WHERE schemaname = current_schema()")
        ).scalars()
    )
    return [
        table.name
        for table in metadata.sorted_tables
        if table.name not in analyzed  # an empty table has none after ANALYZE either
        and conn.execute(sa.select(sa.exists().select_from(table))).scalar()
    ]
