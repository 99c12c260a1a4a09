"""The wall screen's own aggregates: what happened when, at minute resolution.

The event cubes answer "how many"; the wall also asks "in which meeting round" and
"in the last few minutes". Like every cube, these group raw values in the database
and return counts, never a row about a person.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from data.queries import frame
from data.schema import checkins, meeting_requests, organisations, participants
from data.sqlfuncs import epoch_bucket, epoch_seconds, local_day


def _known_organisation(p: sa.FromClause, o: sa.FromClause) -> sa.ColumnElement:
    # metrics.md: a participant pointing at a missing organisation is left out.
    return sa.or_(p.c.organisation_id.is_(None), o.c.id.is_not(None))


def _between_participants() -> sa.FromClause:
    """Requests joined to both sides, so that requests of missing people drop out."""
    req, rec, m = participants.alias("req"), participants.alias("rec"), meeting_requests
    return m.join(req, req.c.id == m.c.requester_id).join(rec, rec.c.id == m.c.recipient_id)


def _grouped(inner: sa.Subquery) -> sa.Select:
    # Grouping the columns of a subquery, not their expressions: every database accepts it.
    keys = list(inner.c)
    return sa.select(*keys, sa.func.count().label("n")).group_by(*keys)


def meeting_slots(conn: Connection, event_id: int) -> pd.DataFrame:
    """Scheduled requests by raw status, slot start and outcome: status, slot, held, n.

    The slot is in epoch seconds; held is 1 (met), 0 (no-show) or None (not recorded).
    """
    m = meeting_requests
    held = sa.case((m.c.held.is_(sa.true()), 1), (m.c.held.is_(sa.false()), 0), else_=None)
    inner = (
        sa.select(
            m.c.status.label("status"),
            epoch_seconds(m.c.slot_start).label("slot"),
            held.label("held"),
        )
        .select_from(_between_participants())
        .where(m.c.event_id == event_id, m.c.slot_start.is_not(None))
        .subquery()
    )
    return frame(conn, _grouped(inner))


def answers(conn: Connection, event_id: int, width_s: int = 60) -> pd.DataFrame:
    """Answered requests by raw status and answer time (epoch seconds, bucketed)."""
    m = meeting_requests
    inner = (
        sa.select(
            m.c.status.label("status"),
            epoch_bucket(m.c.responded_at, width_s).label("bucket"),
        )
        .select_from(_between_participants())
        .where(m.c.event_id == event_id, m.c.responded_at.is_not(None))
        .subquery()
    )
    return frame(conn, _grouped(inner))


def first_arrivals(
    conn: Connection, event_id: int, day_starts: Sequence[int], width_s: int = 60
) -> pd.DataFrame:
    """Each participant's first badge scan of each local day, counted: status, day, bucket, n.

    `day_starts` are the UTC epoch seconds at which the event's local days begin, one
    more than the days; scans outside the event's days are left out.
    """
    p, o = participants, organisations
    day = local_day(checkins.c.checked_in_at, day_starts)
    per_person = (
        sa.select(
            p.c.status.label("status"),
            day.label("day"),
            sa.func.min(epoch_bucket(checkins.c.checked_in_at, width_s)).label("bucket"),
        )
        .select_from(
            p.join(checkins, checkins.c.participant_id == p.c.id).outerjoin(
                o, o.c.id == p.c.organisation_id
            )
        )
        .where(p.c.event_id == event_id, _known_organisation(p, o))
        .group_by(p.c.id, p.c.status, day)
        .subquery()
    )
    inner = sa.select(per_person).where(per_person.c.day.is_not(None)).subquery()
    return frame(conn, _grouped(inner))
