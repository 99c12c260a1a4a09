"""Workshop aggregates beyond the shared cubes: who booked a workshop (staff), data problems."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from data.matchmaking_queries import _name
from data.queries import _flag, _person_columns, frame
from data.schema import organisations, participants, workshop_bookings, workshops


def workshop_bookers(conn: Connection, event_id: int, workshop_id: int) -> pd.DataFrame:
    """The bookings of one workshop of the event with the participant's name (staff only)."""
    p, o, b, w = participants, organisations, workshop_bookings, workshops
    query = (
        sa.select(
            _name(p).label("name"),
            o.c.name.label("organisation"),
            *_person_columns(p, o),
            p.c.status.label("status"),
            b.c.status.label("booking_status"),
            b.c.attended.label("attended"),
        )
        .select_from(
            b.join(w, w.c.id == b.c.workshop_id)
            .join(p, p.c.id == b.c.participant_id)
            .outerjoin(o, o.c.id == p.c.organisation_id)
        )
        .where(w.c.event_id == event_id, w.c.id == workshop_id)
        .order_by(p.c.last_name, p.c.first_name, b.c.id)
    )
    return frame(conn, query)


def _sum(condition: sa.ColumnElement) -> sa.ColumnElement:
    return sa.func.coalesce(sa.func.sum(_flag(condition)), 0)


def workshop_problems(conn: Connection, event_id: int) -> dict[str, int]:
    """Counts of the event's workshop rows that the figures leave out or cannot read."""
    w, b, p = workshops, workshop_bookings, participants
    booked = sa.func.lower(sa.func.trim(b.c.status)) == "booked"
    bookings = (
        sa.select(_sum(p.c.id.is_(None)).label("participant_missing"))
        .select_from(
            b.join(w, w.c.id == b.c.workshop_id).outerjoin(p, p.c.id == b.c.participant_id)
        )
        .where(w.c.event_id == event_id)
    )
    twice = (
        sa.select(b.c.workshop_id, b.c.participant_id)
        .select_from(b.join(w, w.c.id == b.c.workshop_id))
        .where(w.c.event_id == event_id, booked)
        .group_by(b.c.workshop_id, b.c.participant_id)
        .having(sa.func.count() > 1)
        .subquery()
    )
    rows = sa.select(
        _sum(w.c.capacity < 0).label("capacity_negative"),
        _sum(w.c.ends_at < w.c.starts_at).label("ends_before_start"),
    ).where(w.c.event_id == event_id)
    found = dict(conn.execute(bookings).mappings().one())
    found.update(conn.execute(rows).mappings().one())
    found["booked_twice"] = conn.execute(sa.select(sa.func.count()).select_from(twice)).scalar_one()
    return {key: int(value or 0) for key, value in found.items()}
