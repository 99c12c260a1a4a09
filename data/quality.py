"""Row-level problems that need SQL to find: rows pointing at missing rows, duplicates."""

from __future__ import annotations

import sqlalchemy as sa

from data.schema import (
    checkins,
    events,
    meeting_requests,
    organisations,
    participants,
    workshop_bookings,
    workshops,
)

# (problem key, child table, foreign key column, parent table)
REFERENCES = (
    ("participant_event_missing", participants, participants.c.event_id, events),
    (
        "participant_organisation_missing",
        participants,
        participants.c.organisation_id,
        organisations,
    ),
    ("checkin_participant_missing", checkins, checkins.c.participant_id, participants),
    ("request_event_missing", meeting_requests, meeting_requests.c.event_id, events),
    ("request_requester_missing", meeting_requests, meeting_requests.c.requester_id, participants),
    ("request_recipient_missing", meeting_requests, meeting_requests.c.recipient_id, participants),
    ("workshop_event_missing", workshops, workshops.c.event_id, events),
    ("booking_workshop_missing", workshop_bookings, workshop_bookings.c.workshop_id, workshops),
    (
        "booking_participant_missing",
        workshop_bookings,
        workshop_bookings.c.participant_id,
        participants,
    ),
)


def dangling_counts(conn: sa.Connection) -> dict[str, int]:
    """For each reference of the contract, how many rows point at a row that does not exist."""
    counts = {}
    for key, child, column, parent in REFERENCES:
        target = parent.alias("target")
        query = (
            sa.select(sa.func.count())
            .select_from(child.outerjoin(target, target.c.id == column))
            .where(column.is_not(None), target.c.id.is_(None))
        )
        counts[key] = int(conn.execute(query).scalar_one())
    return counts


def duplicate_registrations(conn: sa.Connection, event_id: int) -> int:
    """E-mail addresses (compared without case) registered more than once in an event."""
    email = sa.func.lower(sa.func.trim(participants.c.email))
    groups = (
        sa.select(email.label("email"))
        .where(participants.c.event_id == event_id, participants.c.email.is_not(None))
        .group_by(email)
        .having(sa.func.count() > 1)
        .subquery()
    )
    return int(conn.execute(sa.select(sa.func.count()).select_from(groups)).scalar_one())
