"""The participants statistics page: what it shows for a view state and a viewer's role."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dashboard import i18n, metrics, privacy, timeseries, views
from dashboard import participants_figures as pf
from dashboard import participants_tables as pt
from dashboard import participants_time as ptime
from dashboard.event_data import EventCubes, Registrations
from dashboard.figures import empty_figure, registrations_figure
from dashboard.filters import Filters
from dashboard.participants_kpis import kpis
from dashboard.plot import Figure
from dashboard.service import DataService, DataUnavailable, Snapshot
from dashboard.state import DRILL_PATH, ViewState
from data import queries

CHARTS = (
    "country",
    "map",
    "sector",
    "helix",
    "heatmap",
    "drill",
    "registrations",
    "checkins_day",
    "checkins_hour",
)
# The definition shown beside each chart.
CHART_DEFINITIONS = {
    "country": "participants.by_country",
    "map": "participants.map",
    "sector": "participants.by_sector",
    "helix": "participants.helix",
    "heatmap": "participants.country_sector",
    "drill": "participants.drill",
    "registrations": "participants.registrations",
    "checkins_day": "participants.checkins_by_day",
    "checkins_hour": "participants.checkins_by_hour",
}


@dataclass(frozen=True)
class Editions:
    """The cubes a view needs: the event, the compared one, the one whose curve is drawn."""

    current: EventCubes
    compare: EventCubes | None = None
    reference: EventCubes | Registrations | None = None
    names: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ParticipantsView:
    """Everything the page shows for one state, and the tables behind it."""

    status: views.Status
    kpis: list[views.Kpi]
    figures: dict[str, Figure]
    crumbs: list[str]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    scope: pt.Scope | None = None
    host: str | None = None
    version: str | None = None
    stale: bool = False

    @property
    def drill_hint(self) -> str:
        """What a click on the drill chart does, while there is a level below."""
        level = len(self.scope.drill) if self.scope else len(DRILL_PATH)
        return i18n.t("participants.drill.hint", self.scope.lang) if level < len(DRILL_PATH) else ""


def _names(cubes: EventCubes, compare: EventCubes | None) -> tuple[str, str]:
    return cubes.event.name, compare.event.name if compare is not None else ""


def breakdown_charts(scope: pt.Scope, selected: Filters) -> tuple[dict, dict]:
    """The charts by country (bars and map), sector, triple helix, country × sector, drill."""
    lang, t = scope.lang, i18n.t
    empty, axis = t("empty.participants", lang), t("axis.participants", lang)
    names = _names(scope.cubes, scope.compare)
    tables = {d: pt.breakdown(scope, d) for d in ("country", "sector")}
    tables["helix"] = pt.helix(scope)
    tables["heatmap"] = pt.cross_tab(scope)
    tables["drill"] = pt.drill(scope)
    charts = {
        d: pf.bars(
            tables[d],
            t(f"participants.chart.{d}", lang),
            axis,
            lang,
            empty,
            getattr(selected, d),
            names,
        )
        for d in ("country", "sector")
    }
    charts["map"] = pf.europe_map(
        tables["country"], t("participants.chart.map", lang, event=names[0]), lang, empty
    )
    charts["helix"] = pf.helix_figure(
        tables["helix"], t("participants.chart.helix", lang), axis, lang, empty, names
    )
    charts["heatmap"] = pf.heatmap(
        tables["heatmap"], t("participants.chart.heatmap", lang), lang, empty
    )
    charts["drill"] = pf.bars(tables["drill"], drill_title(scope), axis, lang, empty, (), names)
    return charts, tables


def drill_title(scope: pt.Scope) -> str:
    """The drill chart's title: what it breaks down, and where it is."""
    level = len(scope.drill)
    where = " · ".join(pt.crumbs(scope.drill, scope.lang)[1:])
    return i18n.t(f"participants.chart.drill.{level}", scope.lang, path=where)


def time_charts(scope: pt.Scope, reference: EventCubes | Registrations | None) -> tuple[dict, dict]:
    """Registrations over time, check-ins by day and by hour."""
    lang, cubes, filters = scope.lang, scope.cubes, scope.filters
    titles = {k: i18n.t(f"participants.chart.{k}", lang) for k in ("checkins_day", "checkins_hour")}
    titles["registrations"] = i18n.t("chart.registrations", lang)
    active = int(metrics.active_people(cubes, filters)["n"].sum())
    if privacy.hidden(active, scope.role, scope.attributes()):
        hidden = i18n.t("participants.empty.hidden", lang)
        return {k: empty_figure(hidden, title) for k, title in titles.items()}, {}
    daily = timeseries.registrations_by_day(cubes, filters)
    before = timeseries.registrations_by_day(reference, filters) if reference else None
    days = timeseries.checkins_by_day(cubes, filters)
    days_then = timeseries.checkins_by_day(scope.compare, filters) if scope.compare else None
    hours = timeseries.arrivals(cubes, filters, 60)
    empty = i18n.t("participants.empty.checkins", lang)
    charts = {
        "registrations": registrations_figure(
            daily,
            lang,
            i18n.t("empty.registrations", lang),
            cubes.event.starts_on,
            before,
            reference.event.name if reference else "",
        ),
        "checkins_day": ptime.checkins_by_day(
            days, lang, empty, days_then, _names(cubes, scope.compare)
        ),
        "checkins_hour": ptime.arrivals_by_hour(hours, cubes.event.days(), lang, empty),
    }
    return charts, {"registrations": daily, "checkins_day": days, "checkins_hour": hours}


def _organisation_names(service: DataService, editions: list[EventCubes], version: str):
    ids = sorted({int(i) for c in editions for i in c.organisations["organisation_id"]})
    key = "participants:organisations:" + ",".join(str(c.event.id) for c in editions)
    frame = service.cached(key, version, lambda conn: queries.organisation_names(conn, ids))
    return {int(i): str(n) for i, n in zip(frame["organisation_id"], frame["name"], strict=True)}


def editions(service: DataService, state: ViewState, cubes: EventCubes, version: str | None):
    """The compared event's cubes, the reference curve's, and organisation names if needed."""
    try:
        events = service.events(version)
        compare = service.event_cubes(state.compare, version) if state.compare else None
        previous = views.previous_edition(cubes.event, events)
        reference = compare or (
            service.event_registrations(previous.id, version) if previous else None
        )
        wanted = [c for c in (cubes, compare) if c is not None]
        names = _organisation_names(service, wanted, version) if len(state.drill) == 3 else {}
    except DataUnavailable:
        return Editions(cubes)
    return Editions(cubes, compare, reference, names)


def build(service: DataService, state: ViewState, role: str | None) -> ParticipantsView:
    """The page for a state and a viewer: tiles, charts, breadcrumb and the tables behind them."""
    lang = state.lang
    snapshot = service.snapshot(state.event)
    cubes = snapshot.cubes
    status = views.status(snapshot, lang, cubes.event.zone if cubes else None)
    crumbs = pt.crumbs(state.drill, lang)
    if cubes is None:
        blank = {k: empty_figure(status.text) for k in CHARTS}
        return ParticipantsView(status, [], blank, crumbs, {}, None, None, *_freshness(snapshot))
    found = editions(service, state, cubes, snapshot.version)
    scope = pt.Scope(
        cubes, state.scoped_filters(), lang, role, found.compare, state.drill, found.names
    )
    host = pt.host_country(cubes)
    charts, tables = breakdown_charts(scope, state.filters)
    more_charts, more_tables = time_charts(scope, found.reference)
    figures = {**charts, **more_charts}
    tables = {**tables, **more_tables}
    return ParticipantsView(
        status, kpis(scope, host), figures, crumbs, tables, scope, host, *_freshness(snapshot)
    )


def _freshness(snapshot: Snapshot) -> tuple[str | None, bool]:
    return snapshot.version, snapshot.stale
