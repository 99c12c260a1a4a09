"""The wall screen's panels: big numbers, labelled bars and one chart each, in words.

Every figure comes from the event cubes (metrics.md) or the wall's own minute-level
cubes; nothing here names a person.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard import i18n, metrics, timeseries, wall_figures
from dashboard.event_data import Event, EventCubes
from dashboard.vocab import ACTIVE, UNKNOWN
from dashboard.wall_model import (
    EVERYONE,
    Meter,
    Moment,
    Number,
    Panel,
    WallCubes,
    hhmm,
    shares,
    shown_day,
    utc,
)

ARRIVAL_WINDOW_S = 15 * 60
TOP_COUNTRIES = 8
MAX_WORKSHOPS = 12


# --- arrivals -----------------------------------------------------------------------------


def recent_arrivals(wall: WallCubes, now: dt.datetime, window_s: int = ARRIVAL_WINDOW_S) -> int:
    """First arrivals of the day whose minute began within the last window_s seconds."""
    minute = wall.arrivals["bucket"].astype(float)
    within = (minute >= now.timestamp() - window_s) & (minute <= now.timestamp())
    return int(wall.arrivals.loc[within, "n"].sum())


def _arrivals_today(cubes: EventCubes, index: int) -> pd.DataFrame:
    per_slot = timeseries.arrivals(cubes, EVERYONE, width_min=15)
    return per_slot[per_slot["day"] == index].groupby("start", as_index=False)["n"].sum()


def _arrivals_by_country(cubes: EventCubes, index: int) -> pd.Series:
    scans = cubes.first_scans
    scans = scans[scans["status"].isin(ACTIVE) & (scans["day"] == index)]
    counts = scans.groupby("country")["n"].sum()
    counts = counts[counts > 0].astype(int).sort_values(ascending=False, kind="stable")
    return counts.head(TOP_COUNTRIES)


def arrivals_panel(cubes: EventCubes, wall: WallCubes, at: Moment) -> Panel:
    """Who has arrived: checked in today of those expected, the last quarter hour, by country."""
    index, is_today = shown_day(cubes.event, at.now)
    expected = int(metrics.active_people(cubes, EVERYONE)["n"].sum())
    day = cubes.event.days()[index]
    arrived = metrics.checked_in(cubes, EVERYONE, day)
    rate = i18n.fmt_pct(metrics.ratio(arrived, expected), at.lang)
    label = (
        at.t("wall.arrivals.today")
        if is_today
        else at.t("wall.arrivals.on_day", date=i18n.fmt_date(day, at.lang))
    )
    numbers = (
        Number("checked-in", label, at.n(arrived), at.t("wall.arrivals.of", n=at.n(expected))),
        Number("arrival-rate", at.t("wall.arrivals.rate"), rate),
        Number(
            "recent-arrivals",
            at.t("wall.arrivals.recent"),
            at.n(recent_arrivals(wall, at.now) if is_today else 0),
        ),
    )
    chart = wall_figures.arrivals_figure(
        _arrivals_today(cubes, index), at.screen, at.separators, at.t("wall.arrivals.none")
    )
    return Panel(
        "arrivals",
        at.t("wall.panel.arrivals"),
        numbers,
        at.t("wall.arrivals.by_country"),
        shares(_arrivals_by_country(cubes, index), at, i18n.country_name),
        at.t("wall.arrivals.per_quarter"),
        chart,
    )


# --- registrations -----------------------------------------------------------------------


def registered_today(cubes: EventCubes, now: dt.datetime) -> int:
    """Active participants who registered today (the event's local date)."""
    daily = timeseries.registrations_by_day(cubes, EVERYONE)
    today = now.astimezone(cubes.event.zone).date()
    return int(daily.loc[daily["date"] == today, "n"].sum())


def registrations_panel(cubes: EventCubes, at: Moment) -> Panel:
    """How many have registered, today too, from how many countries and clusters."""
    people = metrics.participant_summary(cubes, EVERYONE)
    numbers = (
        Number(
            "registered",
            at.t("wall.registrations.total"),
            at.n(people["active"]),
            at.t("wall.registrations.total.sub"),
        ),
        Number(
            "new-today", at.t("wall.registrations.today"), at.n(registered_today(cubes, at.now))
        ),
        Number("countries", at.t("wall.registrations.countries"), at.n(people["countries"])),
        Number(
            "clusters",
            at.t("wall.registrations.clusters"),
            at.n(people["clusters"]),
            at.t("wall.registrations.organisations", n=at.n(people["organisations"])),
        ),
    )
    by_type = metrics.breakdown(cubes, EVERYONE, "org_type")
    chart = wall_figures.cumulative_figure(
        timeseries.registrations_by_day(cubes, EVERYONE),
        at.screen,
        at.separators,
        at.t("wall.registrations.none"),
    )
    return Panel(
        "registrations",
        at.t("wall.panel.registrations"),
        numbers,
        at.t("wall.registrations.by_type"),
        shares(by_type, at, i18n.org_type_name),
        at.t("wall.registrations.over_time"),
        chart,
    )


# --- map ----------------------------------------------------------------------------------


def map_panel(cubes: EventCubes, at: Moment) -> Panel:
    """Where the participants come from: a map of Europe and the largest countries."""
    counts = metrics.breakdown(cubes, EVERYONE, "country")
    known = counts[counts.index != UNKNOWN]
    numbers = (
        Number("map-countries", at.t("wall.registrations.countries"), at.n(len(known))),
        Number("map-participants", at.t("wall.registrations.total"), at.n(int(counts.sum()))),
    )
    chart = wall_figures.map_figure(known.to_dict(), at.screen, at.t("wall.registrations.none"))
    return Panel(
        "map",
        at.t("wall.panel.map"),
        numbers,
        at.t("wall.map.top"),
        shares(known.head(TOP_COUNTRIES), at, i18n.country_name),
        "",
        chart,
    )


# --- workshops ----------------------------------------------------------------------------


def shown_workshops(
    workshops: list[metrics.WorkshopFigures], event: Event, now: dt.datetime
) -> list[metrics.WorkshopFigures]:
    """Today's workshops, else the coming ones, else all; by start, at most MAX_WORKSHOPS."""
    every = sorted(workshops, key=lambda w: (w.starts_at, w.id))
    today = now.astimezone(event.zone).date()
    on_day = [w for w in every if utc(w.starts_at).astimezone(event.zone).date() == today]
    coming = [w for w in every if utc(w.starts_at) >= now]
    return (on_day or coming or every)[:MAX_WORKSHOPS]


def workshop_meter(workshop: metrics.WorkshopFigures, event: Event, at: Moment) -> Meter:
    """A workshop's fill bar: booked of seats, flagged when full, overbooked or without seats."""
    label = f"{hhmm(utc(workshop.starts_at).timestamp(), event)}  {workshop.title}"
    if workshop.capacity <= 0:
        value = at.t("wall.workshops.no_seats", n=at.n(workshop.booked))
        return Meter(label, value, 0.0, at.t("wall.workshops.flag.none"), "none")
    value = f"{at.n(workshop.booked)} / {at.n(workshop.capacity)}"
    fraction = min(1.0, workshop.booked / workshop.capacity)
    if workshop.overbooked:
        return Meter(label, value, fraction, at.t("wall.workshops.flag.over"), "over")
    if workshop.booked >= workshop.capacity:
        return Meter(label, value, fraction, at.t("wall.workshops.flag.full"), "full")
    return Meter(label, value, fraction)


def workshops_panel(workshops: list[metrics.WorkshopFigures], event: Event, at: Moment) -> Panel:
    """Seats booked per workshop (metrics.workshop_figures), the full ones flagged."""
    shown = shown_workshops(workshops, event, at.now)
    booked, seats = metrics.seats(shown)
    full = [w for w in shown if w.capacity > 0 and w.booked >= w.capacity]
    numbers = (
        Number(
            "seats",
            at.t("wall.workshops.seats"),
            f"{at.n(booked)} / {at.n(seats)}",
            at.t("wall.workshops.in", n=at.n(len(shown))),
        ),
        Number("full", at.t("wall.workshops.full"), at.n(len(full))),
        Number(
            "waitlisted",
            at.t("wall.workshops.waitlisted"),
            at.n(sum(w.waitlisted for w in shown)),
        ),
    )
    meters = tuple(workshop_meter(w, event, at) for w in shown)
    return Panel(
        "workshops",
        at.t("wall.panel.workshops"),
        numbers,
        at.t("wall.workshops.none") if not shown else "",
        meters,
    )
