"""Badge scans of an edition's participants on the days of the event."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from data.demo.dice import Dice
from data.demo.people import Person
from data.demo.vocabulary import CHECKIN_POINTS
from data.demo.world import Plan, World, after

TURNOUT = (0.89, 0.81)  # share of active participants who come, by day


def checkin_rows(world: World, plan: Plan, people: list[Person]) -> Iterator[dict]:
    """Badge scans of active participants on each day, peaking in the morning, up to now."""
    rng = world.rng
    for day in range(plan.days):
        if plan.at(day, 0) > plan.now:
            break
        base = plan.noon_based(day)
        scans = []
        for person in people:
            if person.active and rng.random() < TURNOUT[day]:
                scans.extend(_scans(rng, base, plan.now, person.id))
        scans.sort()
        for moment, person_id, point in scans:
            yield {
                "id": world.new_id("checkins"),
                "participant_id": person_id,
                "checked_in_at": moment,
                "point": point,
            }


def _scans(rng: Dice, base: datetime, now: datetime, person_id: int) -> list[tuple]:
    if rng.random() < 0.72:
        hour = min(12.5, max(7.25, rng.gauss(8.9, 0.55)))
    else:
        hour = rng.uniform(9.5, 16.5)
    hours = [hour]
    if rng.random() < 0.12:  # back in after lunch or an outside meeting
        hours.append(min(19.0, hour + rng.uniform(1.0, 5.0)))
    scans = []
    for h in hours:
        moment = after(base, h)
        if moment <= now:
            point = rng.weighted(CHECKIN_POINTS, (0.6, 0.8, 1.0))
            scans.append((moment, person_id, point))
    return scans
