"""Write a demo registration database: this year's and last year's Baltic cluster conference."""

from __future__ import annotations

import bisect
import gc
import itertools
import logging
import math
import multiprocessing
import operator
import os
import sys
import tempfile
import time as clock
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from data import demo_names as names
from data.demo_names import Dice
from data.engine import writable_engine
from data.schema import (
    checkins,
    events,
    meeting_requests,
    metadata,
    organisations,
    participants,
    workshop_bookings,
    workshops,
)

log = logging.getLogger(__name__)

BATCH = 20_000
PARALLEL_FROM = 20_000  # participants from which a second process writes the current edition
# Tables whose ids count on from one edition to the next (nothing points at them).
SEQUENTIAL = ("meeting_requests", "workshop_bookings", "checkins")
ACTIVE = ("registered", "confirmed")
# Organisations per participant of the current edition, and the types participants come from:
# a cluster-to-cluster conference, so most people are cluster managers.
ORGS_PER_PARTICIPANT = {
    "cluster_organisation": 0.66,
    "sme": 0.09,
    "large_company": 0.03,
    "research": 0.06,
    "public_authority": 0.04,
    "other": 0.03,
}
PARTICIPANT_TYPES = {
    "cluster_organisation": 0.68,
    "sme": 0.10,
    "large_company": 0.04,
    "research": 0.08,
    "public_authority": 0.07,
    "other": 0.03,
}
CLUSTER_MEMBERSHIP = {"sme": 0.85, "large_company": 0.7, "research": 0.5, "public_authority": 0.1}
MESS_SHARE = 0.02
ORG_MESS = (
    "country_lower",
    "country_space",
    "country_invalid",
    "sector_case",
    "sector_unknown",
    "sector_null",
    "type_null",
    "type_variant",
)
PERSON_MESS = ("country_null", "country_lower", "country_space", "no_org", "status_case")
PERSON_MESS_ONCE = ("status_unknown",)
COUNTRY_CODES = tuple(names.COUNTRIES)
COUNTRY_CUM = tuple(itertools.accumulate(country.weight for country in names.COUNTRIES.values()))
EU_CODES = {"GB": "UK", "GR": "EL"}  # what EU registration systems write for GB and GR
WINDOW_DAYS, EARLY_BIRD_DAY, DEADLINE_DAY, RUSH_DAYS = 120, 35, 114, 14
ROUND_HOURS = (10.0, 10.5, 11.0, 11.5, 12.0, 14.0, 14.5, 15.0, 15.5, 16.0)
WORKSHOP_BLOCKS = ((9.5, 11.0), (11.5, 13.0), (14.0, 15.5), (16.0, 17.5))
REQUESTS_PER_OPT_IN, ACCEPTANCE, NEVER_ANSWERED = 2.75, 0.68, 0.07
TURNOUT = (0.89, 0.81)


class DemoExistsError(ValueError):
    """The database already holds registration data and force was not given."""


@dataclass(frozen=True)
class Plan:
    """One edition of the conference: when, where, how big, and what time it is now."""

    id: int
    name: str
    city: str
    timezone: str
    host: str
    starts_on: date
    size: int
    workshops: int
    now: datetime
    days: int = 2

    def at(self, day: int, hours: float) -> datetime:
        """Return the naive UTC time of a local time on a day of the event."""
        midnight = datetime.combine(
            self.starts_on + timedelta(days=day), time(), ZoneInfo(self.timezone)
        )
        local = midnight + timedelta(seconds=round(hours * 3600))
        return local.astimezone(UTC).replace(tzinfo=None)

    @cached_property
    def start(self) -> datetime:
        return self.at(0, 0)

    @cached_property
    def end(self) -> datetime:
        return self.at(self.days, 0)

    @cached_property
    def closes(self) -> datetime:
        """When registration closed: at the start, or now if that is earlier."""
        return min(self.start, self.now)

    @cached_property
    def recorded_until(self) -> datetime:
        """What has happened by now: the end of the event at the latest."""
        return min(self.now, self.end)

    @cached_property
    def matchmaking(self) -> tuple[datetime, datetime, datetime]:
        """When requests can be made (opens, on site from, last), the last never after now."""
        last = min(self.now, self.end - timedelta(hours=3))
        return self.start - timedelta(days=28), self.start + timedelta(hours=8), last

    def noon_based(self, day: int) -> datetime:
        """Return UTC midnight of a day as seen from its daytime, so hours can be added fast."""
        return self.at(day, 12) - timedelta(hours=12)


@dataclass(slots=True)
class Org:
    id: int
    name: str
    country: str
    sector: str
    org_type: str
    cluster_id: int | None
    domain: str


@dataclass(slots=True)
class Person:
    id: int
    country: str
    status: str
    opt_in: bool
    registered_at: datetime
    cancelled_at: datetime | None

    @property
    def active(self) -> bool:
        return self.status in ACTIVE


@dataclass
class World:
    """What one edition's generation shares: its random source, names, id counters."""

    rng: Dice
    pools: dict[str, names.NamePool]
    dangling: bool  # SQLite does not enforce foreign keys, so rows may point at nothing
    next_ids: Counter[str] = field(default_factory=Counter)

    def new_id(self, table: str) -> int:
        self.next_ids[table] += 1
        return self.next_ids[table]

    def country(self) -> str:
        return _country(self.rng)


def _country(rng: Dice) -> str:
    return rng.weighted(COUNTRY_CODES, COUNTRY_CUM)


def generate(
    database_url: str,
    participants: int = 300,
    seed: int = 2026,
    event_date: date | None = None,
    force: bool = False,
    now: datetime | None = None,
) -> dict[str, int]:
    """Write two editions of the conference to the database and return the rows per table."""
    if participants < 20:
        raise ValueError("a demo needs at least 20 participants")
    started = clock.monotonic()
    plans = _plans(Dice(seed), participants, event_date, _naive_utc(now))
    engine = writable_engine(database_url)
    gc_was_enabled = gc.isenabled()
    # Millions of small long-lived objects: the cyclic collector would rescan them all the time.
    gc.disable()
    try:
        _prepare_tables(engine, force)
        _drop_indexes(engine)
        if _parallel(engine, participants):
            counts = _generate_parallel(engine, seed, plans)
        else:
            counts, _ = _generate_serial(engine, seed, plans)
        _create_indexes(engine)
        _reset_sequences(engine)
    finally:
        if gc_was_enabled:
            gc.enable()
        engine.dispose()
    log.info("demo data written in %.1f s: %s", clock.monotonic() - started, counts)
    return counts


def _generate_serial(
    engine: sa.Engine, seed: int, plans: list[Plan], editions: int | None = None
) -> tuple[dict[str, int], dict[str, int]]:
    """Write the events, the organisations and the editions (or the first few).

    Return the rows written per table, and the last ids of the tables whose ids count on.
    """
    counts: Counter[str] = Counter()
    counts["events"] = _insert(engine, events, [_event_row(plan) for plan in plans])
    org_rng = Dice(f"{seed}:organisations")
    orgs = _organisations(org_rng, plans[-1].size)
    counts["organisations"] = _insert(engine, organisations, _org_rows(org_rng, orgs))
    carried: Counter[str] = Counter()
    pools = names.name_pools(seed)
    for plan in plans[:editions]:
        world = _edition_world(seed, plans, plan, engine.dialect.name == "sqlite", pools)
        world.next_ids.update(carried)
        counts.update(_generate_edition(engine, world, plan, orgs))
        carried = Counter({table: world.next_ids[table] for table in SEQUENTIAL})
    return dict(counts), dict(carried)


def _edition_world(
    seed: int, plans: list[Plan], plan: Plan, dangling: bool, pools: dict[str, names.NamePool]
) -> World:
    """Give each edition its own random stream and id range, so editions can run in parallel."""
    world = World(Dice(f"{seed}:{plan.id}"), pools, dangling)
    earlier = plans[: plans.index(plan)]
    world.next_ids["participants"] = sum(p.size + 1 for p in earlier)  # + the duplicate
    world.next_ids["workshops"] = sum(p.workshops for p in earlier)
    return world


def _generate_edition(
    engine: sa.Engine, world: World, plan: Plan, orgs: list[Org]
) -> dict[str, int]:
    counts: dict[str, int] = {}
    people: list[Person] = []
    rows = _participant_rows(world, plan, orgs, people)
    counts["participants"] = _insert(engine, participants, rows)
    rows = _request_rows(world, plan, people)
    counts["meeting_requests"] = _insert(engine, meeting_requests, rows)
    ws_rows = _workshop_rows(world, plan)
    wishes = _booking_wishes(world.rng, plan, people, len(ws_rows))
    limits = _seat_limits(world.rng, wishes, ws_rows)
    counts["workshops"] = _insert(engine, workshops, ws_rows)
    rows = _booking_rows(world, plan, ws_rows, wishes, limits)
    counts["workshop_bookings"] = _insert(engine, workshop_bookings, rows)
    counts["checkins"] = _insert(engine, checkins, _checkin_rows(world, plan, people))
    log.info("%s written: %s", plan.name, counts)
    return counts


# --- two cores: the current edition in a second process -------------------------------------


def _parallel(engine: sa.Engine, size: int) -> bool:
    """Use a second process for big SQLite demos, where the machine has the cores for it."""
    forkable = "fork" in multiprocessing.get_all_start_methods() and sys.platform == "linux"
    return (
        engine.dialect.name == "sqlite"
        and size >= PARALLEL_FROM
        and forkable
        and (os.cpu_count() or 1) > 1
    )


def _generate_parallel(engine: sa.Engine, seed: int, plans: list[Plan]) -> dict[str, int]:
    """Write the current edition to a side file in a child process, then copy it over."""
    target = Path(engine.url.database).resolve()
    with tempfile.TemporaryDirectory(prefix=".demo-", dir=target.parent) as workdir:
        side = str(Path(workdir) / "edition.sqlite")
        context = multiprocessing.get_context("fork")  # no re-import of the caller's __main__
        engine.dispose()  # the child gets no open connection of ours
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            child = pool.submit(_edition_file, side, seed, plans)
            written, offsets = _generate_serial(engine, seed, plans, editions=-1)
            counts = Counter(written)
            counts.update(child.result())
        _copy_edition(engine, side, offsets)
    return dict(counts)


def _edition_file(path: str, seed: int, plans: list[Plan]) -> dict[str, int]:
    """Write the last edition to a SQLite file of its own (run in the child process)."""
    gc.disable()
    engine = writable_engine(f"sqlite:///{path}")
    try:
        metadata.create_all(engine)
        _drop_indexes(engine)
        orgs = _organisations(Dice(f"{seed}:organisations"), plans[-1].size)
        world = _edition_world(seed, plans, plans[-1], True, names.name_pools(seed))
        return _generate_edition(engine, world, plans[-1], orgs)
    finally:
        engine.dispose()


def _copy_edition(engine: sa.Engine, path: str, offsets: dict[str, int]) -> None:
    """Copy the side file's rows; ids that count on from the first edition move past it."""
    with engine.connect() as conn:
        conn.exec_driver_sql("ATTACH DATABASE ? AS edition", (path,))
        for table in (participants, meeting_requests, workshops, workshop_bookings, checkins):
            side = table.to_metadata(sa.MetaData(), schema="edition")
            columns = [side.c.id + offsets.get(table.name, 0)]
            columns += [column for column in side.c if column.name != "id"]
            names_ = ["id", *(column.name for column in table.c if column.name != "id")]
            conn.execute(table.insert().from_select(names_, sa.select(*columns)))
        conn.commit()
        conn.exec_driver_sql("DETACH DATABASE edition")
        conn.commit()


def _naive_utc(now: datetime | None) -> datetime:
    if now is None:
        now = datetime.now(UTC)
    if now.tzinfo is not None:
        now = now.astimezone(UTC).replace(tzinfo=None)
    return now.replace(microsecond=0)


def _prepare_tables(engine: sa.Engine, force: bool) -> None:
    inspector = sa.inspect(engine)
    existing = [table for table in metadata.sorted_tables if inspector.has_table(table.name)]
    with engine.connect() as conn:
        filled = [
            table.name
            for table in existing
            if conn.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first()
        ]
    if filled and not force:
        raise DemoExistsError(
            f"the database already holds registration data (in {', '.join(filled)}); "
            "pass force=True (--force) to replace it"
        )
    if force:
        metadata.drop_all(engine)
    metadata.create_all(engine)


def _reset_sequences(engine: sa.Engine) -> None:
    """Move PostgreSQL's id sequences past the ids we wrote, so later inserts get fresh ids."""
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as conn:
        for table in metadata.sorted_tables:
            sequence = sa.func.pg_get_serial_sequence(table.name, "id")
            next_id = sa.func.coalesce(sa.func.max(table.c.id), 0) + 1
            conn.execute(sa.select(sa.func.setval(sequence, next_id, False)))


def _insert(engine: sa.Engine, table: sa.Table, rows: Iterable[dict]) -> int:
    """Insert rows in batches, one transaction for the lot."""
    total = 0
    with engine.begin() as conn:
        write = _batch_writer(conn, table)
        batch: list[dict] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                write(batch)
                total, batch = total + len(batch), []
        if batch:
            write(batch)
            total += len(batch)
    log.debug("%s: %d rows", table.name, total)
    return total


def _batch_writer(conn: sa.Connection, table: sa.Table) -> Callable[[list[dict]], object]:
    """Return how to insert a batch: through Core, or on SQLite straight to the driver.

    Core's per-row parameter processing costs as much as generating the row; on SQLite we hand
    the driver tuples, with timestamps as the very text Core would store for them.
    """
    insert = table.insert()
    types = [column.type for column in table.columns]
    if conn.dialect.name != "sqlite" or any(type(t) is sa.Date for t in types):
        return lambda batch: conn.execute(insert, batch)
    compiled = insert.compile(dialect=conn.dialect)
    pick = operator.itemgetter(*compiled.positiontup)
    stamps = [
        index
        for index, name in enumerate(compiled.positiontup)
        if isinstance(table.c[name].type, sa.DateTime)
    ]

    def write(batch: list[dict]) -> None:
        params = []
        for row in batch:
            values = list(pick(row))
            for index in stamps:
                if values[index] is not None:
                    values[index] = values[index].isoformat(" ", "microseconds")
            params.append(tuple(values))
        conn.exec_driver_sql(compiled.string, params)

    return write


def _drop_indexes(engine: sa.Engine) -> None:
    """Drop SQLite's indexes while loading: building them afterwards is much faster."""
    if engine.dialect.name != "sqlite":
        return  # MariaDB needs them for its foreign keys
    with engine.begin() as conn:
        for table in metadata.sorted_tables:
            for index in table.indexes:
                index.drop(conn, checkfirst=True)


def _create_indexes(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        for table in metadata.sorted_tables:
            for index in table.indexes:
                index.create(conn, checkfirst=True)


def _after(moment: datetime, hours: float) -> datetime:
    return moment + timedelta(seconds=round(hours * 3600))


def _between(rng: Dice, low: datetime, high: datetime, skew: float = 1.0) -> datetime:
    """Return a time in [low, high], later times likelier when skew < 1; low if empty."""
    if high <= low:
        return low
    return _after(low, (high - low).total_seconds() / 3600 * rng.random() ** skew)


# --- events and organisations -------------------------------------------------------------


def _plans(rng: Dice, size: int, event_date: date | None, now: datetime) -> list[Plan]:
    zone = "Europe/Berlin"
    starts_on = event_date or now.replace(tzinfo=UTC).astimezone(ZoneInfo(zone)).date()
    try:
        previous_start = starts_on.replace(year=starts_on.year - 1)
    except ValueError:  # 29 February
        previous_start = starts_on - timedelta(days=365)
    previous_size = round(size * rng.uniform(0.85, 0.95))
    title = "Baltic Sea Cluster Conference"
    previous = (f"{title} {previous_start.year}", "Riga", "Europe/Riga", "LV", previous_start)
    current = (f"{title} {starts_on.year}", "Berlin", zone, "DE", starts_on)
    return [
        Plan(1, *previous, previous_size, _workshop_count(rng, previous_size), now),
        Plan(2, *current, size, _workshop_count(rng, size), now),
    ]


def _workshop_count(rng: Dice, size: int) -> int:
    """8 to 12 workshops; a few more for every doubling beyond 600 participants."""
    extra = 2 * int(math.log2(size / 300)) if size > 600 else 0
    return rng.randint(8, 12) + extra


def _event_row(plan: Plan) -> dict:
    return {
        "id": plan.id,
        "name": plan.name,
        "starts_on": plan.starts_on,
        "ends_on": plan.starts_on + timedelta(days=plan.days - 1),
        "city": plan.city,
        "timezone": plan.timezone,
    }


def _organisations(rng: Dice, size: int) -> list[Org]:
    """Create the clusters first, then their members, research bodies, authorities, others."""
    orgs: list[Org] = []
    clusters: dict[str, list[Org]] = {}
    used: set[str] = set()
    for org_type, per_participant in ORGS_PER_PARTICIPANT.items():
        for _ in range(max(3, round(size * per_participant))):
            # Every country, guests included, has a cluster at the conference.
            index = len(orgs)
            country = COUNTRY_CODES[index] if index < len(COUNTRY_CODES) else _country(rng)
            org = _organisation(rng, index + 1, org_type, country, clusters, used)
            orgs.append(org)
            if org_type == "cluster_organisation":
                clusters.setdefault(org.country, []).append(org)
    return orgs


def _organisation(
    rng: Dice,
    org_id: int,
    org_type: str,
    country: str,
    clusters: dict[str, list[Org]],
    used: set[str],
) -> Org:
    cluster = None
    if clusters.get(country) and rng.random() < CLUSTER_MEMBERSHIP.get(org_type, 0.0):
        cluster = rng.pick(clusters[country])
    if cluster and rng.random() < 0.8:
        sector = cluster.sector
    else:
        sector = rng.weighted(names.SECTORS, names.SECTOR_CUM)
    for _ in range(2):  # another try for a name not taken; at scale some repeat, as in life
        name = names.organisation_name(rng, org_type, sector, country)
        if name not in used:
            break
    used.add(name)
    cluster_id = cluster.id if cluster else None
    return Org(org_id, name, country, sector, org_type, cluster_id, names.org_domain(name, country))


def _org_rows(rng: Dice, orgs: list[Org]) -> Iterator[dict]:
    forced = dict(zip(rng.sample(range(len(orgs)), len(ORG_MESS)), ORG_MESS, strict=True))
    smes = [index for index, org in enumerate(orgs) if org.org_type in ("sme", "research")]
    forced[rng.pick(smes)] = "type_variant"  # 'SME', 'University'
    for index, org in enumerate(orgs):
        kind = forced.get(index)
        if kind is None and rng.random() < MESS_SHARE:
            kind = rng.pick(ORG_MESS)
        yield _messy_org(rng, org, kind)


def _messy_org(rng: Dice, org: Org, kind: str | None) -> dict:
    row = {
        "id": org.id,
        "name": org.name,
        "country_code": EU_CODES.get(org.country, org.country),
        "sector": org.sector,
        "org_type": org.org_type,
        "cluster_id": org.cluster_id,
    }
    if kind in ("country_lower", "country_space"):
        row["country_code"] = (" " if kind == "country_space" else "") + org.country.lower()
    elif kind == "country_invalid":
        country_name = names.COUNTRIES[org.country].name
        row["country_code"] = country_name if len(country_name) <= 8 else rng.pick(("XX", "??"))
    elif kind == "sector_case":
        row["sector"] = org.sector.lower() + " "
    elif kind == "sector_unknown":
        row["sector"] = rng.pick(("Blue Economy", "Bioeconomy", "Maritime", "n/a"))
    elif kind in ("sector_null", "type_null"):
        row[kind.removesuffix("_null").replace("type", "org_type")] = None
    elif kind == "type_variant":
        variants = {"sme": "SME", "research": "University", "public_authority": "Public Authority"}
        row["org_type"] = variants.get(org.org_type, org.org_type.replace("_", " ").title())
    return row


# --- participants ------------------------------------------------------------------------


def _org_assignments(world: World, plan: Plan, orgs: list[Org]) -> list[Org]:
    """Pick each participant's organisation: every cluster of the current edition sends one."""
    rng = world.rng
    by_type: dict[str, list[Org]] = {}
    for org in orgs:
        by_type.setdefault(org.org_type, []).append(org)
    clusters = by_type["cluster_organisation"]
    coverage = 1.0 if plan.id == 2 else 0.75
    chosen = rng.sample(clusters, min(plan.size, round(len(clusters) * coverage)))
    hosts = [org for org in orgs if org.country == plan.host]
    types, shares = zip(*PARTICIPANT_TYPES.items(), strict=True)
    cum = [sum(shares[: i + 1]) for i in range(len(shares))]
    while len(chosen) < plan.size:
        if hosts and rng.random() < 0.1:  # the host country sends more people
            chosen.append(rng.pick(hosts))
        else:
            chosen.append(rng.pick(by_type[rng.weighted(types, cum)]))
    rng.shuffle(chosen)
    return chosen


def _registration_times(rng: Dice, plan: Plan) -> list[datetime]:
    """Registrations over four months: an early-bird bump and a rush before the deadline."""
    end = plan.closes
    begin = end - timedelta(days=WINDOW_DAYS)
    midnight = datetime.combine(begin.date(), time())
    times = []
    for _ in range(plan.size):
        u = rng.random()
        if u < 0.14:
            day = rng.triangular(EARLY_BIRD_DAY - 21, EARLY_BIRD_DAY, EARLY_BIRD_DAY)
        elif u < 0.55:
            day = rng.uniform(0, DEADLINE_DAY)
        elif u < 0.96:
            day = rng.triangular(DEADLINE_DAY - RUSH_DAYS, DEADLINE_DAY, DEADLINE_DAY)
        else:
            day = rng.uniform(DEADLINE_DAY, WINDOW_DAYS)
        hour = min(22.5, max(5.5, rng.gauss(11.5, 3.2)))
        moment = _after(midnight, int(day) * 24 + hour)
        times.append(min(max(moment, begin), end - timedelta(minutes=1)))
    times.sort()
    return times


def _status(rng: Dice, progress: float) -> str:
    u = rng.random()
    if u < 0.085:
        return "cancelled"
    if progress > (DEADLINE_DAY - RUSH_DAYS) / WINDOW_DAYS and u < 0.085 + 0.15:
        return "waitlisted"  # the venue was full during the last-minute rush
    return "confirmed" if rng.random() < 0.9 - 0.35 * progress else "registered"


def _role(rng: Dice) -> str | None:
    u = rng.random()
    for role, upto in ((None, 0.08), ("speaker", 0.16), ("organiser", 0.19), ("press", 0.21)):
        if u < upto:
            return role
    return "delegate"


def _participant_rows(
    world: World, plan: Plan, orgs: list[Org], people: list[Person]
) -> Iterator[dict]:
    """Yield the participants of an edition in registration order, recording each in people."""
    rng = world.rng
    assigned = _org_assignments(world, plan, orgs)
    times = _registration_times(rng, plan)
    kinds = PERSON_MESS + PERSON_MESS_ONCE
    forced = dict(zip(rng.sample(range(plan.size), len(kinds)), kinds, strict=True))
    duplicate_of = rng.randrange(plan.size)
    emails: set[str] = set()
    for index, registered_at in enumerate(times):
        kind = forced.get(index)
        if kind is None and rng.random() < MESS_SHARE:
            kind = rng.pick(PERSON_MESS)
        org = None if kind == "no_org" else assigned[index]
        row, person = _participant(world, plan, org, registered_at, emails)
        _mess_participant(rng, row, person, kind)
        people.append(person)
        if index == duplicate_of:
            source = row
        yield row
    yield _duplicate(rng, plan, source, world.new_id("participants"))


def _participant(
    world: World, plan: Plan, org: Org | None, registered_at: datetime, emails: set[str]
) -> tuple[dict, Person]:
    rng = world.rng
    country = org.country if org else world.country()
    locale = country if rng.random() < 0.93 else world.country()
    first, last = world.pools[locale].pick(rng)
    domain = org.domain if org else rng.pick(names.FREE_MAIL)
    email = _unique_email(names.email_address(first, last, domain, locale), emails)
    progress = (registered_at - (plan.closes - timedelta(days=WINDOW_DAYS))) / (
        timedelta(days=WINDOW_DAYS)
    )
    status = _status(rng, progress)
    cancelled_at = None
    if status == "cancelled":
        cancelled_at = _between(rng, registered_at, plan.closes)
    role = _role(rng)
    job = role if role in ("press", "organiser") else org.org_type if org else "other"
    opt_in = rng.random() < (0.74 if role in (None, "delegate", "speaker") else 0.3)
    person = Person(
        world.new_id("participants"), country, status, opt_in, registered_at, cancelled_at
    )
    row = {
        "id": person.id,
        "event_id": plan.id,
        "organisation_id": org.id if org else None,
        "first_name": first,
        "last_name": last,
        "email": email,
        "job_title": rng.pick(names.JOB_TITLES[job]),
        "country_code": country,
        "role": role,
        "status": status,
        "registered_at": registered_at,
        "cancelled_at": cancelled_at,
        "matchmaking_opt_in": opt_in,
    }
    return row, person


def _unique_email(email: str, taken: set[str]) -> str:
    local, _, domain = email.partition("@")
    candidate, number = email, 1
    while candidate in taken:
        number += 1
        candidate = f"{local}{number}@{domain}"
    taken.add(candidate)
    return candidate


def _mess_participant(rng: Dice, row: dict, person: Person, kind: str | None) -> None:
    if kind == "country_null":
        row["country_code"] = None
    elif kind in ("country_lower", "country_space"):
        row["country_code"] = (" " if kind == "country_space" else "") + person.country.lower()
    elif kind == "status_case":
        row["status"] = rng.pick((f" {person.status.title()}", person.status.upper()))
    elif kind == "status_unknown":
        row["status"], row["cancelled_at"] = "pending_payment", None
        person.status, person.cancelled_at = "pending_payment", None


def _duplicate(rng: Dice, plan: Plan, row: dict, new_id: int) -> dict:
    """The same person registering a second time, the e-mail typed in another case."""
    local, _, domain = row["email"].partition("@")
    email = ".".join(part.capitalize() for part in local.split(".")) + "@" + domain.upper()
    later = min(_after(row["registered_at"], rng.uniform(2, 30)), plan.closes)
    return {
        **row,
        "id": new_id,
        "email": email,
        "status": "registered",
        "registered_at": max(later, row["registered_at"]),
        "cancelled_at": None,
    }


# --- matchmaking ---------------------------------------------------------------------------


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


def _request_rows(world: World, plan: Plan, people: list[Person]) -> Iterator[dict]:
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
    answered = _after(asked, rng.lognormvariate(math.log(4), 1.2))
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
        return _between(rng, max(low, on_site), high)
    return min(_between(rng, low, min(high, plan.start), skew=0.6), high)


def _held(rng: Dice, plan: Plan, slot_start: datetime | None) -> bool | None:
    if slot_start is None or _after(slot_start, 0.5) > plan.now:
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
        answered = _after(row["requested_at"], 1)
        yield {**row, **unanswered, "status": "accepted", "responded_at": answered, "held": None}
        row = {**_request(world, plan, a, b, board), **unanswered, "held": None}
        row["recipient_id"] = 900_000_000 + rng.randrange(1000)  # deleted in the other system
        if world.dangling:  # servers enforce the foreign key; the same draws keep ids in step
            yield row


# --- workshops -----------------------------------------------------------------------------


def _workshop_rows(world: World, plan: Plan) -> list[dict]:
    """Workshops on the last day, in four blocks; the list order is their popularity."""
    rng = world.rng
    topics = rng.sample(names.WORKSHOPS, len(names.WORKSHOPS))
    rows = []
    for index in range(plan.workshops):
        topic, title = topics[index % len(topics)]
        if index >= len(topics):
            title += f" ({index // len(topics) + 1})"
        begin, end = WORKSHOP_BLOCKS[index % len(WORKSHOP_BLOCKS)]
        room_no = index // len(WORKSHOP_BLOCKS)
        room = names.ROOMS[room_no] if room_no < len(names.ROOMS) else f"Room {room_no + 1}"
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


def _booking_wishes(
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
            booked_at = _between(rng, low, max(low, plan.closes))
            wishes.append((booked_at, index, person.id, rng.random() < 0.07))
    wishes.sort()
    return wishes


def _seat_limits(rng: Dice, wishes: list[tuple], rows: list[dict]) -> list[int]:
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


def _booking_rows(
    world: World, plan: Plan, ws_rows: list[dict], wishes: list[tuple], limits: list[int]
) -> Iterator[dict]:
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


# --- check-ins -----------------------------------------------------------------------------


def _checkin_rows(world: World, plan: Plan, people: list[Person]) -> Iterator[dict]:
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
        moment = _after(base, h)
        if moment <= now:
            point = rng.weighted(names.CHECKIN_POINTS, (0.6, 0.8, 1.0))
            scans.append((moment, person_id, point))
    return scans
