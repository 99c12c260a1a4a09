"""The workshops page's wiring: tiles and the fill chart, a chosen workshop's bookers."""

from __future__ import annotations

import datetime as dt

from dash import Dash, Input, Output, State, dcc
from dash.exceptions import PreventUpdate

from callbacks.common import drawn_version, page_state
from callbacks.guard import secure_callback
from dashboard import workshops_export
from dashboard.auth import STAFF, STAFF_ONLY, STATISTICS
from dashboard.i18n import t
from dashboard.service import DataService, DataUnavailable
from dashboard.web import Guard
from dashboard.workshops_staff import booked_by
from dashboard.workshops_view import (
    BOOKER_DIMENSIONS,
    bookers_figures,
    bookers_placeholder,
    detail_title,
    workshops_view,
)
from layouts import ids
from layouts.components import kpi_tiles, status_line
from layouts.page_parts import notice_line, problems_block
from layouts.workshops import PAGE, people_table


def workshop_id(value: object) -> int | None:
    """The chosen workshop's id from the store, or None for anything no database id can be."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**63:
        return value
    return None


def register(app: Dash, service: DataService, guard: Guard) -> None:
    """Wire the workshops page's callbacks on the app given."""

    @secure_callback(
        app,
        guard,
        STATISTICS,
        Output(ids.WORKSHOPS_STATUS, "children"),
        Output(ids.WORKSHOPS_NOTICE, "children"),
        Output(ids.WORKSHOPS_KPIS, "children"),
        Output(ids.WORKSHOPS_FILL, "figure"),
        Output(ids.WORKSHOPS_PROBLEMS, "children"),
        Output(ids.WORKSHOPS_RENDERED, "data"),
        Input(ids.STATE, "data"),
        Input(ids.REFRESH, "n_intervals"),
        Input(ids.WORKSHOPS_GROUP, "value"),
        State(ids.WORKSHOPS_RENDERED, "data"),
    )
    def refresh_workshops(stored, _tick, grouping, rendered):
        state, role = page_state(stored), guard.role()
        now = dt.datetime.now(dt.UTC)
        # Attendance counts the workshops begun, so the time matters too (to ten minutes).
        key = {
            "query": state.to_query(),
            "group": grouping,
            "role": role,
            "version": service.peek_settled(drawn_version(rendered)),
            "time": now.strftime("%Y%m%d%H%M")[:-1],
        }
        if key == rendered:
            raise PreventUpdate
        snapshot = service.snapshot(state.event)
        view = workshops_view(snapshot, service, state.lang, state.filters, grouping, role, now)
        problems = problems_block(PAGE, view.problems, state.lang) if view.kpis else None
        return (
            status_line(view.status),
            notice_line(view.notice),
            kpi_tiles(view.kpis, PAGE, state.lang),
            view.fill,
            problems,
            {**key, "version": service.settled(snapshot.version)},
        )

    @secure_callback(
        app,
        guard,
        STATISTICS,
        Output(ids.WORKSHOPS_DOWNLOAD_FILE, "data"),
        Input(ids.WORKSHOPS_DOWNLOAD, "n_clicks"),
        State(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def download_workshops(clicks, stored):
        if not clicks:
            raise PreventUpdate
        state, role = page_state(stored), guard.role()
        now = dt.datetime.now(dt.UTC)
        made = workshops_export.workbook(service.snapshot(state.event), service, state, role, now)
        if made is None:
            raise PreventUpdate
        return dcc.send_bytes(made[0], made[1])

    @secure_callback(
        app,
        guard,
        STATISTICS,
        Output(ids.WORKSHOPS_SELECTED, "data"),
        Input(ids.WORKSHOPS_FILL, "clickData"),
        prevent_initial_call=True,
    )
    def choose_workshop(click):
        points = click.get("points") if isinstance(click, dict) else None
        point = points[0] if isinstance(points, list) and points else None
        chosen = workshop_id(point.get("customdata") if isinstance(point, dict) else None)
        if chosen is None:
            raise PreventUpdate
        return chosen

    @secure_callback(
        app,
        guard,
        STATISTICS,
        Output(ids.WORKSHOPS_DETAIL_TITLE, "children"),
        Output(ids.WORKSHOPS_DETAIL_SMALL, "children"),
        *[Output(ids.filter_chart(PAGE, d), "figure") for d in BOOKER_DIMENSIONS],
        Input(ids.WORKSHOPS_SELECTED, "data"),
        Input(ids.WORKSHOPS_RENDERED, "data"),
        State(ids.STATE, "data"),
    )
    def show_bookers(chosen, _rendered, stored):
        state, role, chosen = page_state(stored), guard.role(), workshop_id(chosen)
        cubes = service.snapshot(state.event).cubes
        title = detail_title(cubes, chosen, state.lang) if cubes and chosen else None
        if title is None:
            charts, small = bookers_placeholder(state.lang), None
        else:
            charts = bookers_figures(cubes, state.filters, chosen, state.lang, role)
            small = None if role == STAFF else t("workshops.detail.small", state.lang)
        return title, small, *[charts[d] for d in BOOKER_DIMENSIONS]

    @secure_callback(
        app,
        guard,
        STAFF_ONLY,
        Output(ids.WORKSHOPS_PEOPLE, "children"),
        Input(ids.WORKSHOPS_SELECTED, "data"),
        Input(ids.WORKSHOPS_RENDERED, "data"),
        State(ids.STATE, "data"),
    )
    def list_bookers(chosen, _rendered, stored):
        state, chosen = page_state(stored), workshop_id(chosen)
        snapshot = service.snapshot(state.event)
        if snapshot.cubes is None or snapshot.version is None or chosen is None:
            return None
        try:
            rows = booked_by(service, snapshot.version, snapshot.cubes.event, chosen, state.filters)
        except DataUnavailable:
            return None
        return people_table(rows, state.lang)
