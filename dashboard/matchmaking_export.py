"""The matchmaking page's statistics as an Excel workbook: the aggregates behind the page."""

from __future__ import annotations

import datetime as dt

from dashboard import i18n, page_export, privacy
from dashboard import matchmaking as mm
from dashboard.i18n import t
from dashboard.matchmaking_kpis import Scope
from dashboard.matchmaking_view import (
    ACCEPTANCE_DIMENSIONS,
    FLOW_DIMENSIONS,
    has_matchmaking,
    matchmaking_view,
    pair_text,
)
from dashboard.page_export import Sheet
from dashboard.service import Snapshot
from dashboard.state import ViewState


def _acceptance(scope: Scope, dimension: str) -> Sheet:
    lang, shown = scope.lang, scope.exported(dimension)
    rows = []
    for r in mm.acceptance_by(scope.cubes, scope.filters, scope.pair, dimension).itertuples():
        accepted, declined = shown(int(r.accepted)), shown(int(r.declined))
        hidden = privacy.SUPPRESSED in (accepted, declined)
        rate = "–" if hidden else round(float(r.rate), 4)
        name = i18n.value_name(dimension, str(r.value), lang)
        rows.append([r.value, name, shown(int(r.answered)), accepted, declined, rate])
    header = [
        t("export.code", lang),
        t(f"filter.{dimension}", lang),
        t("matchmaking.funnel.answered", lang),
        t("matchmaking.funnel.accepted", lang),
        t("matchmaking.kpi.declined", lang),
        t("kpi.acceptance", lang),
    ]
    return Sheet(t(f"matchmaking.chart.acceptance_{dimension}", lang), header, rows)


def _flows(scope: Scope, dimension: str) -> Sheet:
    lang, shown = scope.lang, scope.exported("requester " + dimension, dimension)
    matrix = mm.flows(scope.cubes, scope.filters, dimension)
    rows = [
        [a, i18n.value_name(dimension, a, lang), b, i18n.value_name(dimension, b, lang), shown(n)]
        for a in matrix.index
        for b in matrix.columns
        if (n := int(matrix.loc[a, b]))
    ]
    header = [
        t("export.code", lang),
        t(f"matchmaking.axis.requester_{dimension}", lang),
        t("export.code", lang),
        t(f"matchmaking.axis.recipient_{dimension}", lang),
        t("matchmaking.axis.meetings", lang),
    ]
    return Sheet(t(f"matchmaking.export.flows_{dimension}", lang), header, rows)


def _over_time(scope: Scope) -> Sheet:
    lang, shown = scope.lang, scope.exported()
    daily = mm.over_time(scope.extra, scope.filters, scope.pair)
    columns = ("requested", "accepted", "declined")
    rows = [
        [str(r.date), *(shown(int(getattr(r, c))) for c in columns)] for r in daily.itertuples()
    ]
    header = [t("axis.date", lang), *(t(f"matchmaking.series.{c}", lang) for c in columns)]
    return Sheet(t("matchmaking.chart.over_time", lang), header, rows)


def _response_times(scope: Scope) -> Sheet:
    lang, shown = scope.lang, scope.exported()
    bins, _ = mm.response_times(scope.extra, scope.filters, scope.pair)
    rows = [[t(f"matchmaking.bin.{r.key}", lang), shown(int(r.n))] for r in bins.itertuples()]
    header = [t("matchmaking.export.response_time", lang), t("matchmaking.axis.answered", lang)]
    return Sheet(t("matchmaking.export.response_times", lang), header, rows)


def _per_participant(scope: Scope) -> Sheet:
    lang, shown = scope.lang, scope.exported("meetings")
    distribution = mm.per_participant(scope.extra, scope.filters)["distribution"]
    rows = [[int(k), shown(int(n))] for k, n in distribution.items()]
    header = [t("matchmaking.axis.meetings", lang), t("axis.participants", lang)]
    return Sheet(t("matchmaking.export.per_participant", lang), header, rows)


def workbook(
    snapshot: Snapshot,
    extra: mm.MatchmakingCubes | None,
    state: ViewState,
    role: str | None,
    now: dt.datetime,
) -> tuple[bytes, str] | None:
    """The page's aggregates as an XLSX file and its name; None without matchmaking data."""
    cubes, lang = snapshot.cubes, state.lang
    if cubes is None or extra is None or not has_matchmaking(cubes, extra):
        return None
    scope = Scope(cubes, extra, lang, state.filters, state.pair, role)
    view = matchmaking_view(snapshot, extra, state, role)
    pair = [(t("matchmaking.export.pair", lang), pair_text(state.pair, lang) or "–")]
    sheets = [
        page_export.about(cubes.event, state.filters, cubes.read_at, now, role, lang, pair),
        page_export.summary(view.request_kpis + view.meeting_kpis, lang),
        *(_acceptance(scope, d) for d in ACCEPTANCE_DIMENSIONS),
        *(_flows(scope, d) for d in FLOW_DIMENSIONS),
        _over_time(scope),
        _response_times(scope),
        _per_participant(scope),
        page_export.definitions_sheet(lang, "matchmaking.", "reading."),
    ]
    name = page_export.filename(t("nav.matchmaking", "en"), cubes.event, now)
    return page_export.workbook(sheets), name
