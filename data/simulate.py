"""Keep changing a demo database as the registration and matchmaking systems would, live."""

from __future__ import annotations

import itertools
import logging
import threading
import time as clock
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlalchemy as sa

from data import demo_names as names
from data.demo import ACCEPTANCE, ROUND_HOURS
from data.engine import writable_engine
from data.schema import (
    checkins,
    events,
    meeting_requests,
    organisations,
    participants,
    workshop_bookings,
    workshops,
)

log = logging.getLogger(__name__)

# How often each kind of change happens, relative to the others.
KINDS = {
    "registration": 12,
    "checkin": 30,
    "answer": 15,
    "request": 15,
    "held": 10,
    "booking": 12,
    "cancellation": 3,
}
KIND_NAMES = tuple(KINDS)
KIND_CUM = tuple(itertools.accumulate(KINDS.values()))
LOG_EVERY = 100
EVENT_HOURS = (7, 18)  # local hours in which badges are scanned
ACTIVE = ("registered", "confirmed")


def utc_now() -> datetime:
    """Return the current time as the schema stores it: UTC without a zone."""
    return datetime.now(UTC).replace(tzinfo=None)


def run(
    database_url: str,
    rate: float = 1.0,
    duration_s: float | None = None,
    seed: int | None = None,
    event_id: int | None = None,
    stop: threading.Event | None = None,
) -> dict[str, int]:
    """Write about rate changes a second until duration_s has passed or stop is set."""
    if rate <= 0:
        raise ValueError("rate must be positive")
    engine = writable_engine(database_url)
    try:
        simulator = Simulator(engine, names.Dice(seed), event_id)
        return simulator.loop(rate, duration_s, stop or threading.Event())
    finally:
        engine.dispose()


class Simulator:
    """The changes of one event, each in its own short transaction."""

    def __init__(self, engine: sa.Engine, rng: names.Dice, event_id: int | None) -> None:
        self.engine = engine
        self.rng = rng
        self.pools = names.name_pools(rng.randrange(1_000_000), size=40)
        with engine.connect() as conn:
            self.event = _current_event(conn, event_id)
            self.tables = _table_count(conn, self.event.id)
        self.zone = _zone(self.event.timezone)
        self.first_day, self.last_day = _as_date(self.event.starts_on), _as_date(self.event.ends_on)
        log.info("simulating changes to event %s (%s)", self.event.id, self.event.name)

    def loop(self, rate: float, duration_s: float | None, stop: threading.Event) -> dict[str, int]:
        """Make changes at the rate until the time is up or stop is set; return counts per kind."""
        counts: Counter[str] = Counter({kind: 0 for kind in KINDS} | {"skipped": 0})
        started = clock.monotonic()
        deadline = started + duration_s if duration_s is not None else float("inf")
        due = started
        while not stop.is_set() and clock.monotonic() < deadline:
            kind = self._one_change()
            counts[kind] += 1
            if counts.total() % LOG_EVERY == 0:
                log.info("%d changes so far: %s", counts.total(), dict(counts))
            due = max(due + 1 / rate, clock.monotonic() - 1)  # after a stall, do not burst
            wait = min(due, deadline) - clock.monotonic()
            if wait > 0:
                stop.wait(wait)
        log.info("simulation ended after %d changes: %s", counts.total(), dict(counts))
        return dict(counts)

    def _one_change(self) -> str:
        """Make one change of a random kind; when a kind finds nothing to do, try another."""
        for _ in range(3):
            kind = self.rng.weighted(KIND_NAMES, KIND_CUM)
            if self._change(kind):
                return kind
        return "skipped"

    def _change(self, kind: str) -> bool:
        change: Callable[[sa.Connection, datetime], bool] = getattr(self, f"_{kind}")
        try:
            with self.engine.begin() as conn:
                return change(conn, utc_now())
        except sa.exc.OperationalError as exc:  # a locked SQLite file, a dropped connection
            log.warning("could not write a %s: %s", kind, exc.orig)
            return False

    # --- the changes ---------------------------------------------------------------------

    def _registration(self, conn: sa.Connection, now: datetime) -> bool:
        org = self._pick(conn, sa.select(organisations), organisations.c.id)
        if org is None:
            return False
        raw_country = (org.country_code or "").strip().upper()
        country = {"UK": "GB", "EL": "GR"}.get(raw_country, raw_country)
        if country not in names.COUNTRIES:
            country = "DE"
        first, last = self.pools[country].pick(self.rng)
        domain = names.org_domain(org.name, country)
        email = _free_email(conn, names.email_address(first, last, domain, country))
        org_type = (org.org_type or "other").strip().lower()
        titles = names.JOB_TITLES.get(org_type, names.JOB_TITLES["other"])
        conn.execute(
            participants.insert().values(
                event_id=self.event.id,
                organisation_id=org.id,
                first_name=first,
                last_name=last,
                email=email,
                job_title=self.rng.choice(titles),
                country_code=country,
                role="delegate",
                status="registered",
                registered_at=now,
                matchmaking_opt_in=self.rng.random() < 0.7,
            )
        )
        return True

    def _checkin(self, conn: sa.Connection, now: datetime) -> bool:
        local = now.replace(tzinfo=UTC).astimezone(self.zone)
        on_day = self.first_day <= local.date() <= self.last_day
        if not on_day or not EVENT_HOURS[0] <= local.hour < EVENT_HOURS[1]:
            return False
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        day_start = midnight.astimezone(UTC).replace(tzinfo=None)
        scanned_today = (
            sa.select(checkins.c.id)
            .where(checkins.c.participant_id == participants.c.id)
            .where(checkins.c.checked_in_at >= day_start)
        )
        query = self._active_people().where(~scanned_today.exists())
        person = self._pick(conn, query, participants.c.id)
        if person is None:
            return False
        point = self.rng.choices(names.CHECKIN_POINTS, weights=(6, 2, 2))[0]
        conn.execute(
            checkins.insert().values(participant_id=person.id, checked_in_at=now, point=point)
        )
        return True

    def _answer(self, conn: sa.Connection, now: datetime) -> bool:
        query = (
            sa.select(meeting_requests)
            .where(meeting_requests.c.event_id == self.event.id)
            .where(meeting_requests.c.status == "pending")
            .where(meeting_requests.c.requested_at <= now)
            .where(meeting_requests.c.requester_id != meeting_requests.c.recipient_id)
        )
        request = self._pick(conn, query, meeting_requests.c.id)
        if request is None:
            return False
        slot = None
        if self.rng.random() < ACCEPTANCE:
            slot = self._free_slot(conn, now, (request.requester_id, request.recipient_id))
        values: dict = {"status": "declined", "responded_at": now}
        if slot is not None:
            values.update(status="accepted", slot_start=slot[0], location=slot[1])
        conn.execute(
            meeting_requests.update().where(meeting_requests.c.id == request.id).values(**values)
        )
        return True

    def _request(self, conn: sa.Connection, now: datetime) -> bool:
        query = self._active_people().where(participants.c.matchmaking_opt_in == sa.true())
        requester = self._pick(conn, query, participants.c.id)
        if requester is None:
            return False
        recipient = None
        for _ in range(3):  # people prefer partners from other countries
            recipient = self._pick(conn, query, participants.c.id)
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
                event_id=self.event.id,
                requester_id=requester.id,
                recipient_id=recipient.id,
                status="pending",
                requested_at=now,
            )
        )
        return True

    def _held(self, conn: sa.Connection, now: datetime) -> bool:
        query = (
            sa.select(meeting_requests)
            .where(meeting_requests.c.event_id == self.event.id)
            .where(meeting_requests.c.status == "accepted")
            .where(meeting_requests.c.held.is_(None))
            .where(meeting_requests.c.slot_start <= now - timedelta(minutes=30))
        )
        meeting = self._pick(conn, query, meeting_requests.c.id)
        if meeting is None:
            return False
        held = self.rng.random() < 0.9
        update = meeting_requests.update().where(meeting_requests.c.id == meeting.id)
        conn.execute(update.values(held=held))
        return True

    def _booking(self, conn: sa.Connection, now: datetime) -> bool:
        upcoming = conn.execute(
            sa.select(workshops.c.id, workshops.c.capacity)
            .where(workshops.c.event_id == self.event.id)
            .where(workshops.c.starts_at > now)
            .order_by(workshops.c.id)
        ).all()
        person = self._pick(conn, self._active_people(), participants.c.id)
        if not upcoming or person is None:
            return False
        workshop = self.rng.choice(upcoming)
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

    def _cancellation(self, conn: sa.Connection, now: datetime) -> bool:
        person = self._pick(conn, self._active_people(), participants.c.id)
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

    # --- helpers -------------------------------------------------------------------------

    def _active_people(self) -> sa.Select:
        status = sa.func.lower(sa.func.trim(participants.c.status))
        return (
            sa.select(participants.c.id, participants.c.country_code)
            .where(participants.c.event_id == self.event.id)
            .where(status.in_(ACTIVE))
        )

    def _pick(self, conn: sa.Connection, query: sa.Select, key: sa.Column) -> sa.Row | None:
        """Return a random row of a query, found through the primary key, not a full sort."""
        low, high = conn.execute(sa.select(sa.func.min(key), sa.func.max(key))).one()
        if low is None:
            return None
        pivot = self.rng.randint(low, high)
        row = conn.execute(query.where(key >= pivot).order_by(key).limit(1)).first()
        return row or conn.execute(query.where(key < pivot).order_by(key.desc()).limit(1)).first()

    def _free_slot(
        self, conn: sa.Connection, now: datetime, people: tuple[int, int]
    ) -> tuple[datetime, str] | None:
        """Return the next meeting round with a free table in which neither person meets."""
        accepted = (
            sa.select(meeting_requests.c.location)
            .where(meeting_requests.c.event_id == self.event.id)
            .where(meeting_requests.c.status == "accepted")
        )
        for slot in self._rounds(now + timedelta(minutes=30)):
            at_slot = accepted.where(meeting_requests.c.slot_start == slot)
            busy = at_slot.where(
                sa.or_(
                    meeting_requests.c.requester_id.in_(people),
                    meeting_requests.c.recipient_id.in_(people),
                )
            )
            if conn.execute(busy.limit(1)).first():
                continue
            used = set(conn.execute(at_slot).scalars())
            free = [f"Table {n}" for n in range(1, self.tables + 1) if f"Table {n}" not in used]
            if free:
                return slot, free[0]
        return None

    def _rounds(self, after: datetime) -> list[datetime]:
        rounds = []
        day = self.first_day
        while day <= self.last_day:
            for hour in ROUND_HOURS:
                local = datetime(day.year, day.month, day.day, tzinfo=self.zone)
                moment = (local + timedelta(hours=hour)).astimezone(UTC).replace(tzinfo=None)
                if moment >= after:
                    rounds.append(moment)
            day += timedelta(days=1)
        return rounds


def _current_event(conn: sa.Connection, event_id: int | None) -> sa.Row:
    """Return the event given, else the one going on today, else the latest."""
    rows = conn.execute(sa.select(events).order_by(events.c.starts_on.desc())).all()
    if event_id is not None:
        rows = [row for row in rows if row.id == event_id]
    if not rows:
        raise ValueError(f"no event {event_id} in the database" if event_id else "no events")
    for row in rows:
        today = datetime.now(_zone(row.timezone)).date()
        if _as_date(row.starts_on) <= today <= _as_date(row.ends_on):
            return row
    return rows[0]


def _as_date(value: date | datetime | str) -> date:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _table_count(conn: sa.Connection, event_id: int) -> int:
    """Return how many meeting tables the event uses: 20, or more if the data shows more."""
    locations = conn.execute(
        sa.select(meeting_requests.c.location)
        .where(meeting_requests.c.event_id == event_id)
        .where(meeting_requests.c.location.like("Table %"))
        .distinct()
    ).scalars()
    numbers = [int(loc.split()[1]) for loc in locations if loc.split()[1].isdigit()]
    return max([20, *numbers])


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
