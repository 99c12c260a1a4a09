"""The plan of each edition and what its generation shares: random source, names, id counters."""

from __future__ import annotations

import itertools
import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

from data.demo.countries import COUNTRIES
from data.demo.dice import Dice
from data.demo.names import NamePool

MESS_SHARE = 0.02  # of organisations and participants, besides the messy rows always written
COUNTRY_CODES = tuple(COUNTRIES)
COUNTRY_CUM = tuple(itertools.accumulate(country.weight for country in COUNTRIES.values()))


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


@dataclass
class World:
    """What one edition's generation shares: its random source, names, id counters."""

    rng: Dice
    pools: dict[str, NamePool]
    dangling: bool  # SQLite does not enforce foreign keys, so rows may point at nothing
    next_ids: Counter[str] = field(default_factory=Counter)

    def new_id(self, table: str) -> int:
        self.next_ids[table] += 1
        return self.next_ids[table]

    def country(self) -> str:
        return random_country(self.rng)


def random_country(rng: Dice) -> str:
    """Return a country code, drawn by how many people each country sends."""
    return rng.weighted(COUNTRY_CODES, COUNTRY_CUM)


def after(moment: datetime, hours: float) -> datetime:
    """Return the moment some hours later, to the second."""
    return moment + timedelta(seconds=round(hours * 3600))


def between(rng: Dice, low: datetime, high: datetime, skew: float = 1.0) -> datetime:
    """Return a time in [low, high], later times likelier when skew < 1; low if empty."""
    if high <= low:
        return low
    return after(low, (high - low).total_seconds() / 3600 * rng.random() ** skew)


def plan_editions(rng: Dice, size: int, event_date: date | None, now: datetime) -> list[Plan]:
    """Plan last year's edition in Riga and this year's in Berlin, on event_date or today."""
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


def event_row(plan: Plan) -> dict:
    """Return the events row of an edition."""
    return {
        "id": plan.id,
        "name": plan.name,
        "starts_on": plan.starts_on,
        "ends_on": plan.starts_on + timedelta(days=plan.days - 1),
        "city": plan.city,
        "timezone": plan.timezone,
    }
