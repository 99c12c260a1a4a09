"""The participants page's wiring: refresh the page, download its statistics, legend clicks."""

from __future__ import annotations

import datetime as dt
from functools import partial

from dash import Dash, Input, Output, State, dcc
from dash.exceptions import PreventUpdate

from callbacks.common import drawn_version, page_state
from callbacks.guard import secure_callback
from dashboard import participants_export, participants_tables
from dashboard import state as st
from dashboard.auth import STATISTICS
from dashboard.participants import CHARTS, build
from dashboard.service import DataService
from dashboard.web import Guard
from layouts import ids
from layouts.components import breadcrumb, kpi_tiles, status_line
from layouts.participants import GRAPHS, PAGE


def register(app: Dash, service: DataService, guard: Guard) -> None:
    """Wire the participants page's callbacks on the app given."""
    callback = partial(secure_callback, app, guard, STATISTICS)

    @callback(
        Output(ids.PARTICIPANTS_STATUS, "children"),
        Output(ids.PARTICIPANTS_KPIS, "children"),
        *[Output(GRAPHS[name], "figure") for name in CHARTS],
        Output(ids.PARTICIPANTS_CRUMBS, "children"),
        Output(ids.PARTICIPANTS_RENDERED, "data"),
        Input(ids.STATE, "data"),
        Input(ids.REFRESH, "n_intervals"),
        State(ids.PARTICIPANTS_RENDERED, "data"),
    )
    def refresh_participants(stored, _tick, rendered):
        state, role = page_state(stored), guard.role()
        key = {"query": state.to_query(), "role": role}
        version = service.peek_settled(drawn_version(rendered))
        if {**key, "version": version, "stale": False} == rendered:
            raise PreventUpdate
        view = build(service, state, role)
        figures = [view.figures[name] for name in CHARTS]
        return (
            status_line(view.status),
            kpi_tiles(view.kpis, PAGE, state.lang),
            *figures,
            breadcrumb(PAGE, view.crumbs, state.lang, view.drill_hint),
            {**key, "version": service.settled(view.version), "stale": view.stale},
        )

    @callback(
        Output(ids.PARTICIPANTS_DOWNLOAD_FILE, "data"),
        Input(ids.PARTICIPANTS_DOWNLOAD, "n_clicks"),
        State(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def download_participants(clicks, stored):
        if not clicks or stored is None:
            raise PreventUpdate
        state, role = page_state(stored), guard.role()
        view = build(service, state, role)
        if view.scope is None:
            raise PreventUpdate
        now = dt.datetime.now(dt.UTC)
        content = participants_export.workbook(view, state, now)
        return dcc.send_bytes(content, participants_export.filename(view, now))

    @callback(
        Output(ids.URL, "search", allow_duplicate=True),
        Input(GRAPHS["helix"], "restyleData"),
        State(GRAPHS["helix"], "figure"),
        State(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def filter_by_helix_legend(restyle, figure, stored):
        group = participants_tables.legend_group(restyle, figure)
        if group is None or stored is None:
            raise PreventUpdate
        state = page_state(stored)
        return st.with_values(state, "org_type", participants_tables.helix_types(group)).to_query()
