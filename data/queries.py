"""Aggregate queries: each returns a small tidy DataFrame of raw values and counts.

The database does the GROUP BY over raw column values; the dashboard then reads
those values (metrics.md) and adds the groups up. A cube has one row per distinct
combination of raw values, so its size depends on how varied the data is, not on
how many rows the tables hold.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.sql import Select

from data import rows
from data.schema import (
    checkins,
    events,
    meeting_requests,
    organisations,
    participants,
    workshop_bookings,
    workshops,
)
from data.sqlfuncs import epoch_bucket, epoch_seconds, local_day

PERSON_ATTRS = ("p_country", "o_country", "sector_raw", "type_raw", "org_missing")


def frame(conn: Connection, query: Select) -> pd.DataFrame:
    """Run a query and return its rows as a DataFrame."""
    result = conn.execute(query)
    columns = list(result.keys())
    if not _unprocessed(result):
        fetched = result.fetchall()
    else:
        read = rows.from_chunks(_driver_chunks(result), columns)
        if read is not None:
            return read
        # A messy column whose chunks do not join: its rows read again, all at once.
        fetched = [row for chunk in _driver_chunks(conn.execute(query)) for row in chunk]
    if fetched and isinstance(fetched[0], tuple):
        # Plain tuples: pandas reads them into columns in C, each column's type inferred
        # as from a list of its values (an empty result keeps the types below).
        return pd.DataFrame.from_records(fetched, columns=columns)
    # Column by column: pandas inspects each Row object when given rows, which is slow.
    values = zip(*fetched, strict=True) if fetched else ([] for _ in columns)
    return pd.DataFrame(dict(zip(columns, values, strict=True)), columns=columns)


def _unprocessed(result: sa.CursorResult) -> bool:
    """Whether SQLAlchemy would hand every value on as the driver gives it.

    Cubes are text, integers and counts: no column has a result processor (a date or a
    boolean would), and SQLAlchemy's row objects then cost a quarter of the query's time
    at 100,000 participants, for nothing. Unknown (another SQLAlchemy): processed.
    """
    processors = getattr(getattr(result, "_metadata", None), "_processors", None)
    return isinstance(processors, list) and not any(processors)


def _driver_chunks(result: sa.CursorResult) -> Iterator[list[tuple]]:
    """The rows as the driver returns them, rows.CHUNK_ROWS at a time (the statement ran
    through SQLAlchemy all the same: its events, such as the benchmark's recording of
    statements, saw it)."""
    context = result.context
    driver_error = context.dialect.loaded_dbapi.Error
    try:
        while chunk := result.cursor.fetchmany(rows.CHUNK_ROWS):
            yield chunk
    except driver_error as exc:
        # What SQLAlchemy's own fetch would raise (an interrupted, timed-out statement:
        # sqlalchemy.exc.OperationalError), so that callers see a database error.
        raise sa.exc.DBAPIError.instance(
            context.statement, None, exc, driver_error, dialect=context.dialect
        ) from exc
    finally:
        result.close()


def _flag(condition: sa.ColumnElement) -> sa.ColumnElement:
    return sa.case((condition, 1), else_=0)


def _person_columns(p: sa.FromClause, o: sa.FromClause, prefix: str = "") -> list:
    """Raw attributes of a participant and its organisation, labelled."""
    dangling = sa.and_(p.c.organisation_id.is_not(None), o.c.id.is_(None))
    return [
        p.c.country_code.label(prefix + "p_country"),
        o.c.country_code.label(prefix + "o_country"),
        o.c.sector.label(prefix + "sector_raw"),
        o.c.org_type.label(prefix + "type_raw"),
        _flag(dangling).label(prefix + "org_missing"),
    ]


def _with_org(p: sa.FromClause, o: sa.FromClause) -> sa.FromClause:
    return p.outerjoin(o, o.c.id == p.c.organisation_id)


def _grouped(inner: sa.Subquery, count_label: str = "n") -> Select:
    keys = [column for column in inner.c]
    return sa.select(*keys, sa.func.count().label(count_label)).group_by(*keys)


def events_frame(conn: Connection) -> pd.DataFrame:
    """All events, newest first."""
    query = sa.select(events).order_by(events.c.starts_on.desc(), events.c.id.desc())
    return frame(conn, query)


def participant_cube(conn: Connection, event_id: int) -> pd.DataFrame:
    """Participants of an event by raw attributes, status, role, opt-in and check-in."""
    p, o = participants, organisations
    scanned = sa.exists().where(checkins.c.participant_id == p.c.id)
    inner = (
        sa.select(
            *_person_columns(p, o),
            p.c.status.label("status"),
            p.c.role.label("role"),
            _flag(p.c.matchmaking_opt_in.is_(sa.true())).label("opt_in"),
            _flag(scanned).label("checked_in"),
        )
        .select_from(_with_org(p, o))
        .where(p.c.event_id == event_id)
        .subquery()
    )
    return frame(conn, _grouped(inner))


def organisation_cube(conn: Connection, event_id: int) -> pd.DataFrame:
    """Participants of an event by organisation, the person's country and status."""
    p, o = participants, organisations
    inner = (
        sa.select(
            p.c.organisation_id.label("organisation_id"),
            *_person_columns(p, o),
            p.c.status.label("status"),
        )
        .select_from(_with_org(p, o))
        .where(p.c.event_id == event_id, p.c.organisation_id.is_not(None))
        .subquery()
    )
    return frame(conn, _grouped(inner))


def organisation_names(conn: Connection, ids: Sequence[int]) -> pd.DataFrame:
    """Names of the organisations given (organisations are not persons)."""
    if not ids:
        return pd.DataFrame(columns=["organisation_id", "name"])
    query = sa.select(organisations.c.id.label("organisation_id"), organisations.c.name).where(
        organisations.c.id.in_([int(i) for i in ids])
    )
    return frame(conn, query)


def registration_cube(conn: Connection, event_id: int, width_s: int) -> pd.DataFrame:
    """Participants of an event by raw attributes, status and registration time bucket."""
    p, o = participants, organisations
    inner = (
        sa.select(
            *_person_columns(p, o),
            p.c.status.label("status"),
            epoch_bucket(p.c.registered_at, width_s).label("bucket"),
        )
        .select_from(_with_org(p, o))
        .where(p.c.event_id == event_id)
        .subquery()
    )
    return frame(conn, _grouped(inner))


def arrival_cube(conn: Connection, event_id: int, width_s: int) -> pd.DataFrame:
    """Badge scans of an event's participants: distinct people per time bucket.

    One row per (attributes, status, bucket) with the number of participants scanned
    in that bucket; the first arrival of each day is derived from `first_scans`.
    """
    p, o = participants, organisations
    inner = (
        sa.select(
            *_person_columns(p, o),
            p.c.status.label("status"),
            p.c.id.label("pid"),
            epoch_bucket(checkins.c.checked_in_at, width_s).label("bucket"),
        )
        .select_from(_with_org(p, o).join(checkins, checkins.c.participant_id == p.c.id))
        .where(p.c.event_id == event_id)
        .distinct()
        .subquery()
    )
    keys = [c for c in inner.c if c.name != "pid"]
    return frame(conn, sa.select(*keys, sa.func.count().label("n")).group_by(*keys))


def first_scan_cube(
    conn: Connection, event_id: int, day_starts: Sequence[int], width_s: int
) -> pd.DataFrame:
    """First badge scan of each participant on each local day, bucketed.

    `day_starts` are the UTC epoch seconds at which the event's local days begin
    (one more than the days, to close the last one), so days follow the event's zone.
    """
    p, o = participants, organisations
    day = local_day(checkins.c.checked_in_at, day_starts)
    per_person = (
        sa.select(
            p.c.id.label("pid"),
            day.label("day"),
            sa.func.min(epoch_bucket(checkins.c.checked_in_at, width_s)).label("bucket"),
        )
        .select_from(p.join(checkins, checkins.c.participant_id == p.c.id))
        .where(p.c.event_id == event_id)
        .group_by(p.c.id, day)
        .subquery()
    )
    inner = (
        sa.select(
            *_person_columns(p, o),
            p.c.status.label("status"),
            per_person.c.day,
            per_person.c.bucket,
        )
        .select_from(_with_org(p, o).join(per_person, per_person.c.pid == p.c.id))
        .where(per_person.c.day.is_not(None))
        .subquery()
    )
    return frame(conn, _grouped(inner))


def request_cube(conn: Connection, event_id: int) -> pd.DataFrame:
    """Meeting requests of an event by both sides' raw attributes, status and outcome.

    Requests whose requester or recipient does not exist are left out (inner joins);
    `dangling_requests` counts them for the data-quality view.
    """
    req, rec = participants.alias("req"), participants.alias("rec")
    req_o, rec_o = organisations.alias("req_o"), organisations.alias("rec_o")
    m = meeting_requests
    joined = (
        m.join(req, req.c.id == m.c.requester_id)
        .join(rec, rec.c.id == m.c.recipient_id)
        .outerjoin(req_o, req_o.c.id == req.c.organisation_id)
        .outerjoin(rec_o, rec_o.c.id == rec.c.organisation_id)
    )
    held = sa.case((m.c.held.is_(sa.true()), 1), (m.c.held.is_(sa.false()), 0), else_=None)
    inner = (
        sa.select(
            *_person_columns(req, req_o, "req_"),
            *_person_columns(rec, rec_o, "rec_"),
            m.c.status.label("status"),
            held.label("held"),
            _flag(m.c.slot_start.is_not(None)).label("has_slot"),
            _flag(m.c.requester_id == m.c.recipient_id).label("self_request"),
        )
        .select_from(joined)
        .where(m.c.event_id == event_id)
        .subquery()
    )
    return frame(conn, _grouped(inner))


def response_time_cube(conn: Connection, event_id: int) -> pd.DataFrame:
    """Answered requests by the recipient's raw attributes and response time in minutes."""
    rec, rec_o, m = participants.alias("rec"), organisations.alias("rec_o"), meeting_requests
    req, req_o = participants.alias("req"), organisations.alias("req_o")
    minutes = (epoch_seconds(m.c.responded_at) - epoch_seconds(m.c.requested_at)) / 60
    joined = (
        m.join(rec, rec.c.id == m.c.recipient_id)
        .join(req, req.c.id == m.c.requester_id)
        .outerjoin(rec_o, rec_o.c.id == rec.c.organisation_id)
        .outerjoin(req_o, req_o.c.id == req.c.organisation_id)
    )
    # The requester's dangling organisation leaves the request out, as in request_cube.
    req_dangling = sa.and_(req.c.organisation_id.is_not(None), req_o.c.id.is_(None))
    inner = (
        sa.select(
            *_person_columns(rec, rec_o, "rec_"),
            _flag(req_dangling).label("req_org_missing"),
            m.c.status.label("status"),
            sa.cast(minutes, sa.Integer).label("minutes"),
        )
        .select_from(joined)
        .where(m.c.event_id == event_id, m.c.responded_at.is_not(None))
        .subquery()
    )
    return frame(conn, _grouped(inner))


def workshops_frame(conn: Connection, event_id: int) -> pd.DataFrame:
    """The workshops of an event."""
    query = (
        sa.select(workshops)
        .where(workshops.c.event_id == event_id)
        .order_by(workshops.c.starts_at, workshops.c.id)
    )
    return frame(conn, query)


def booking_cube(conn: Connection, event_id: int) -> pd.DataFrame:
    """Bookings of an event's workshops by workshop, the participant's attributes and status."""
    p, o, b, w = participants, organisations, workshop_bookings, workshops
    attended = sa.case((b.c.attended.is_(sa.true()), 1), (b.c.attended.is_(sa.false()), 0))
    inner = (
        sa.select(
            b.c.workshop_id.label("workshop_id"),
            *_person_columns(p, o),
            p.c.status.label("status"),
            b.c.status.label("booking_status"),
            attended.label("attended"),
        )
        .select_from(
            b.join(w, w.c.id == b.c.workshop_id)
            .join(p, p.c.id == b.c.participant_id)
            .outerjoin(o, o.c.id == p.c.organisation_id)
        )
        .where(w.c.event_id == event_id)
        .subquery()
    )
    return frame(conn, _grouped(inner))
