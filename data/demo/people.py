"""The participants of an edition: who comes from where, when they registered, what they do."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from data.demo import names
from data.demo.dice import Dice
from data.demo.organisations import Org
from data.demo.vocabulary import FREE_MAIL, JOB_TITLES
from data.demo.world import MESS_SHARE, Plan, World, after, between

ACTIVE = ("registered", "confirmed")
# The types participants come from: a cluster-to-cluster conference, so most are cluster managers.
PARTICIPANT_TYPES = {
    "cluster_organisation": 0.68,
    "sme": 0.10,
    "large_company": 0.04,
    "research": 0.08,
    "public_authority": 0.07,
    "other": 0.03,
}
PERSON_MESS = ("country_null", "country_lower", "country_space", "no_org", "status_case")
PERSON_MESS_ONCE = ("status_unknown",)
WINDOW_DAYS, EARLY_BIRD_DAY, DEADLINE_DAY, RUSH_DAYS = 120, 35, 114, 14


@dataclass(slots=True)
class Person:
    """What the later steps need to know of a participant, as finally registered."""

    id: int
    country: str
    status: str
    opt_in: bool
    registered_at: datetime
    cancelled_at: datetime | None

    @property
    def active(self) -> bool:
        return self.status in ACTIVE


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
        moment = after(midnight, int(day) * 24 + hour)
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


def participant_rows(
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
    domain = org.domain if org else rng.pick(FREE_MAIL)
    email = _unique_email(names.email_address(first, last, domain, locale), emails)
    progress = (registered_at - (plan.closes - timedelta(days=WINDOW_DAYS))) / (
        timedelta(days=WINDOW_DAYS)
    )
    status = _status(rng, progress)
    cancelled_at = None
    if status == "cancelled":
        cancelled_at = between(rng, registered_at, plan.closes)
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
        "job_title": rng.pick(JOB_TITLES[job]),
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
    later = min(after(row["registered_at"], rng.uniform(2, 30)), plan.closes)
    return {
        **row,
        "id": new_id,
        "email": email,
        "status": "registered",
        "registered_at": max(later, row["registered_at"]),
        "cancelled_at": None,
    }
