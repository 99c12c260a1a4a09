"""The event a simulation changes: what it is, and how to find people, rows and free slots in it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlalchemy as sa

from data.demo.dice import Dice
from data.demo.matchmaking import ROUND_HOURS
from data.demo.names import NamePool
from data.demo.people import ACTIVE
from data.schema import events, meeting_requests, participants


@dataclass(frozen=True)
class LiveEvent:
    """The event being changed, with the random source and the names its changes draw from."""

    rng: Dice
    pools: dict[str, NamePool]
    event: sa.Row
    tables: int
    zone: ZoneInfo
    first_day: date
    last_day: date

    @classmethod
    def load(
        cls, conn: sa.Connection, rng: Dice, pools: dict[str, NamePool], event_id: int | None
    ) -> LiveEvent:
        """Read the event to change (see current_event) and how many meeting tables it uses."""
        event = current_event(conn, event_id)
        first_day, last_day = _as_date(event.starts_on), _as_date(event.ends_on)
        tables = _table_count(conn, event.id)
        return cls(rng, pools, event, tables, _zone(event.timezone), first_day, last_day)

    def active_people(self) -> sa.Select:
        """Return a query of the event's registered and confirmed participants (id, country)."""
        status = sa.func.lower(sa.func.trim(participants.c.status))
        return (
            sa.select(participants.c.id, participants.c.country_code)
            .where(participants.c.event_id == self.event.id)
            .where(status.in_(ACTIVE))
        )

    def pick(self, conn: sa.Connection, query: sa.Select, key: sa.Column) -> sa.Row | None:
        """Return a random row of a query, found through the primary key, not a full sort."""
        low, high = conn.execute(sa.select(sa.func.min(key), sa.func.max(key))).one()
        if low is None:
            return None
        pivot = self.rng.randint(low, high)
        row = conn.execute(query.where(key >= pivot).order_by(key).limit(1)).first()
        return row or conn.execute(query.where(key < pivot).order_by(key.desc()).limit(1)).first()

    def free_slot(
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


def current_event(conn: sa.Connection, event_id: int | None) -> sa.Row:
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
