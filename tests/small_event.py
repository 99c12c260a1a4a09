"""A small registration database whose figures are worked out by hand in the tests.

Event 2 (2026-09-17/18, Europe/Berlin) is the current edition, event 1 the previous.
Hand-computed answers are in tests/test_metrics.py next to each assertion.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from data import schema

T = dt.datetime

EVENTS = [
    dict(
        id=1,
        name="Baltic Clusters 2025",
        starts_on=dt.date(2025, 9, 18),
        ends_on=dt.date(2025, 9, 19),
        city="Rostock",
        timezone="Europe/Berlin",
    ),
    dict(
        id=2,
        name="Baltic Clusters 2026",
        starts_on=dt.date(2026, 9, 17),
        ends_on=dt.date(2026, 9, 18),
        city="Berlin",
        timezone="Europe/Berlin",
    ),
]
ORGANISATIONS = [
    dict(
        id=1,
        name="Maritime Cluster Northern Germany",
        country_code="DE",
        sector="Digital",
        org_type="cluster_organisation",
        cluster_id=None,
    ),
    dict(
        id=2,
        name="Food Valley Denmark",
        country_code="dk",
        sector="agri-food ",
        org_type="Cluster_Organisation",
        cluster_id=None,
    ),
    dict(
        id=3,
        name="Nordic Blue SME",
        country_code=None,
        sector="Blue Economy",
        org_type="sme",
        cluster_id=2,
    ),
    dict(
        id=4,
        name="University of Somewhere",
        country_code="UK",
        sector=None,
        org_type="University",
        cluster_id=None,
    ),
    dict(
        id=5,
        name="Hellenic Ministry",
        country_code="EL",
        sector="Health",
        org_type=None,
        cluster_id=None,
    ),
]


def _person(pid, event_id, org, country, status, registered, opt_in=True, role=None):
    return dict(
        id=pid,
        event_id=event_id,
        organisation_id=org,
        first_name=f"First{pid}",
        last_name=f"Last{pid}",
        email=f"person{pid}@example.org",
        job_title="Manager",
        country_code=country,
        role=role,
        status=status,
        registered_at=registered,
        cancelled_at=None,
        matchmaking_opt_in=opt_in,
    )


PARTICIPANTS = [
    _person(1, 2, 1, None, "confirmed", T(2026, 6, 1, 10, 0), role="speaker"),
    _person(2, 2, 1, " se ", "registered", T(2026, 6, 1, 23, 30)),
    _person(3, 2, 2, None, " Confirmed", T(2026, 7, 15, 9, 0)),
    _person(4, 2, 3, None, "registered", T(2026, 9, 10, 8, 0), opt_in=False),
    _person(5, 2, 4, None, "waitlisted", T(2026, 9, 10, 9, 0)),
    _person(6, 2, 5, None, "cancelled", T(2026, 8, 20, 9, 0)),
    _person(7, 2, None, "Germany", "pending_payment", T(2026, 8, 21, 9, 0)),
    _person(8, 2, 99, "DE", "confirmed", T(2026, 8, 22, 9, 0)),
    _person(9, 2, 1, "fi", "REGISTERED", T(2026, 9, 16, 22, 30)),
    _person(10, 1, 1, "DE", "confirmed", T(2025, 8, 1, 9, 0)),
    _person(11, 2, 2, None, "confirmed", T(2026, 8, 1, 12, 0)),
]
CHECKINS = [
    dict(id=1, participant_id=1, checked_in_at=T(2026, 9, 17, 7, 10), point="Main entrance"),
    dict(id=2, participant_id=1, checked_in_at=T(2026, 9, 17, 10, 0), point="Desk A"),
    dict(id=3, participant_id=1, checked_in_at=T(2026, 9, 18, 6, 30), point="Main entrance"),
    # 23:30 UTC on the 17th is 01:30 on the 18th in Berlin: day 2.
    dict(id=4, participant_id=3, checked_in_at=T(2026, 9, 17, 23, 30), point="Desk B"),
    dict(id=5, participant_id=5, checked_in_at=T(2026, 9, 17, 8, 0), point="Desk B"),
]


def _request(
    rid, requester, recipient, status, responded_h=None, slot=None, held=None, location=None
):
    requested = T(2026, 9, 1, 10, 0)
    responded = requested + dt.timedelta(hours=responded_h) if responded_h is not None else None
    return dict(
        id=rid,
        event_id=2,
        requester_id=requester,
        recipient_id=recipient,
        status=status,
        requested_at=requested,
        responded_at=responded,
        slot_start=slot,
        location=location,
        held=held,
    )


REQUESTS = [
    _request(1, 1, 3, "accepted", 2, T(2026, 9, 17, 8, 0), True, "Table 1"),
    _request(2, 3, 1, "declined", 4),
    _request(3, 2, 9, "accepted", 1, T(2026, 9, 17, 8, 0), False, "Table 2"),
    _request(4, 4, 1, "pending"),
    _request(5, 1, 2, "cancelled"),
    _request(6, 1, 999, "accepted", 1, T(2026, 9, 17, 9, 0), True, "Table 3"),
    _request(7, 11, 3, "accepted", 10),
    _request(8, 4, 9, "Accepted", 0.5, T(2026, 9, 17, 8, 30), None, "Table 1"),
]
WORKSHOPS = [
    dict(
        id=1,
        event_id=2,
        title="Smart Ports",
        topic="Maritime",
        room="A",
        starts_at=T(2026, 9, 18, 7, 0),
        ends_at=T(2026, 9, 18, 8, 30),
        capacity=2,
    ),
    dict(
        id=2,
        event_id=2,
        title="Green Hydrogen",
        topic="Energy",
        room="B",
        starts_at=T(2026, 9, 18, 9, 0),
        ends_at=T(2026, 9, 18, 10, 30),
        capacity=0,
    ),
    dict(
        id=3,
        event_id=2,
        title="Digital Twins",
        topic="Digital",
        room="A",
        starts_at=T(2026, 9, 18, 12, 0),
        ends_at=T(2026, 9, 18, 13, 30),
        capacity=10,
    ),
]


def _booking(bid, workshop, participant, status, attended=None):
    return dict(
        id=bid,
        workshop_id=workshop,
        participant_id=participant,
        status=status,
        booked_at=T(2026, 9, 5, 12, 0),
        attended=attended,
    )


BOOKINGS = [
    _booking(1, 1, 1, "booked", True),
    _booking(2, 1, 2, "booked", False),
    _booking(3, 1, 3, "booked", True),
    _booking(4, 1, 5, "booked"),
    _booking(5, 1, 4, "waitlisted"),
    _booking(6, 2, 9, "booked"),
    _booking(7, 3, 1, "cancelled"),
    _booking(8, 3, 999, "booked"),
]
DANGLING = {"participants": {8}, "meeting_requests": {6}, "workshop_bookings": {8}}


def rows(with_dangling: bool = True) -> dict[sa.Table, list[dict]]:
    """The fixture's rows per table; databases that enforce foreign keys get no dangling rows."""
    tables = {
        schema.events: EVENTS,
        schema.organisations: ORGANISATIONS,
        schema.participants: PARTICIPANTS,
        schema.checkins: CHECKINS,
        schema.meeting_requests: REQUESTS,
        schema.workshops: WORKSHOPS,
        schema.workshop_bookings: BOOKINGS,
    }
    if with_dangling:
        return tables
    return {
        t: [r for r in rs if r["id"] not in DANGLING.get(t.name, ())] for t, rs in tables.items()
    }


def load(engine: sa.Engine, create: bool = True) -> None:
    """Create the tables (unless they exist) and write the fixture's rows."""
    if create:
        schema.metadata.create_all(engine)
    with_dangling = engine.url.get_backend_name() == "sqlite"
    with engine.begin() as conn:
        for table, table_rows in rows(with_dangling).items():
            conn.execute(table.insert(), table_rows)
