"""Generating and writing the editions: events and organisations, then each edition's rows."""

from __future__ import annotations

import logging
from collections import Counter

import sqlalchemy as sa

from data import schema
from data.demo.checkins import checkin_rows
from data.demo.dice import Dice
from data.demo.matchmaking import request_rows
from data.demo.names import NamePool, name_pools
from data.demo.organisations import Org, make_organisations, organisation_rows
from data.demo.people import Person, participant_rows
from data.demo.workshops import booking_rows, booking_wishes, seat_limits, workshop_rows
from data.demo.world import Plan, World, event_row
from data.demo.writing import insert

log = logging.getLogger(__name__)

# Tables whose ids count on from one edition to the next (nothing points at them).
SEQUENTIAL = ("meeting_requests", "workshop_bookings", "checkins")


def write_editions(
    engine: sa.Engine, seed: int, plans: list[Plan], editions: int | None = None
) -> tuple[dict[str, int], dict[str, int]]:
    """Write the events, the organisations and the editions (or the first few).

    Return the rows written per table, and the last ids of the tables whose ids count on.
    """
    counts: Counter[str] = Counter()
    counts["events"] = insert(engine, schema.events, [event_row(plan) for plan in plans])
    org_rng = Dice(f"{seed}:organisations")
    orgs = make_organisations(org_rng, plans[-1].size)
    counts["organisations"] = insert(engine, schema.organisations, organisation_rows(org_rng, orgs))
    carried: Counter[str] = Counter()
    pools = name_pools(seed)
    for plan in plans[:editions]:
        world = edition_world(seed, plans, plan, engine.dialect.name == "sqlite", pools)
        world.next_ids.update(carried)
        counts.update(write_edition(engine, world, plan, orgs))
        carried = Counter({table: world.next_ids[table] for table in SEQUENTIAL})
    return dict(counts), dict(carried)


def edition_world(
    seed: int, plans: list[Plan], plan: Plan, dangling: bool, pools: dict[str, NamePool]
) -> World:
    """Give each edition its own random stream and id range, so editions can run in parallel."""
    world = World(Dice(f"{seed}:{plan.id}"), pools, dangling)
    earlier = plans[: plans.index(plan)]
    world.next_ids["participants"] = sum(p.size + 1 for p in earlier)  # + the duplicate
    world.next_ids["workshops"] = sum(p.workshops for p in earlier)
    return world


def write_edition(engine: sa.Engine, world: World, plan: Plan, orgs: list[Org]) -> dict[str, int]:
    """Write one edition's participants, requests, workshops, bookings and check-ins."""
    counts: dict[str, int] = {}
    people: list[Person] = []
    rows = participant_rows(world, plan, orgs, people)
    counts["participants"] = insert(engine, schema.participants, rows)
    rows = request_rows(world, plan, people)
    counts["meeting_requests"] = insert(engine, schema.meeting_requests, rows)
    ws_rows = workshop_rows(world, plan)
    wishes = booking_wishes(world.rng, plan, people, len(ws_rows))
    limits = seat_limits(world.rng, wishes, ws_rows)
    counts["workshops"] = insert(engine, schema.workshops, ws_rows)
    rows = booking_rows(world, plan, ws_rows, wishes, limits)
    counts["workshop_bookings"] = insert(engine, schema.workshop_bookings, rows)
    counts["checkins"] = insert(engine, schema.checkins, checkin_rows(world, plan, people))
    log.info("%s written: %s", plan.name, counts)
    return counts
