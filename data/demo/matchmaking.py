"""Meeting requests of an edition: who asks whom, the answers, and the rounds and tables booked."""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterator
from datetime import datetime, timedelta

from data.demo.dice import Dice
from data.demo.people import Person
from data.demo.world import Plan, World, after, between

ROUND_HOURS = (10.0, 10.5, 11.0, 11.5, 12.0, 14.0, 14.5, 15.0, 15.5, 16.0)
REQUESTS_PER_OPT_IN, ACCEPTANCE, NEVER_ANSWERED = 2.75, 0.68, 0.07


class Board:
    """The meeting rounds and tables: no table and no person is booked twice in one round."""

    def __init__(self, slots: list[datetime], tables: int) -> None:
        self.slots = slots
        self.tables = tables
        self.used = [0] * len(slots)
        self.busy: dict[int, int] = {}  # person id -> bit mask of the rounds they meet in

    def book(
        self, rng: Dice, a: int, b: int, after: datetime
    ) -> tuple[datetime, str] | tuple[None, None]:
        """Return a free round after a moment and a table in it, or (None, None)."""
        first = bisect.bisect_left(self.slots, after + timedelta(minutes=30))
        free = len(self.slots) - first
        taken = self.busy.get(a, 0) | self.busy.get(b, 0)
        offset = rng.randrange(free) if free else 0
        for step in range(free):
            index = first + (offset + step) % free
            if self.used[index] < self.tables and not taken >> index & 1:
                self.used[index] += 1
                self.busy[a] = self.busy.get(a, 0) | 1 << index
                self.busy[b] = self.busy.get(b, 0) | 1 << index
                return self.slots[index], f"Table {self.used[index]}"
        return None, None


def request_rows(world: World, plan: Plan, people: list[Person]) -> Iterator[dict]:
    """Yield the meeting requests of an edition: mostly across borders, answered within hours."""
    rng = world.rng
    # Some who later cancelled had already asked for meetings.
    pool = [p for p in people if p.opt_in and (p.active or (p.cancelled_at and rng.random() < 0.2))]
    if len(pool) < 2:
        return
    outsiders = [p for p in people if p.active and not p.opt_in]
    by_country: dict[str, list[Person]] = {}
    for person in pool:
        by_country.setdefault(person.country, []).append(person)
    wanted = round(len(pool) * REQUESTS_PER_OPT_IN)
    slots = [plan.at(day, hour) for day in range(plan.days) for hour in ROUND_HOURS]
    meetings = wanted * ACCEPTANCE * 0.9  # accepted of all requests, roughly
    board = Board(slots, tables=max(20, math.ceil(meetings / (len(slots) * 0.65))))
    seen: set[int] = set()
    for _ in range(wanted):
        a = rng.pick(pool)
        b = _recipient(rng, a, pool, by_country, outsiders)
        if a is b or a.id << 32 | b.id in seen:
            continue
        seen.add(a.id << 32 | b.id)
        yield _request(world, plan, a, b, board)
    yield from _messy_requests(world, plan, pool, board)


def _recipient(
    rng: Dice,
    a: Person,
    pool: list[Person],
    by_country: dict[str, list[Person]],
    outsiders: list[Person],
) -> Person:
    u = rng.random()
    if u < 0.03 and outsiders:
        return rng.pick(outsiders)
    if u < 0.73:  # people come to meet partners from other countries
        for _ in range(8):
            b = rng.pick(pool)
            if b.country != a.country:
                return b
    return rng.pick(by_country[a.country])


def _request(world: World, plan: Plan, a: Person, b: Person, board: Board) -> dict:
    rng = world.rng
    asked = _request_time(rng, plan, a)
    row = {
        "id": world.new_id("meeting_requests"),
        "event_id": plan.id,
        "requester_id": a.id,
        "recipient_id": b.id,
        "status": "pending",
        "requested_at": asked,
        "responded_at": None,
        "slot_start": None,
        "location": None,
        "held": None,
    }
    if (not (a.active and b.active) and rng.random() < 0.5) or rng.random() < 0.015:
        row["status"] = "cancelled"
        return row
    answered = after(asked, rng.lognormvariate(math.log(4), 1.2))
    if rng.random() < NEVER_ANSWERED or answered > plan.recorded_until:
        return row
    row["responded_at"] = answered
    if rng.random() >= ACCEPTANCE:
        row["status"] = "declined"
        return row
    row["status"] = "accepted"
    row["slot_start"], row["location"] = board.book(rng, a.id, b.id, answered)
    row["held"] = _held(rng, plan, row["slot_start"])
    return row


def _request_time(rng: Dice, plan: Plan, person: Person) -> datetime:
    """Requests come in the four weeks before the event and during it, never after now."""
    opens, on_site, last = plan.matchmaking
    high = min(last, person.cancelled_at) if person.cancelled_at else last
    low = max(person.registered_at, opens)
    if low > high:
        low = person.registered_at
    if high > on_site and rng.random() < 0.15:
        return between(rng, max(low, on_site), high)
    return min(between(rng, low, min(high, plan.start), skew=0.6), high)


def _held(rng: Dice, plan: Plan, slot_start: datetime | None) -> bool | None:
    if slot_start is None or after(slot_start, 0.5) > plan.now:
        return None
    u = rng.random()
    return True if u < 0.9 else False if u < 0.98 else None


def _messy_requests(world: World, plan: Plan, pool: list[Person], board: Board) -> Iterator[dict]:
    """A self-request, an accepted meeting without a slot, and (SQLite) a dangling recipient."""
    rng = world.rng
    unanswered = {"status": "pending", "responded_at": None, "slot_start": None, "location": None}
    for _ in range(max(1, len(pool) // 400)):
        a, b = rng.sample(pool, 2)
        yield {**_request(world, plan, a, a, board), **unanswered, "held": None}
        row = _request(world, plan, a, b, board)
        answered = after(row["requested_at"], 1)
        yield {**row, **unanswered, "status": "accepted", "responded_at": answered, "held": None}
        row = {**_request(world, plan, a, b, board), **unanswered, "held": None}
        row["recipient_id"] = 900_000_000 + rng.randrange(1000)  # deleted in the other system
        if world.dangling:  # servers enforce the foreign key; the same draws keep ids in step
            yield row
