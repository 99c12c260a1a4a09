"""Workshops of an edition, with capacities set from demand, and their bookings."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from data.demo.dice import Dice
from data.demo.people import Person
from data.demo.vocabulary import ROOMS, WORKSHOPS
from data.demo.world import Plan, World, between

WORKSHOP_BLOCKS = ((9.5, 11.0), (11.5, 13.0), (14.0, 15.5), (16.0, 17.5))


def workshop_rows(world: World, plan: Plan) -> list[dict]:
    """Workshops on the last day, in four blocks; the list order is their popularity."""
    rng = world.rng
    topics = rng.sample(WORKSHOPS, len(WORKSHOPS))
    rows = []
    for index in range(plan.workshops):
        topic, title = topics[index % len(topics)]
        if index >= len(topics):
            title += f" ({index // len(topics) + 1})"
        begin, end = WORKSHOP_BLOCKS[index % len(WORKSHOP_BLOCKS)]
        room_no = index // len(WORKSHOP_BLOCKS)
        room = ROOMS[room_no] if room_no < len(ROOMS) else f"Room {room_no + 1}"
        rows.append(
            {
                "id": world.new_id("workshops"),
                "event_id": plan.id,
                "title": title,
                "topic": topic,
                "room": room,
                "starts_at": plan.at(plan.days - 1, begin),
                "ends_at": plan.at(plan.days - 1, end),
                "capacity": 0,
            }
        )
    return rows


def booking_wishes(
    rng: Dice, plan: Plan, people: list[Person], count: int
) -> list[tuple[datetime, int, int, bool]]:
    """Return (booked_at, workshop index, person id, cancelled) in booking order."""
    weights = [3.0, 2.2, 2.0] + [rng.uniform(0.6, 1.4) for _ in range(count - 4)] + [0.5]
    cum = [sum(weights[: i + 1]) for i in range(count)]
    opens = plan.start - timedelta(days=40)
    wishes = []
    for person in people:
        if not person.active:
            continue
        blocks: set[int] = set()
        for _ in range(rng.weighted((0, 1, 2, 3), (0.3, 0.72, 0.94, 1.0))):
            index = rng.weighted(range(count), cum)
            if index % len(WORKSHOP_BLOCKS) in blocks:
                continue  # one workshop per time block
            blocks.add(index % len(WORKSHOP_BLOCKS))
            low = max(person.registered_at, opens)
            booked_at = between(rng, low, max(low, plan.closes))
            wishes.append((booked_at, index, person.id, rng.random() < 0.07))
    wishes.sort()
    return wishes


def seat_limits(rng: Dice, wishes: list[tuple], rows: list[dict]) -> list[int]:
    """Set capacities from demand: two full, the first overbooked, the last not yet opened."""
    demand = [0] * len(rows)
    for _, index, _, cancelled in wishes:
        demand[index] += not cancelled
    scale = max(1.0, sum(demand) / (len(demand) * 30))
    low, high = round(20 * scale), round(60 * scale)
    limits = []
    for index, (wanted, row) in enumerate(zip(demand, rows, strict=True)):
        if index == len(rows) - 1:
            row["capacity"], limit = 0, min(2, wanted)  # speakers already booked in
        elif index == 0:
            extra = max(2, round(wanted * 0.06))
            row["capacity"] = max(1, min(max(low, round(wanted * 0.75)), wanted - extra))
            limit = row["capacity"] + extra  # seats promised twice by the booking system
        elif index <= 2:
            row["capacity"] = limit = max(1, min(max(low, round(wanted * 0.85)), wanted - 2))
        else:
            seats = round(wanted * rng.uniform(1.15, 1.8) / 5) * 5
            row["capacity"] = limit = min(high, max(low, seats))
        limits.append(limit)
    return limits


def booking_rows(
    world: World, plan: Plan, ws_rows: list[dict], wishes: list[tuple], limits: list[int]
) -> Iterator[dict]:
    """Yield the bookings in order: seats while they last, then the waiting list."""
    rng = world.rng
    booked = [0] * len(ws_rows)
    for booked_at, index, person_id, cancelled in wishes:
        status = "booked" if booked[index] < limits[index] else "waitlisted"
        if cancelled:
            status = "cancelled"
        booked[index] += status == "booked"
        attended = None
        if status == "booked" and ws_rows[index]["ends_at"] <= plan.now:
            attended = rng.random() < 0.82
        yield {
            "id": world.new_id("workshop_bookings"),
            "workshop_id": ws_rows[index]["id"],
            "participant_id": person_id,
            "status": status,
            "booked_at": booked_at,
            "attended": attended,
        }
    ghost = 900_000_000 + rng.randrange(1000)  # a participant deleted in the other system
    if world.dangling and wishes:
        yield {
            "id": world.new_id("workshop_bookings"),
            "workshop_id": ws_rows[0]["id"],
            "participant_id": ghost,
            "status": "booked",
            "booked_at": wishes[-1][0],
            "attended": None,
        }
