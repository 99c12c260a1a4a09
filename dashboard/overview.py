"""The overview page's figures: KPI tiles and four charts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from functools import partial

from dashboard import definitions, figures, i18n, metrics, timeseries, views
from dashboard.event_data import EventCubes
from dashboard.filters import Filters
from dashboard.plot import Figure
from dashboard.service import Snapshot
from dashboard.state import ViewState

CHART_DIMENSIONS = ("country", "sector", "org_type")


@dataclass(frozen=True)
class OverviewView:
    """Everything the overview shows for one state."""

    status: views.Status
    kpis: list[views.Kpi]
    charts: dict[str, Figure]


def _checked_in_kpi(cubes: EventCubes, filters: Filters, active: int, lang: str, now: dt.datetime):
    today = now.astimezone(cubes.event.zone).date()
    on_day = today if metrics.day_index(cubes, today) is not None else None
    count = metrics.checked_in(cubes, filters, on_day)
    label = "kpi.checked_in_today" if on_day else "kpi.checked_in"
    rate = i18n.fmt_pct(metrics.ratio(count, active), lang)
    return views.Kpi(
        "checked_in",
        i18n.t(label, lang),
        i18n.fmt_int(count, lang),
        i18n.t("kpi.of_active", lang, rate=rate),
    )


def kpis(cubes: EventCubes, filters: Filters, lang: str, now: dt.datetime) -> list[views.Kpi]:
    """The overview's KPI tiles."""
    people = metrics.participant_summary(cubes, filters)
    meetings = metrics.matchmaking_summary(cubes, filters)
    booked, total = metrics.seats(metrics.workshop_figures(cubes, filters))
    n = partial(i18n.fmt_int, lang=lang)
    answered = meetings["accepted"] + meetings["declined"]
    return [
        views.Kpi(
            "active",
            i18n.t("kpi.active", lang),
            n(people["active"]),
            i18n.t("kpi.active.sub", lang),
        ),
        views.Kpi("confirmed", i18n.t("kpi.confirmed", lang), n(people["confirmed"])),
        _checked_in_kpi(cubes, filters, people["active"], lang, now),
        views.Kpi("countries", i18n.t("kpi.countries", lang), n(people["countries"])),
        views.Kpi(
            "clusters",
            i18n.t("kpi.clusters", lang),
            n(people["clusters"]),
            i18n.t("kpi.clusters.sub", lang, n=n(people["organisations"])),
        ),
        views.Kpi("requests", i18n.t("kpi.requests", lang), n(meetings["requests"])),
        views.Kpi(
            "acceptance",
            i18n.t("kpi.acceptance", lang),
            i18n.fmt_pct(meetings["acceptance_rate"], lang),
            i18n.t("kpi.acceptance.sub", lang, n=n(answered)),
        ),
        views.Kpi(
            "seats",
            i18n.t("kpi.seats", lang),
            i18n.t("kpi.seats.value", lang, booked=n(booked), total=n(total)),
        ),
    ]


KPI_DEFINITIONS = {
    "active": "participants.active",
    "confirmed": "participants.confirmed",
    "checked_in": "participants.checked_in",
    "countries": "participants.countries",
    "clusters": "participants.clusters",
    "requests": "matchmaking.requests",
    "acceptance": "matchmaking.acceptance_rate",
    "seats": "workshops.booked",
}


def with_definitions(tiles: list[views.Kpi], lang: str) -> list[views.Kpi]:
    """The tiles, each carrying its definition from metrics.md for its info popover."""
    return [replace(kpi, info=definitions.text(KPI_DEFINITIONS[kpi.key], lang)) for kpi in tiles]


def charts(cubes: EventCubes, filters: Filters, lang: str) -> dict[str, Figure]:
    """The overview's charts, each with its empty state."""
    empty = i18n.t("empty.participants", lang)
    result = {}
    for dimension in CHART_DIMENSIONS:
        counts = metrics.breakdown(cubes, filters, dimension)
        result[dimension] = figures.bar_figure(
            views.bars(counts, dimension, lang),
            i18n.t(f"chart.by_{dimension}", lang),
            i18n.t("axis.participants", lang),
            lang,
            empty,
            selected=getattr(filters, dimension),
        )
    daily = timeseries.registrations_by_day(cubes, filters)
    result["registrations"] = figures.registrations_figure(
        daily, lang, i18n.t("empty.registrations", lang)
    )
    return result


def overview(snapshot: Snapshot, state: ViewState, now: dt.datetime) -> OverviewView:
    """The overview for a state, from the snapshot of its event (which may be missing)."""
    lang, cubes = state.lang, snapshot.cubes
    line = views.status(snapshot, lang, cubes.event.zone if cubes else None)
    if cubes is None:
        message = line.text
        blank = {key: figures.empty_figure(message) for key in (*CHART_DIMENSIONS, "registrations")}
        return OverviewView(line, [], blank)
    return OverviewView(
        line,
        with_definitions(kpis(cubes, state.filters, lang, now), lang),
        charts(cubes, state.filters, lang),
    )
