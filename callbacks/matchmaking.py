"""The matchmaking page's wiring: the figures, the meeting rounds, the pair, the staff list.

Each refresh compares what it would draw from ({query, version, role, ...}) with what it
drew last, kept in a dcc.Store, so the live timer costs nothing while nothing changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from dash import Dash, Input, Output, State, ctx, dcc, no_update
from dash.exceptions import PreventUpdate

from callbacks.common import drawn_version, page_state
from callbacks.guard import secure_callback
from dashboard import matchmaking_export
from dashboard import state as st
from dashboard.auth import STAFF, STAFF_ONLY, STATISTICS
from dashboard.i18n import t
from dashboard.matchmaking_staff import LIST_LIMIT, unmatched_people
from dashboard.matchmaking_view import (
    ACCEPTANCE_DIMENSIONS,
    FLOW_DIMENSIONS,
    MatchmakingView,
    extra_cubes,
    matchmaking_view,
)
from dashboard.rounds_view import board_of, redraw_key, rounds_view, staff_names, still_right
from dashboard.service import DataService, DataUnavailable
from dashboard.web import Guard
from layouts import ids
from layouts.components import kpi_tiles, status_line
from layouts.matchmaking import PAGE, PAIR_CLASS, people_table
from layouts.page_parts import notice_line, problems_block

CHART_OUTPUTS = (
    *[(f"acceptance_{d}", ids.filter_chart(PAGE, d)) for d in ACCEPTANCE_DIMENSIONS],
    *[(f"flows_{d}", ids.MATCHMAKING_FLOWS[d]) for d in FLOW_DIMENSIONS],
    ("funnel", ids.MATCHMAKING_FUNNEL),
    ("over_time", ids.MATCHMAKING_OVER_TIME),
    ("response_times", ids.MATCHMAKING_RESPONSE_TIMES),
    ("per_participant", ids.MATCHMAKING_PER_PARTICIPANT),
)


PAGE_OUTPUTS = (
    Output(ids.MATCHMAKING_STATUS, "children"),
    Output(ids.MATCHMAKING_NOTICE, "className"),
    Output(ids.MATCHMAKING_PAIR, "children"),
    Output(ids.MATCHMAKING_REQUEST_KPIS, "children"),
    Output(ids.MATCHMAKING_MEETING_KPIS, "children"),
    *[Output(graph, "figure") for _, graph in CHART_OUTPUTS],
    Output(ids.MATCHMAKING_FLOWS_NOTE, "children"),
    Output(ids.MATCHMAKING_PROBLEMS, "children"),
)
ROUNDS_OUTPUTS = (
    Output(ids.MATCHMAKING_ROUNDS, "figure"),
    Output(ids.MATCHMAKING_ROUNDS_SUMMARY, "children"),
    Output(ids.MATCHMAKING_ROUNDS_NOTE, "children"),
)


def _page(view: MatchmakingView, lang: str, role: str | None) -> list:
    """The page's outputs but the rounds, in the order of PAGE_OUTPUTS."""
    note = t("matchmaking.note.flows", lang)
    if role != STAFF:
        note += " " + t("matchmaking.note.flows_official", lang)
    return [
        [status_line(view.status), notice_line(view.notice)],
        PAIR_CLASS if view.pair else "d-none",
        view.pair,
        kpi_tiles(view.request_kpis, PAGE, lang),
        kpi_tiles(view.meeting_kpis, PAGE, lang),
        *[view.charts[name] for name, _ in CHART_OUTPUTS],
        note,
        problems_block(PAGE, view.problems, lang) if view.request_kpis else None,
    ]


def _rounds(service, snapshot, extra, state, role, now) -> tuple[list, dict]:
    """The rounds card's outputs and what they were drawn from; names only for staff."""
    event = snapshot.cubes.event if snapshot.cubes is not None else None
    board = board_of(extra, event, now) if event is not None else None
    names = None
    if role == STAFF and board is not None and snapshot.version:
        names = staff_names(service, snapshot.version, extra, event, board)
    view = rounds_view(board, event, state.lang, now, names)
    data = [state.event, state.lang, service.settled(snapshot.version), role]
    return [view.figure, view.summary, view.note], redraw_key(board, event, data, now)


def register(app: Dash, service: DataService, guard: Guard) -> None:
    """Wire the matchmaking page's callbacks on the app given."""

    # One callback for the figures and the rounds: both read the same snapshot, once a tick.
    @secure_callback(
        app,
        guard,
        STATISTICS,
        *PAGE_OUTPUTS,
        Output(ids.MATCHMAKING_RENDERED, "data"),
        *ROUNDS_OUTPUTS,
        Output(ids.MATCHMAKING_ROUNDS_RENDERED, "data"),
        Input(ids.STATE, "data"),
        Input(ids.REFRESH, "n_intervals"),
        State(ids.MATCHMAKING_RENDERED, "data"),
        State(ids.MATCHMAKING_ROUNDS_RENDERED, "data"),
    )
    def refresh_matchmaking(stored, _tick, rendered, rounds_rendered):
        state, role, now = page_state(stored), guard.role(), dt.datetime.now(dt.UTC)
        query = state.to_query()
        version = service.peek_settled(drawn_version(rendered))
        page_same = {"query": query, "version": version, "role": role, "stale": False} == rendered
        drawn = rounds_rendered.get("data") if isinstance(rounds_rendered, dict) else None
        drawn = drawn[2] if isinstance(drawn, list) and len(drawn) > 2 else None
        rounds_version = service.peek_settled(drawn)
        rounds_data = [state.event, state.lang, rounds_version, role]
        rounds_same = still_right(rounds_rendered, rounds_data, now)
        if page_same and rounds_same:
            raise PreventUpdate
        snapshot = service.snapshot(state.event)
        extra = extra_cubes(service, snapshot, state.pair)
        page, page_key = [no_update] * len(PAGE_OUTPUTS), no_update
        if not page_same:
            page = _page(matchmaking_view(snapshot, extra, state, role), state.lang, role)
            page_key = {
                "query": query,
                "version": service.settled(snapshot.version),
                "role": role,
                "stale": snapshot.stale,
            }
        rounds, rounds_key = [no_update] * len(ROUNDS_OUTPUTS), no_update
        if not rounds_same:
            rounds, rounds_key = _rounds(service, snapshot, extra, state, role, now)
        return *page, page_key, *rounds, rounds_key

    @secure_callback(
        app,
        guard,
        STATISTICS,
        Output(ids.URL, "search", allow_duplicate=True),
        *[Input(ids.MATCHMAKING_FLOWS[d], "clickData") for d in FLOW_DIMENSIONS],
        Input(ids.MATCHMAKING_PAIR_CLEAR, "n_clicks"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def choose_pair(_country, _sector, _clear, search):
        state = st.parse_query(search)
        trigger = ctx.triggered_id
        if trigger == ids.MATCHMAKING_PAIR_CLEAR:
            new = replace(state, pair=None, ignored=())
        else:
            dimension = next(d for d in FLOW_DIMENSIONS if ids.MATCHMAKING_FLOWS[d] == trigger)
            cell = _clicked_cell(ctx.triggered)
            if cell is None:
                raise PreventUpdate
            new = st.after_pair_click(state, dimension, cell)
        query = new.to_query()
        return query if query != (search or "") else no_update

    @secure_callback(
        app,
        guard,
        STATISTICS,
        Output(ids.MATCHMAKING_DOWNLOAD_FILE, "data"),
        Input(ids.MATCHMAKING_DOWNLOAD, "n_clicks"),
        State(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def download_matchmaking(clicks, stored):
        if not clicks:
            raise PreventUpdate
        state, role = page_state(stored), guard.role()
        snapshot = service.snapshot(state.event)
        now = dt.datetime.now(dt.UTC)
        made = matchmaking_export.workbook(
            snapshot, extra_cubes(service, snapshot, state.pair), state, role, now
        )
        if made is None:
            raise PreventUpdate
        return dcc.send_bytes(made[0], made[1])

    @secure_callback(
        app,
        guard,
        STAFF_ONLY,
        Output(ids.MATCHMAKING_UNMATCHED, "children"),
        Input(ids.MATCHMAKING_RENDERED, "data"),
        State(ids.STATE, "data"),
    )
    def list_unmatched(rendered, stored):
        state = page_state(stored)
        snapshot = service.snapshot(state.event)
        if snapshot.cubes is None or not rendered or snapshot.version is None:
            return None
        try:
            total, rows = unmatched_people(
                service, snapshot.version, snapshot.cubes.event, state.filters, LIST_LIMIT
            )
        except DataUnavailable:
            return None
        return people_table(total, rows, state.lang, LIST_LIMIT)


def _clicked_cell(triggered: list[dict]) -> list | None:
    """[requester value, recipient value] of a clicked matrix cell (its y and x)."""
    value = triggered[0].get("value") if triggered else None
    points = (value or {}).get("points") if isinstance(value, dict) else None
    point = points[0] if isinstance(points, list) and points else None
    return [point.get("y"), point.get("x")] if isinstance(point, dict) else None
