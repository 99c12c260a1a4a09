"""Workshop figures of metrics.md for the workshops page: fill levels, groups, who booked.

Fill levels are a property of the workshop: they count every active participant's
booking against the seats, whatever the filters. The filters pick whose bookings are
shown inside each bar and in the breakdown of a workshop's bookers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from dashboard import filters as flt
from dashboard import i18n, metrics
from dashboard.event_data import Event, EventCubes
from dashboard.vocab import ACTIVE, UNKNOWN_STATUS

FILLING_FROM = 0.8
LEVELS = ("comfortable", "filling", "full", "overbooked", "no_seats")
GROUPINGS = ("none", "day", "room", "topic")


@dataclass(frozen=True)
class Workshop:
    """One workshop as the page shows it."""

    figures: metrics.WorkshopFigures
    matching: int  # bookings of the participants who match the filters
    topic: str | None
    room: str | None
    starts: dt.datetime  # in the event's zone
    started: bool

    @property
    def level(self) -> str:
        """The fill level's name (thresholds: FILLING_FROM, 100 %)."""
        return fill_level(self.figures.booked, self.figures.capacity)

    @property
    def attendance(self) -> float | None:
        """Attended / booked for a workshop that has started, else None."""
        return metrics.ratio(self.figures.attended, self.figures.booked) if self.started else None


def fill_level(booked: int, capacity: int) -> str:
    """Comfortable below 80 %, filling from 80 %, full at 100 %, overbooked above; no seats."""
    if capacity <= 0:
        return "no_seats"
    if booked > capacity:
        return "overbooked"
    if booked == capacity:
        return "full"
    return "filling" if booked >= FILLING_FROM * capacity else "comfortable"


def local_start(value: object, event: Event) -> dt.datetime:
    """A workshop's start (naive UTC as stored) in the event's zone."""
    return pd.Timestamp(value).to_pydatetime().replace(tzinfo=dt.UTC).astimezone(event.zone)


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def workshops(cubes: EventCubes, filters: flt.Filters, now: dt.datetime) -> list[Workshop]:
    """The event's workshops by start time, with the bookings of the matching participants."""
    everyone = metrics.workshop_figures(cubes, flt.Filters())
    matching = {w.id: w.booked for w in metrics.workshop_figures(cubes, filters)}
    rows = {int(r.id): r for r in cubes.workshops.itertuples(index=False)}
    zone, result = cubes.event.zone, []
    for figures in everyone:
        row = rows[figures.id]
        starts = figures.starts_at.replace(tzinfo=dt.UTC)
        result.append(
            Workshop(
                figures=figures,
                matching=matching.get(figures.id, 0),
                topic=_text(row.topic),
                room=_text(row.room),
                starts=starts.astimezone(zone),
                started=starts <= now,
            )
        )
    return sorted(result, key=lambda w: (w.starts, w.figures.id))


def group_label(workshop: Workshop, grouping: str, lang: str) -> str:
    """The group a workshop falls in: its day, room or topic (a word when it has none)."""
    if grouping == "day":
        return i18n.fmt_date(workshop.starts.date(), lang)
    if grouping == "room":
        return workshop.room or i18n.t("workshops.no_room", lang)
    if grouping == "topic":
        return workshop.topic or i18n.t("workshops.no_topic", lang)
    return ""


def grouped(rows: list[Workshop], grouping: str, lang: str) -> list[tuple[str, Workshop]]:
    """The workshops with their group, groups in order of their first workshop."""
    labelled = [(group_label(w, grouping, lang), w) for w in rows]
    first = {}
    for label, w in labelled:
        first.setdefault(label, w.starts)
    return sorted(labelled, key=lambda pair: (first[pair[0]], pair[0], pair[1].starts))


def summary(rows: list[Workshop]) -> dict[str, object]:
    """The page's tiles: workshops, seats, waitlist, full ones and attendance."""
    started = [w for w in rows if w.started]
    booked_started = sum(w.figures.booked for w in started)
    return {
        "workshops": len(rows),
        "booked": sum(w.figures.booked for w in rows),
        "seats": sum(max(w.figures.capacity, 0) for w in rows),
        "waitlisted": sum(w.figures.waitlisted for w in rows),
        "full": sum(w.level in ("full", "overbooked") for w in rows),
        # metrics.md: booked > capacity, so a workshop without seats but with bookings counts.
        "overbooked": sum(w.figures.overbooked for w in rows),
        "no_seats": sum(w.level == "no_seats" for w in rows),
        "started": len(started),
        "attendance": metrics.ratio(sum(w.figures.attended for w in started), booked_started),
        "matching": sum(w.matching for w in rows),
    }


def bookers(cubes: EventCubes, filters: flt.Filters, workshop_id: int, dimension: str) -> pd.Series:
    """Active participants matching the filters who booked a workshop, by one attribute."""
    rows = flt.apply(cubes.bookings, filters)
    rows = rows[
        (rows["workshop_id"] == workshop_id)
        & rows["status"].isin(ACTIVE)
        & (rows["booking_status"] == "booked")
    ]
    counts = rows.groupby(dimension)["n"].sum()
    return counts[counts > 0].astype(int).sort_values(ascending=False, kind="stable")


def problems(cubes: EventCubes, found: dict[str, int]) -> dict[str, int]:
    """The workshop rows that the figures leave out or cannot read, by kind."""
    status = cubes.bookings["booking_status"] == UNKNOWN_STATUS
    return {**found, "status_unknown": int(cubes.bookings.loc[status, "n"].sum())}
