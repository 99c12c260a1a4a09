"""What the matchmaking page shows for one view state and role: tiles, charts, notes.

How each role reads a count is the Scope's business (dashboard/matchmaking_kpis.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard import figures, i18n, views
from dashboard import matchmaking as mm
from dashboard import matchmaking_charts as charts
from dashboard.event_data import EventCubes
from dashboard.flows_figure import flow_figure
from dashboard.i18n import t
from dashboard.matchmaking_kpis import Scope, meeting_kpis, request_kpis, with_definitions
from dashboard.plot import Figure
from dashboard.service import DataService, DataUnavailable, Snapshot
from dashboard.state import ViewState

ACCEPTANCE_DIMENSIONS = ("country", "sector", "org_type")
FLOW_DIMENSIONS = ("country", "sector")
CHARTS = (
    "funnel",
    *(f"acceptance_{d}" for d in ACCEPTANCE_DIMENSIONS),
    *(f"flows_{d}" for d in FLOW_DIMENSIONS),
    "over_time",
    "response_times",
    "per_participant",
)


@dataclass(frozen=True)
class MatchmakingView:
    """Everything the matchmaking page shows for one state, except the meeting rounds."""

    status: views.Status
    notice: str | None
    request_kpis: list[views.Kpi]
    meeting_kpis: list[views.Kpi]
    charts: dict[str, Figure]
    pair: str | None
    problems: list[str]


def extra_cubes(
    service: DataService, snapshot: Snapshot, pair: mm.Pair | None = None
) -> mm.MatchmakingCubes | None:
    """The page's own aggregates at the snapshot's version (with a pair's, if one is chosen),
    or None when they cannot be read."""
    cubes = snapshot.cubes
    if cubes is None or snapshot.version is None:
        return None
    event, version = cubes.event, snapshot.version
    try:
        extra = service.cached(
            f"matchmaking:{event.id}", version, lambda c: mm.load(c, event, cubes.response_times)
        )
        if pair is None:
            return extra
        pairs = service.cached(
            f"matchmaking-pairs:{event.id}", version, lambda c: mm.load_pairs(c, event)
        )
    except DataUnavailable:
        return None
    return mm.with_pairs(extra, pairs)


def page_charts(scope: Scope, s: dict, people: dict) -> dict[str, Figure]:
    """Every chart of the page for the scope; small counts as the role may see them."""
    cubes, extra, lang, filters, pair = (
        scope.cubes,
        scope.extra,
        scope.lang,
        scope.filters,
        scope.pair,
    )
    result = {"funnel": charts.funnel_figure(mm.funnel(s), lang, scope.shown())}
    for dimension in ACCEPTANCE_DIMENSIONS:
        result[f"acceptance_{dimension}"] = charts.acceptance_figure(
            mm.acceptance_by(cubes, filters, pair, dimension),
            dimension,
            lang,
            scope.shown(dimension),
            selected=getattr(filters, dimension),
        )
    for dimension in FLOW_DIMENSIONS:
        chosen = pair[1:] if pair is not None and pair[0] == dimension else None
        result[f"flows_{dimension}"] = flow_figure(
            mm.flows(cubes, filters, dimension),
            dimension,
            lang,
            scope.shown("requester " + dimension, dimension),
            chosen,
        )
    daily = mm.over_time(extra, filters, pair)
    result["over_time"] = charts.over_time_figure(daily, lang, scope.shown())
    bins, _ = mm.response_times(extra, filters, pair)
    result["response_times"] = charts.response_figure(
        bins, s["median_response_hours"], lang, scope.shown()
    )
    result["per_participant"] = charts.meetings_figure(
        people["distribution"], lang, scope.shown_people()
    )
    return result


def pair_text(pair: mm.Pair | None, lang: str) -> str | None:
    """The sentence that says the page shows the requests of one pair."""
    if pair is None:
        return None
    dimension, requester, recipient = pair
    showing = t(
        "matchmaking.pair.showing",
        lang,
        requester=i18n.value_name(dimension, requester, lang),
        recipient=i18n.value_name(dimension, recipient, lang),
    )
    return f"{showing} {t('matchmaking.pair.not_people', lang)}"


def problem_lines(cubes: EventCubes, extra: mm.MatchmakingCubes, lang: str) -> list[str]:
    """One line per kind of data problem found, with its count."""
    found = mm.problems(cubes, extra)
    return [
        t(f"matchmaking.problem.{key}", lang, n=i18n.fmt_int(n, lang))
        for key, n in found.items()
        if n
    ]


def has_matchmaking(cubes: EventCubes, extra: mm.MatchmakingCubes) -> bool:
    """True when the event has any meeting request or any participant who opted in."""
    opted_in = int(extra.meetings.loc[extra.meetings["opt_in"].astype(int) == 1, "n"].sum())
    return bool(cubes.requests["n"].sum()) or opted_in > 0 or any(extra.problems.values())


def _blank(line: views.Status, message: str, notice: str | None) -> MatchmakingView:
    blank = {key: figures.empty_figure(message) for key in CHARTS}
    return MatchmakingView(line, notice, [], [], blank, None, [])


def matchmaking_view(
    snapshot: Snapshot, extra: mm.MatchmakingCubes | None, state: ViewState, role: str | None
) -> MatchmakingView:
    """The page for a state, from the snapshot of its event (which may be missing)."""
    lang, cubes = state.lang, snapshot.cubes
    line = views.status(snapshot, lang, cubes.event.zone if cubes else None)
    if cubes is None:
        return _blank(line, line.text, None)  # the status line says why
    if extra is None:
        return _blank(line, *[t("matchmaking.unavailable", lang)] * 2)
    if not has_matchmaking(cubes, extra):
        return _blank(line, *[t("matchmaking.none", lang)] * 2)
    scope = Scope(cubes, extra, lang, state.filters, state.pair, role)
    s = mm.summary(cubes, extra, state.filters, state.pair)
    people = mm.per_participant(extra, state.filters)
    return MatchmakingView(
        status=line,
        notice=None,
        request_kpis=with_definitions(request_kpis(s, scope), lang),
        meeting_kpis=with_definitions(meeting_kpis(s, people, scope), lang),
        charts=page_charts(scope, s, people),
        pair=pair_text(state.pair, lang),
        problems=problem_lines(cubes, extra, lang),
    )
