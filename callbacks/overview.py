"""The overview page's wiring: one callback that refreshes tiles and charts."""

from __future__ import annotations

import datetime as dt

from dash import Dash, Input, Output, State
from dash.exceptions import PreventUpdate

from callbacks.common import drawn_version, page_state
from callbacks.guard import secure_callback
from dashboard.auth import STATISTICS
from dashboard.overview import CHART_DIMENSIONS, overview
from dashboard.service import DataService
from dashboard.web import Guard
from layouts import ids
from layouts.components import kpi_tiles, status_line

CHARTS = (*CHART_DIMENSIONS, "registrations")


def register(app: Dash, service: DataService, guard: Guard) -> None:
    """Wire the overview's callbacks on the app given."""

    @secure_callback(
        app,
        guard,
        STATISTICS,
        Output(ids.OVERVIEW_STATUS, "children"),
        Output(ids.OVERVIEW_KPIS, "children"),
        *[Output(ids.filter_chart("overview", d), "figure") for d in CHART_DIMENSIONS],
        Output(ids.OVERVIEW_REGISTRATIONS, "figure"),
        Output(ids.OVERVIEW_RENDERED, "data"),
        Input(ids.STATE, "data"),
        Input(ids.REFRESH, "n_intervals"),
        State(ids.OVERVIEW_RENDERED, "data"),
    )
    def refresh_overview(stored, _tick, rendered):
        state = page_state(stored)
        version = service.peek_settled(drawn_version(rendered))
        unchanged = {"query": state.to_query(), "version": version, "stale": False}
        if unchanged == rendered:
            raise PreventUpdate
        snapshot = service.snapshot(state.event)
        view = overview(snapshot, state, dt.datetime.now(dt.UTC))
        version = service.settled(snapshot.version)
        key = {"query": state.to_query(), "version": version, "stale": snapshot.stale}
        charts = [view.charts[name] for name in CHARTS]
        return status_line(view.status), kpi_tiles(view.kpis, "overview", state.lang), *charts, key
