"""The changes a simulation makes, as the registration and matchmaking systems would make them.

Each takes the live event, an open transaction and the time, and says whether it changed anything.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from data.demo import names
from data.demo.countries import COUNTRIES
from data.demo.live import LiveEvent
from data.demo.matchmaking import ACCEPTANCE
from data.demo.vocabulary import CHECKIN_POINTS, JOB_TITLES
from data.schema import (
    checkins,
    meeting_requests,
    organisations,
    participants,
    workshop_bookings,
    workshops,
)

EVENT_HOURS = (7, 18)  # local hours in which badges are scanned


def register(live: LiveEvent, conn: sa.Connection, now: datetime) -> bool:
    """Register a new participant from an organisation already there."""
    org = live.pick(conn, sa.select(organisations), organisations.c.id)
    if org is None:
        return False
    raw_country = (org.country_code or "").strip().upper()
    country = {"UK": "GB", "EL": "GR"}.get(raw_country, raw_country)
    if country not in COUNTRIES:
        country = "DE"
    first, last = live.pools[country].pick(live.rng)
    domain = names.org_domain(org.name, country)
    email = _free_email(conn, names.email_address(first, last, domain, country))
    org_type = (org.org_type or "other").strip().lower()
    titles = JOB_TITLES.get(org_type, JOB_TITLES["other"])
    conn.execute(
        participants.insert().values(
            event_id=live.event.id,
            organisation_id=org.id,
            first_name=first,
            last_name=last,
            email=email,
            job_title=live.rng.choice(titles),
            country_code=country,
            role="delegate",
            status="registered",
            registered_at=now,
            matchmaking_opt_in=live.rng.random() < 0.7,
        )
    )
    return True


def check_in(live: LiveEvent, conn: sa.Connection, now: datetime) -> bool:
    """Scan the badge of someone not yet scanned today, during the event's hours."""
    local = now.replace(tzinfo=UTC).astimezone(live.zone)
    on_day = live.first_day <= local.date() <= live.last_day
    if not on_day or not EVENT_HOURS[0] <= local.hour < EVENT_HOURS[1]:
        return False
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    day_start = midnight.astimezone(UTC).replace(tzinfo=None)
    scanned_today = (
        sa.select(checkins.c.id)
        .where(checkins.c.participant_id == participants.c.id)
        .where(checkins.c.checked_in_at >= day_start)
    )
    query = live.active_people().where(~scanned_today.exists())
    person = live.pick(conn, query, participants.c.id)
    if person is None:
        return False
    point = live.rng.choices(CHECKIN_POINTS, weights=(6, 2, 2))[0]
    conn.execute(checkins.insert().values(participant_id=person.id, checked_in_at=now, point=point))
    return True


def answer_request(live: LiveEvent, conn: sa.Connection, now: datetime) -> bool:
    """Accept a pending request, with a free round and table, or decline it."""
    query = (
        sa.select(meeting_requests)
        .where(meeting_requests.c.event_id == live.event.id)
        .where(meeting_requests.c.status == "pending")
        .where(meeting_requests.c.requested_at <= now)
        .where(meeting_requests.c.requester_id != meeting_requests.c.recipient_id)
    )
    request = live.pick(conn, query, meeting_requests.c.id)
    if request is None:
        return False
    slot = None
    if live.rng.random() < ACCEPTANCE:
        slot = live.free_slot(conn, now, (request.requester_id, request.recipient_id))
    values: dict = {"status": "declined", "responded_at": now}
    if slot is not None:
        values.update(status="accepted", slot_start=slot[0], location=slot[1])
    conn.execute(
        meeting_requests.update().where(meeting_requests.c.id == request.id).values(**values)
    )
    return True


def request_meeting(live: LiveEvent, conn: sa.Connection, now: datetime) -> bool:
    """Ask for a meeting, preferably with someone from another country."""
    query = live.active_people().where(participants.c.matchmaking_opt_in == sa.true())
    requester = live.pick(conn, query, participants.c.id)
    if requester is None:
        return False
    recipient = None
    for _ in range(3):  # people prefer partners from other countries
        recipient = live.pick(conn, query, participants.c.id)
        if recipient is not None and recipient.country_code != requester.country_code:
            break
    if recipient is None or recipient.id == requester.id:
        return False
    exists = sa.select(meeting_requests.c.id).where(
        meeting_requests.c.requester_id == requester.id,
        meeting_requests.c.recipient_id == recipient.id,
    )
    if conn.execute(exists.limit(1)).first():
        return False
    conn.execute(
        meeting_requests.insert().values(
            event_id=live.event.id,
            requester_id=requester.id,
            recipient_id=recipient.id,
            status="pending",
            requested_at=now,
        )
    )
    return True


def record_meeting(live: LiveEvent, conn: sa.Connection, now: datetime) -> bool:
    """Record whether a meeting whose round has passed took place."""
    query = (
        sa.select(meeting_requests)
        .where(meeting_requests.c.event_id == live.event.id)
        .where(meeting_requests.c.status == "accepted")
        .where(meeting_requests.c.held.is_(None))
        .where(meeting_requests.c.slot_start <= now - timedelta(minutes=30))
    )
    meeting = live.pick(conn, query, meeting_requests.c.id)
    if meeting is None:
        return False
    held = live.rng.random() < 0.9
    update = meeting_requests.update().where(meeting_requests.c.id == meeting.id)
    conn.execute(update.values(held=held))
    return True


def book_workshop(live: LiveEvent, conn: sa.Connection, now: datetime) -> bool:
    """Book someone into an upcoming workshop, or onto its waiting list."""
    upcoming = conn.execute(
        sa.select(workshops.c.id, workshops.c.capacity)
        .where(workshops.c.event_id == live.event.id)
        .where(workshops.c.starts_at > now)
        .order_by(workshops.c.id)
    ).all()
    person = live.pick(conn, live.active_people(), participants.c.id)
    if not upcoming or person is None:
        return False
    workshop = live.rng.choice(upcoming)
    mine = sa.select(workshop_bookings.c.id).where(
        workshop_bookings.c.workshop_id == workshop.id,
        workshop_bookings.c.participant_id == person.id,
    )
    if conn.execute(mine.limit(1)).first():
        return False
    booked = conn.execute(
        sa.select(sa.func.count())
        .where(workshop_bookings.c.workshop_id == workshop.id)
        .where(workshop_bookings.c.status == "booked")
    ).scalar_one()
    status = "booked" if booked < workshop.capacity else "waitlisted"
    conn.execute(
        workshop_bookings.insert().values(
            workshop_id=workshop.id, participant_id=person.id, status=status, booked_at=now
        )
    )
    return True


def cancel_registration(live: LiveEvent, conn: sa.Connection, now: datetime) -> bool:
    """Cancel someone's registration, their workshop bookings and their pending requests."""
    person = live.pick(conn, live.active_people(), participants.c.id)
    if person is None:
        return False
    conn.execute(
        participants.update()
        .where(participants.c.id == person.id)
        .values(status="cancelled", cancelled_at=now)
    )
    conn.execute(
        workshop_bookings.update()
        .where(workshop_bookings.c.participant_id == person.id)
        .where(workshop_bookings.c.status.in_(("booked", "waitlisted")))
        .values(status="cancelled")
    )
    conn.execute(
        meeting_requests.update()
        .where(meeting_requests.c.requester_id == person.id)
        .where(meeting_requests.c.status == "pending")
        .values(status="cancelled")
    )
    return True


def _free_email(conn: sa.Connection, email: str) -> str:
    local, _, domain = email.partition("@")
    candidate, number = email, 1
    taken = sa.select(participants.c.id).where(
        sa.func.lower(participants.c.email) == sa.bindparam("e")
    )
    while conn.execute(taken.limit(1), {"e": candidate}).first():
        number += 1
        candidate = f"{local}{number}@{domain}"
    return candidate


CHANGES: dict[str, Callable[[LiveEvent, sa.Connection, datetime], bool]] = {
    "registration": register,
    "checkin": check_in,
    "answer": answer_request,
    "request": request_meeting,
    "held": record_meeting,
    "booking": book_workshop,
    "cancellation": cancel_registration,
}
