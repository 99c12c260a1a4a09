"""What the workshops page shows for one view state and role: tiles, the fill chart, a
workshop's bookers.

Counts of one workshop's bookings by a person attribute are cells of two attributes
(the workshop booked and the attribute), so officials read "< 3" for 1 or 2 there, and
in the filtered inner bars; the seats of a workshop are exact for everyone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

from dashboard import definitions, figures, i18n, privacy, views
from dashboard import workshops as ws
from dashboard.event_data import EventCubes
from dashboard.figures import Bar
from dashboard.filters import Filters
from dashboard.i18n import t
from dashboard.plot import Figure
from dashboard.service import DataService, DataUnavailable, Snapshot
from dashboard.workshop_charts import fill_figure
from data import workshop_queries as wq

BOOKER_DIMENSIONS = ("country", "sector", "org_type")
KPI_DEFINITIONS = {
    "ws-booked": "workshops.booked",
    "ws-waitlisted": "workshops.waitlisted",
    "ws-full": "workshops.fill_level",
    "ws-overbooked": "workshops.overbooked",
    "ws-attendance": "workshops.attendance",
}


@dataclass(frozen=True)
class WorkshopsView:
    """Everything the workshops page shows for one state, but a workshop's bookers."""

    status: views.Status
    notice: str | None
    kpis: list[views.Kpi]
    fill: Figure
    problems: list[str]


def exported_for(filters: Filters, role: str | None, *by: str) -> Callable[[int], int | str]:
    """How the role gets a count of bookings by `by` under the filters in a download."""
    return partial(privacy.exported, role=role, n_attributes=privacy.attributes(filters, by))


def shown_for(filters: Filters, role: str | None, lang: str, *by: str) -> Callable[[int], str]:
    """How the role reads a count of bookings by `by` under the filters."""
    n_attributes = privacy.attributes(filters, by)
    return partial(privacy.shown, role=role, n_attributes=n_attributes, lang=lang)


def kpis(s: dict, lang: str, filters: Filters, role: str | None) -> list[views.Kpi]:
    """Workshops, seats, waitlist, full ones, attendance; the filtered bookings when filtered."""
    n = partial(i18n.fmt_int, lang=lang)
    tiles = [
        views.Kpi(
            "ws-count",
            t("workshops.kpi.workshops", lang),
            n(s["workshops"]),
            t("workshops.kpi.workshops.sub", lang, n=n(s["started"])),
        ),
        views.Kpi(
            "ws-booked",
            t("workshops.kpi.booked", lang),
            t("kpi.seats.value", lang, booked=n(s["booked"]), total=n(s["seats"])),
            t("workshops.kpi.booked.sub", lang),
        ),
        views.Kpi("ws-waitlisted", t("workshops.kpi.waitlisted", lang), n(s["waitlisted"])),
        views.Kpi(
            "ws-full",
            t("workshops.kpi.full", lang),
            n(s["full"]),
            t("workshops.kpi.full.sub", lang, n=n(s["workshops"])),
        ),
        views.Kpi("ws-overbooked", t("workshops.kpi.overbooked", lang), n(s["overbooked"])),
        views.Kpi(
            "ws-attendance",
            t("workshops.kpi.attendance", lang),
            i18n.fmt_pct(s["attendance"], lang),
            t("workshops.kpi.attendance.sub", lang, n=n(s["started"])),
        ),
    ]
    if not filters.is_empty():
        tiles.append(_matching_kpi(s, lang, filters, role))
    return [
        replace(k, info=definitions.text(KPI_DEFINITIONS[k.key], lang))
        if k.key in KPI_DEFINITIONS
        else k
        for k in tiles
    ]


def _matching_kpi(s: dict, lang: str, filters: Filters, role: str | None) -> views.Kpi:
    shown = shown_for(filters, role, lang, "workshop")
    return views.Kpi(
        "ws-matching",
        t("workshops.kpi.matching", lang),
        shown(s["matching"]),
        t("workshops.kpi.matching.sub", lang),
    )


def problems(cubes: EventCubes, service: DataService, version: str, lang: str) -> list[str]:
    """One line per kind of workshop data problem found, with its count."""
    event_id = cubes.event.id
    try:
        found = service.cached(
            f"workshops-problems:{event_id}",
            version,
            lambda conn: wq.workshop_problems(conn, event_id),
        )
    except DataUnavailable:
        found = {}
    return [
        t(f"workshops.problem.{key}", lang, n=i18n.fmt_int(n, lang))
        for key, n in ws.problems(cubes, found).items()
        if n
    ]


def workshops_view(
    snapshot: Snapshot,
    service: DataService,
    lang: str,
    filters: Filters,
    grouping: str,
    role: str | None,
    now: dt.datetime,
) -> WorkshopsView:
    """The page for a state, from the snapshot of its event (which may be missing)."""
    cubes = snapshot.cubes
    line = views.status(snapshot, lang, cubes.event.zone if cubes else None)
    if cubes is None:
        return WorkshopsView(line, None, [], figures.empty_figure(line.text), [])
    rows = ws.workshops(cubes, filters, now)
    if not rows:
        message = t("workshops.none", lang)
        return WorkshopsView(line, message, [], figures.empty_figure(message), [])
    grouping = grouping if grouping in ws.GROUPINGS else "none"
    fill = fill_figure(
        ws.grouped(rows, grouping, lang),
        grouping,
        lang,
        shown_for(filters, role, lang, "workshop"),
        not filters.is_empty(),
    )
    return WorkshopsView(
        status=line,
        notice=None,
        kpis=kpis(ws.summary(rows), lang, filters, role),
        fill=fill,
        problems=problems(cubes, service, snapshot.version or "", lang),
    )


def bookers_figures(
    cubes: EventCubes, filters: Filters, workshop_id: int, lang: str, role: str | None
) -> dict[str, Figure]:
    """Who booked a workshop, by country, sector and organisation type, as the role may see."""
    result = {}
    for dimension in BOOKER_DIMENSIONS:
        counts = ws.bookers(cubes, filters, workshop_id, dimension)
        shown = shown_for(filters, role, lang, dimension, "workshop")
        bars = [
            Bar(
                str(value),
                i18n.value_name(dimension, str(value), lang),
                0 if shown(int(n)) == privacy.SUPPRESSED else int(n),
                shown(int(n)),
            )
            for value, n in counts.items()
        ]
        # Hidden counts go last, by name: their order would tell them apart.
        hidden = privacy.SUPPRESSED
        bars.sort(key=lambda bar: (bar.text == hidden, bar.label if bar.text == hidden else ""))
        result[dimension] = figures.bar_figure(
            bars,
            t(f"workshops.chart.by_{dimension}", lang),
            t("axis.participants", lang),
            lang,
            t("workshops.empty.bookers", lang),
        )
    return result


def bookers_placeholder(lang: str) -> dict[str, Figure]:
    """The bookers' charts before a workshop is chosen: a hint where the bars will be."""
    hint = t("workshops.detail.hint", lang)
    return {
        d: figures.empty_figure(hint, t(f"workshops.chart.by_{d}", lang), height=260)
        for d in BOOKER_DIMENSIONS
    }


def detail_title(cubes: EventCubes, workshop_id: int, lang: str) -> str | None:
    """The chosen workshop's title, time and room, or None when it is not in the event."""
    row = cubes.workshops[cubes.workshops["id"] == workshop_id]
    if row.empty:
        return None
    first = row.iloc[0]
    starts = ws.local_start(first["starts_at"], cubes.event)
    room = first["room"] if isinstance(first["room"], str) and first["room"].strip() else "–"
    return t(
        "workshops.detail.title",
        lang,
        title=first["title"],
        day=i18n.fmt_date(starts.date(), lang),
        time=starts.strftime("%H:%M"),
        room=room,
    )
