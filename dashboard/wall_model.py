"""The wall screen's view model: panels of big numbers, labelled bars and one chart.

Plain values that layouts/wall.py turns into components; nothing here names a person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from dashboard import i18n
from dashboard.event_data import Event
from dashboard.filters import Filters

EVERYONE = Filters()


@dataclass(frozen=True)
class WallCubes:
    """The wall's own aggregates of one event (accepted meetings, first arrivals), by minute."""

    slots: pd.DataFrame
    answers: pd.DataFrame
    arrivals: pd.DataFrame


EMPTY_WALL_CUBES = WallCubes(
    pd.DataFrame(columns=["slot", "held", "n"]),
    pd.DataFrame(columns=["bucket", "n"]),
    pd.DataFrame(columns=["day", "bucket", "n"]),
)


@dataclass(frozen=True)
class Moment:
    """When, in which language and for how tall a screen the wall is drawn."""

    now: dt.datetime
    lang: str = "en"
    screen: int | None = None

    def t(self, key: str, **values: object) -> str:
        """A text in the wall's language."""
        return i18n.t(key, self.lang, **values)

    def n(self, value: int | None) -> str:
        """A count in the wall's language."""
        return i18n.fmt_int(value, self.lang)

    @property
    def separators(self) -> str:
        """Plotly's decimal and thousands separators for the language."""
        return ",." if self.lang == "de" else ".,"


@dataclass(frozen=True)
class Number:
    """A big number with its label above and a short line below."""

    key: str
    label: str
    value: str
    sub: str = ""


@dataclass(frozen=True)
class Meter:
    """A labelled bar: level is '' (plain), 'full', 'over' (overbooked) or 'none' (no seats)."""

    label: str
    value: str
    fraction: float
    flag: str = ""
    level: str = ""


@dataclass(frozen=True)
class Panel:
    """One screen of the wall."""

    name: str
    title: str
    numbers: tuple[Number, ...]
    meters_title: str = ""
    meters: tuple[Meter, ...] = ()
    chart_title: str = ""
    chart: dict | None = field(default=None, compare=False)


def local(epoch_s: float, event: Event) -> dt.datetime:
    """An epoch second as a time in the event's zone."""
    return dt.datetime.fromtimestamp(float(epoch_s), dt.UTC).astimezone(event.zone)


def utc(moment: dt.datetime) -> dt.datetime:
    """A time read from the database (UTC without a zone) as an aware UTC time."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment


def hhmm(epoch_s: float, event: Event) -> str:
    """An epoch second as HH:MM in the event's zone."""
    return local(epoch_s, event).strftime("%H:%M")


def shown_day(event: Event, now: dt.datetime) -> tuple[int, bool]:
    """The event day the wall shows (today's, else the nearest) and whether it is today."""
    days = event.days()
    today = now.astimezone(event.zone).date()
    if today in days:
        return days.index(today), True
    return (0 if today < days[0] else len(days) - 1), False


def day_bounds(event: Event, index: int) -> tuple[int, int]:
    """UTC epoch seconds at which an event day begins and ends."""
    starts = event.day_starts()
    return starts[index], starts[index + 1]


def shares(counts: pd.Series, at: Moment, names: Callable[[str, str], str]) -> tuple[Meter, ...]:
    """Bars for a breakdown, each as long as its share of the largest."""
    largest = int(counts.max()) if len(counts) else 0
    return tuple(
        Meter(names(str(value), at.lang), at.n(int(n)), int(n) / largest if largest else 0.0)
        for value, n in counts.items()
    )
