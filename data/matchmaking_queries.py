"""Matchmaking aggregates beyond the shared cubes: meetings per participant, requests over
time, the meeting slots, and the rows staff may see.

Every query keeps only requests of the event whose two participants exist (metrics.md: a
row that points at a missing row is left out); `request_problems` counts what is left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from data.queries import _flag, _grouped, _person_columns, _with_org, frame
from data.schema import meeting_requests, organisations, participants
from data.sqlfuncs import epoch_bucket, epoch_seconds

ANSWERED = ("accepted", "declined")


def _status(column: sa.ColumnElement) -> sa.ColumnElement:
    """A status compared as metrics.md says: trimmed, without regard to case."""
    return sa.func.lower(sa.func.trim(column))


def _valid_requests(event_id: int, intact: bool = True) -> sa.Select:
    """Requests of the event whose requester and recipient both exist.

    With `intact`, also those whose participants' organisations exist, as in the shared
    request cube; the meeting rounds take every meeting at a table, intact or not.
    """
    m, req, rec = meeting_requests, participants.alias("vreq"), participants.alias("vrec")
    joined = m.join(req, req.c.id == m.c.requester_id).join(rec, rec.c.id == m.c.recipient_id)
    conditions = [m.c.event_id == event_id]
    if intact:
        for side in (req, rec):
            org = organisations.alias(f"{side.name}_o")
            joined = joined.outerjoin(org, org.c.id == side.c.organisation_id)
            conditions.append(sa.or_(side.c.organisation_id.is_(None), org.c.id.is_not(None)))
    return sa.select(m).select_from(joined).where(*conditions)


def _meetings_per_person(event_id: int) -> sa.Subquery:
    """Accepted meetings per participant, as requester or recipient (a self-request once).

    The valid accepted requests are read once (a CTE named twice is materialised) and
    each counted for both sides, the recipient's side unless it is the requester: a
    UNION over (participant, request) reads them twice and sorts both sides together
    (19 s instead of 7 at a million participants on SQLite).
    """
    m = meeting_requests
    accepted = (
        _valid_requests(event_id)
        .where(_status(m.c.status) == "accepted")
        .with_only_columns(m.c.requester_id, m.c.recipient_id)
        .cte("accepted_meeting")
    )
    sides = sa.union_all(
        sa.select(accepted.c.requester_id.label("pid")),
        sa.select(accepted.c.recipient_id.label("pid")).where(
            accepted.c.recipient_id != accepted.c.requester_id
        ),
    ).subquery()
    return (
        sa.select(sides.c.pid, sa.func.count().label("meetings")).group_by(sides.c.pid).subquery()
    )


def meetings_cube(conn: Connection, event_id: int) -> pd.DataFrame:
    """Participants by raw attributes, status, opt-in and their number of accepted meetings."""
    p, o = participants, organisations
    counts = _meetings_per_person(event_id)
    inner = (
        sa.select(
            *_person_columns(p, o),
            p.c.status.label("status"),
            _flag(p.c.matchmaking_opt_in.is_(sa.true())).label("opt_in"),
            sa.func.coalesce(counts.c.meetings, 0).label("meetings"),
        )
        .select_from(_with_org(p, o).outerjoin(counts, counts.c.pid == p.c.id))
        .where(p.c.event_id == event_id)
        .subquery()
    )
    return frame(conn, _grouped(inner))


def _both_sides(with_requester: bool = True) -> tuple[sa.FromClause, list]:
    """Requests joined to both participants (inner) and their organisations, and the columns:
    both sides' raw attributes, or the recipient's and whether the requester's organisation
    is missing (such requests are left out, as in the shared request cube)."""
    m = meeting_requests
    req, rec = participants.alias("req"), participants.alias("rec")
    req_o, rec_o = organisations.alias("req_o"), organisations.alias("rec_o")
    joined = (
        m.join(req, req.c.id == m.c.requester_id)
        .join(rec, rec.c.id == m.c.recipient_id)
        .outerjoin(req_o, req_o.c.id == req.c.organisation_id)
        .outerjoin(rec_o, rec_o.c.id == rec.c.organisation_id)
    )
    if with_requester:
        return joined, [*_person_columns(req, req_o, "req_"), *_person_columns(rec, rec_o, "rec_")]
    req_missing = sa.and_(req.c.organisation_id.is_not(None), req_o.c.id.is_(None))
    return joined, [
        *_person_columns(rec, rec_o, "rec_"),
        _flag(req_missing).label("req_org_missing"),
    ]


def request_time_cube(
    conn: Connection, event_id: int, width_s: int, with_requester: bool = False
) -> pd.DataFrame:
    """Requests by time bucket of asking (kind 'requested') and of answering ('answered').

    One row per the recipient's raw attributes (and the requester's, if asked: for the
    figures of one pair), status, kind and bucket, with a count `n`.
    """
    m = meeting_requests
    joined, columns = _both_sides(with_requester)
    # The requests are joined to their people once (a CTE named twice is materialised),
    # then read twice: by when they were asked and by when they were answered.
    each = (
        sa.select(
            *columns,
            m.c.status.label("status"),
            epoch_bucket(m.c.requested_at, width_s).label("asked"),
            epoch_bucket(m.c.responded_at, width_s).label("answered"),
            m.c.requested_at.is_not(None).label("has_asked"),
            m.c.responded_at.is_not(None).label("has_answered"),
        )
        .select_from(joined)
        .where(m.c.event_id == event_id)
        .cte("each_request")
    )
    keys = [each.c[c.name] for c in columns] + [each.c.status]

    def by(kind: str, bucket: sa.Column, given: sa.Column) -> sa.Select:
        return sa.select(*keys, sa.literal(kind).label("kind"), bucket.label("bucket")).where(
            given.is_(sa.true())
        )

    inner = sa.union_all(
        by("requested", each.c.asked, each.c.has_asked),
        by("answered", each.c.answered, each.c.has_answered),
    )
    return frame(conn, _grouped(inner.subquery()))


def slot_cube(conn: Connection, event_id: int) -> pd.DataFrame:
    """Accepted meetings with a time: slot (epoch seconds), location as stored, held, n."""
    valid = _valid_requests(event_id, intact=False).subquery()
    held = sa.case((valid.c.held.is_(sa.true()), 1), (valid.c.held.is_(sa.false()), 0))
    inner = (
        sa.select(
            epoch_seconds(valid.c.slot_start).label("slot"),
            valid.c.location.label("location"),
            held.label("held"),
        )
        .where(_status(valid.c.status) == "accepted", valid.c.slot_start.is_not(None))
        .subquery()
    )
    return frame(conn, _grouped(inner))


def _name(p: sa.FromClause) -> sa.ColumnElement:
    first = sa.func.coalesce(sa.func.trim(p.c.first_name), "")
    last = sa.func.coalesce(sa.func.trim(p.c.last_name), "")
    return sa.func.trim(first + " " + last)


def slot_people(
    conn: Connection,
    event_id: int,
    start: dt.datetime,
    end: dt.datetime,
    locations: Sequence[str],
) -> pd.DataFrame:
    """Who meets whom in the accepted meetings between two UTC times at the locations
    given, as stored (for staff only)."""
    valid = _valid_requests(event_id, intact=False).subquery()
    req, rec = participants.alias("req"), participants.alias("rec")
    req_o, rec_o = organisations.alias("req_o"), organisations.alias("rec_o")
    joined = (
        valid.join(req, req.c.id == valid.c.requester_id)
        .join(rec, rec.c.id == valid.c.recipient_id)
        .outerjoin(req_o, req_o.c.id == req.c.organisation_id)
        .outerjoin(rec_o, rec_o.c.id == rec.c.organisation_id)
    )
    query = (
        sa.select(
            epoch_seconds(valid.c.slot_start).label("slot"),
            valid.c.location.label("location"),
            _name(req).label("requester"),
            req_o.c.name.label("requester_org"),
            _name(rec).label("recipient"),
            rec_o.c.name.label("recipient_org"),
        )
        .select_from(joined)
        .where(
            _status(valid.c.status) == "accepted",
            valid.c.slot_start >= start,
            valid.c.slot_start < end,
            valid.c.location.in_(list(locations)),
        )
        .order_by(valid.c.slot_start, valid.c.location, valid.c.id)
    )
    return frame(conn, query)


def people_without_meetings(conn: Connection, event_id: int) -> pd.DataFrame:
    """Opted-in participants of the event without an accepted meeting (for staff only)."""
    p, o = participants, organisations
    counts = _meetings_per_person(event_id)
    query = (
        sa.select(
            p.c.id.label("participant_id"),
            _name(p).label("name"),
            o.c.name.label("organisation"),
            *_person_columns(p, o),
            p.c.status.label("status"),
        )
        .select_from(_with_org(p, o).outerjoin(counts, counts.c.pid == p.c.id))
        .where(
            p.c.event_id == event_id,
            p.c.matchmaking_opt_in.is_(sa.true()),
            counts.c.meetings.is_(None),
        )
        .order_by(p.c.last_name, p.c.first_name, p.c.id)
    )
    return frame(conn, query)


def _count_where(condition: sa.ColumnElement) -> sa.ColumnElement:
    return sa.func.coalesce(sa.func.sum(_flag(condition)), 0)


def request_problems(conn: Connection, event_id: int) -> dict[str, int]:
    """Counts of the event's requests that the figures leave out or cannot fully read."""
    m = meeting_requests
    req, rec = participants.alias("req"), participants.alias("rec")
    joined = m.outerjoin(req, req.c.id == m.c.requester_id).outerjoin(
        rec, rec.c.id == m.c.recipient_id
    )
    status = _status(m.c.status)
    answered = status.in_(ANSWERED)
    asked_s, answered_s = epoch_seconds(m.c.requested_at), epoch_seconds(m.c.responded_at)
    location = sa.func.coalesce(sa.func.trim(m.c.location), "")
    conditions = {
        "requester_missing": req.c.id.is_(None),
        "recipient_missing": rec.c.id.is_(None),
        "self_requests": m.c.requester_id == m.c.recipient_id,
        "answered_without_time": sa.and_(answered, m.c.responded_at.is_(None)),
        "unreadable_time": sa.or_(
            asked_s.is_(None), sa.and_(m.c.responded_at.is_not(None), answered_s.is_(None))
        ),
        "answered_before_asked": answered_s < asked_s,
        "accepted_without_slot": sa.and_(status == "accepted", m.c.slot_start.is_(None)),
        "slot_without_table": sa.and_(
            status == "accepted", m.c.slot_start.is_not(None), location == ""
        ),
    }
    query = (
        sa.select(*[_count_where(c).label(key) for key, c in conditions.items()])
        .select_from(joined)
        .where(m.c.event_id == event_id)
    )
    row = conn.execute(query).mappings().one()
    return {key: int(row[key] or 0) for key in conditions}


def pair_response_cube(conn: Connection, event_id: int) -> pd.DataFrame:
    """Answered requests by both sides' raw attributes, status and response time in minutes:
    for the figures of one pair (the page's other figures read the event cubes' response
    times, data.queries.response_time_cube)."""
    m = meeting_requests
    joined, columns = _both_sides(with_requester=True)
    minutes = (epoch_seconds(m.c.responded_at) - epoch_seconds(m.c.requested_at)) / 60
    inner = (
        sa.select(
            *columns,
            m.c.status.label("status"),
            sa.cast(minutes, sa.Integer).label("minutes"),
        )
        .select_from(joined)
        .where(m.c.event_id == event_id, m.c.responded_at.is_not(None))
        .subquery()
    )
    return frame(conn, _grouped(inner))
