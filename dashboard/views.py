"""View models shared by pages: KPI tiles, the data status line, bars from breakdowns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from dashboard import i18n
from dashboard.event_data import Event
from dashboard.figures import Bar
from dashboard.service import Snapshot
from dashboard.state import ViewState


@dataclass(frozen=True)
class Kpi:
    """A KPI tile: a label, a big value and a small line under it.

    `info` is the figure's definition (shown in a popover), `delta` the change against a
    compared event and `trend` its sign (-1, 0, 1) for the colour.
    """

    key: str
    label: str
    value: str
    sub: str = ""
    info: str = ""
    delta: str = ""
    trend: int = 0


@dataclass(frozen=True)
class Status:
    """The line that says how fresh the data is: level is 'ok', 'stale' or 'down'."""

    level: str
    text: str


def status(snapshot: Snapshot, lang: str, zone: dt.tzinfo | None = None) -> Status:
    """Say whether the figures are current, stale since when, or unavailable."""
    zone = zone or dt.UTC
    if snapshot.problem is None and snapshot.cubes is None:
        return Status("down", i18n.t("data.no_events", lang))
    if snapshot.problem is None:
        when = snapshot.checked_at or dt.datetime.now(dt.UTC)
        return Status("ok", i18n.t("data.as_of", lang, time=i18n.fmt_time(when.astimezone(zone))))
    reason = i18n.t("data.too_slow", lang) if snapshot.slow else snapshot.problem
    if snapshot.cubes is None:
        return Status("down", i18n.t("data.unavailable", lang, reason=reason))
    since = (snapshot.stale_since or dt.datetime.now(dt.UTC)).astimezone(zone)
    return Status("stale", i18n.t("data.stale", lang, time=since.strftime("%H:%M"), reason=reason))


def bars(counts: pd.Series, dimension: str, lang: str) -> list[Bar]:
    """Bars for a breakdown, labelled in the language."""
    return [
        Bar(value=str(value), label=i18n.value_name(dimension, str(value), lang), count=int(n))
        for value, n in counts.items()
    ]


def choose_event(state: ViewState, events: list[Event], today: dt.date) -> Event | None:
    """The event the state names, else the one running today, else the next, else the latest."""
    if not events:
        return None
    named = next((e for e in events if e.id == state.event), None)
    if named is not None:
        return named
    running = [e for e in events if e.starts_on <= today <= e.ends_on]
    upcoming = sorted((e for e in events if e.starts_on > today), key=lambda e: e.starts_on)
    return (running or upcoming or events)[0]


def previous_edition(event: Event, events: list[Event]) -> Event | None:
    """The latest event that started before this one."""
    earlier = [e for e in events if e.starts_on < event.starts_on]
    return max(earlier, key=lambda e: e.starts_on) if earlier else None
