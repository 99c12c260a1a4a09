"""A small event full of matchmaking and workshop edge cases, answers worked out by hand.

Event 7 (5–6 May 2026, Europe/Berlin: UTC+2) holds the edge cases; event 8 has neither
matchmaking nor workshops. The hand-computed answers are in tests/test_matchmaking.py
and tests/test_workshops.py next to each assertion.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from data import schema

T = dt.datetime
ASKED = T(2026, 5, 1, 8, 0)  # 10:00 in Berlin

EVENTS = [
    dict(
        id=7,
        name="Edge Event",
        starts_on=dt.date(2026, 5, 5),
        ends_on=dt.date(2026, 5, 6),
        city="Kiel",
        timezone="Europe/Berlin",
    ),
    dict(
        id=8,
        name="Quiet Event",
        starts_on=dt.date(2026, 6, 1),
        ends_on=dt.date(2026, 6, 1),
        city="Turku",
        timezone="Europe/Helsinki",
    ),
]
ORGANISATIONS = [
    dict(
        id=1,
        name="Org DE",
        country_code="DE",
        sector="Digital",
        org_type="cluster_organisation",
        cluster_id=None,
    ),
    dict(id=2, name="Org DK", country_code="DK", sector="Health", org_type="sme", cluster_id=None),
    dict(
        id=3,
        name="Org SE",
        country_code="SE",
        sector="digital",
        org_type="research",
        cluster_id=None,
    ),
    dict(id=4, name="Org PL", country_code="PL", sector=None, org_type="sme", cluster_id=None),
]


def _person(pid, org, status, opt_in=True, event_id=7):
    return dict(
        id=pid,
        event_id=event_id,
        organisation_id=org,
        first_name=f"First{pid}",
        last_name=f"Last{pid}",
        email=f"p{pid}@example.org",
        job_title=None,
        country_code=None,
        role=None,
        status=status,
        registered_at=T(2026, 3, 1, 9, 0),
        cancelled_at=None,
        matchmaking_opt_in=opt_in,
    )


PARTICIPANTS = [
    _person(1, 1, "confirmed"),  # DE, Digital
    _person(2, 2, "registered"),  # DK, Health
    _person(3, 3, "confirmed"),  # SE, Digital
    _person(4, 1, "confirmed"),  # DE: opted in, no accepted meeting
    _person(5, 2, "confirmed", opt_in=False),  # DK
    _person(6, 4, "registered"),  # PL, sector Unknown: only a self-request
    _person(7, 1, "cancelled"),  # DE, not active, has a meeting
    _person(8, 99, "confirmed"),  # organisation missing: left out
    _person(9, 3, "waitlisted"),  # SE, not active
    _person(20, 1, "confirmed", opt_in=False, event_id=8),
]


def _request(rid, a, b, status, answer_h=None, slot=None, table=None, held=None, asked=ASKED):
    return dict(
        id=rid,
        event_id=7,
        requester_id=a,
        recipient_id=b,
        status=status,
        requested_at=asked,
        responded_at=None if answer_h is None else asked + dt.timedelta(hours=answer_h),
        slot_start=slot,
        location=table,
        held=held,
    )


R1000, R1030, R1100 = T(2026, 5, 5, 8, 0), T(2026, 5, 5, 8, 30), T(2026, 5, 5, 9, 0)
DAY2_1000 = T(2026, 5, 6, 8, 0)
REQUESTS = [
    _request(1, 1, 2, "accepted", 2, R1000, "Table 1", True),
    _request(2, 3, 2, "accepted", 1, R1000, "Table 2", False),
    _request(3, 2, 3, "declined", 4),
    _request(4, 1, 3, "declined", 0.5),
    _request(5, 3, 1, "accepted", 6, R1030, "Table 1"),
    _request(6, 6, 6, "accepted", 1, R1030, " Table 2 "),  # self-request, table with spaces
    _request(7, 1, 999, "accepted", 1, R1100, "Table 1"),  # recipient missing
    _request(8, 2, 1, "accepted", None, R1100, None),  # no answer time, no table
    _request(9, 3, 1, "pending"),
    _request(10, 1, 2, "cancelled"),
    _request(11, 7, 3, "accepted", 24, R1100, "Table 2", True),
    _request(12, 2, 1, "declined", -1),  # answered before it was sent
    _request(13, 3, 2, "Accepted ", 3, R1000, "Table 1", True),  # Table 1 booked twice
    _request(14, 8, 1, "accepted", 2),  # requester's organisation missing; no slot
    _request(15, 1, 3, "accepted", 2, DAY2_1000, "Table 3", asked=T(2026, 5, 4, 23, 30)),
    _request(16, 4, 1, "maybe"),  # status outside the vocabulary
]
WORKSHOPS = [
    dict(
        id=1,
        event_id=7,
        title="Full Room",
        topic="Energy",
        room="A",
        starts_at=T(2026, 5, 5, 7, 0),
        ends_at=T(2026, 5, 5, 8, 0),
        capacity=2,
    ),
    dict(
        id=2,
        event_id=7,
        title="Zero Seats",
        topic=None,
        room=None,
        starts_at=T(2026, 5, 6, 7, 0),
        ends_at=None,
        capacity=0,
    ),
    dict(
        id=3,
        event_id=7,
        title="Overflow",
        topic="Digital",
        room="B",
        starts_at=T(2026, 5, 5, 12, 0),
        ends_at=T(2026, 5, 5, 13, 0),
        capacity=1,
    ),
    dict(
        id=4,
        event_id=7,
        title="Comfy",
        topic="Energy",
        room="A",
        starts_at=T(2026, 5, 6, 9, 0),
        ends_at=T(2026, 5, 6, 10, 0),
        capacity=10,
    ),
    dict(
        id=5,
        event_id=7,
        title="Filling",
        topic="Health",
        room="B",
        starts_at=T(2026, 5, 6, 12, 0),
        ends_at=T(2026, 5, 6, 13, 0),
        capacity=5,
    ),
    dict(
        id=6,
        event_id=7,
        title="Negative",
        topic="Health",
        room="C",
        starts_at=T(2026, 5, 6, 13, 0),
        ends_at=T(2026, 5, 6, 12, 0),
        capacity=-1,
    ),
]


def _booking(bid, workshop, person, status, attended=None):
    return dict(
        id=bid,
        workshop_id=workshop,
        participant_id=person,
        status=status,
        booked_at=T(2026, 4, 1, 9, 0),
        attended=attended,
    )


BOOKINGS = [
    _booking(1, 1, 1, "booked", True),
    _booking(2, 1, 2, "booked", False),
    _booking(3, 2, 3, "booked"),
    _booking(4, 3, 1, "booked"),
    _booking(5, 3, 3, "booked"),
    _booking(6, 3, 4, "waitlisted"),
    _booking(7, 3, 999, "booked"),  # participant missing
    _booking(8, 3, 9, "booked"),  # participant waitlisted: not active
    _booking(9, 4, 2, "booked"),
    _booking(10, 4, 6, "booked"),
    _booking(11, 4, 6, " Booked"),  # the same participant twice
    _booking(12, 5, 1, "booked"),
    _booking(13, 5, 2, "booked"),
    _booking(14, 5, 3, "booked"),
    _booking(15, 5, 4, "booked"),
    _booking(16, 5, 5, "maybe"),  # status outside the vocabulary
]


def load(engine: sa.Engine) -> None:
    """Create the tables and write the fixture's rows (SQLite: no foreign keys enforced)."""
    schema.metadata.create_all(engine)
    with engine.begin() as conn:
        for table, rows in (
            (schema.events, EVENTS),
            (schema.organisations, ORGANISATIONS),
            (schema.participants, PARTICIPANTS),
            (schema.meeting_requests, REQUESTS),
            (schema.workshops, WORKSHOPS),
            (schema.workshop_bookings, BOOKINGS),
        ):
            conn.execute(table.insert(), rows)
