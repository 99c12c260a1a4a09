"""The staff tables' wiring: tabs, blocks of rows for the grids, counts, links, data quality.

Every callback here serves staff only: for any other session the server answers
nothing (secure_callback), whatever the browser sends.
"""

from __future__ import annotations

from collections.abc import Callable

from dash import ALL, MATCH, ClientsideFunction, Dash, Input, Output, State, ctx, html, no_update
from dash.exceptions import PreventUpdate

from callbacks.guard import secure_callback
from dashboard import downloads, i18n, table_quality
from dashboard import state as st
from dashboard import tables as tb
from dashboard.auth import STAFF, STAFF_ONLY
from dashboard.service import DataUnavailable
from dashboard.table_service import TableRequest, TableService
from dashboard.web import CALLBACK_ROLES, UPDATE_COMPONENT, Guard
from layouts import ids
from layouts import tables as layout

BROWSER_ONLY = frozenset({"browser-only"})
HIDDEN, SHOWN = {"display": "none"}, {}


def page(guard: Guard) -> Callable[[str], object]:
    """The page for the shell: the tables for staff, a sentence for anybody else."""
    return lambda lang="en": layout.layout(lang) if guard.role() == STAFF else layout.refused(lang)


def _state(stored: object) -> st.ViewState:
    return st.parse_query((stored or {}).get("query") if isinstance(stored, dict) else None)


def _problem_for(table: str, stored: object) -> str | None:
    if isinstance(stored, dict) and stored.get("table") == table:
        return stored.get("key")
    return None


def _request(table: str, grid_request: dict, stored, search, problem) -> TableRequest:
    return TableRequest(
        table,
        _state(stored),
        grid_request.get("filterModel"),
        grid_request.get("sortModel"),
        search or None,
        _problem_for(table, problem),
    )


def _block(tables: TableService, request: TableRequest, start: int, stop: int) -> tuple:
    """Rows for the grid, the message, and the two download links (None: refused)."""
    lang = request.state.lang
    try:
        prepared = tables.prepare(request)
        rows = tables.rows(prepared, start, stop)
    except tb.ModelError as exc:
        return [], i18n.t("tables.refused", lang, reason=str(exc)), None
    except DataUnavailable as exc:
        return [], i18n.t("tables.unavailable", lang, reason=str(exc)), None
    grid = {"filter": request.filter_model, "sort": request.sort_model}
    links = tuple(
        downloads.url(request.table, fmt, request.state, grid, request.search, request.problem)
        for fmt in ("csv", "xlsx")
    )
    return rows, None, links


def _count_text(tables: TableService, request: TableRequest) -> str:
    lang = request.state.lang
    try:
        prepared = tables.prepare(request)
        n, total = tables.counts(prepared)
    except (tb.ModelError, DataUnavailable):
        return ""
    zone = i18n.t("tables.times", lang, zone=str(prepared.context.zone))
    count = i18n.t("tables.count", lang, n=i18n.fmt_int(n, lang), total=i18n.fmt_int(total, lang))
    return f"{count} · {zone}"


def register(app: Dash, tables: TableService, guard: Guard) -> None:
    """Wire the tables page's callbacks on the app given."""
    _register_tabs(app, tables, guard)
    _register_grids(app, tables, guard)
    _register_quality(app, tables, guard)
    _browser_callback(
        app,
        ClientsideFunction(namespace="tables", function_name="purge"),
        Output(ids.TABLES_PURGED, "data"),
        Input(ids.STATE, "data"),
        Input(ids.TABLES_SEARCH, "value"),
        Input(ids.TABLES_PROBLEM, "data"),
        Input(ids.TABLES_VERSION, "data"),
        State(ids.TABLES_TABS, "active_tab"),
    )


def _register_tabs(app: Dash, tables: TableService, guard: Guard) -> None:
    @secure_callback(
        app,
        guard,
        STAFF_ONLY,
        Output(ids.TABLES_PANEL, "children"),
        Output(ids.TABLES_TOOLBAR, "style"),
        Output(ids.TABLES_QUALITY, "style"),
        Input(ids.TABLES_TABS, "active_tab"),
        State(ids.STATE, "data"),
    )
    def show_tab(tab, stored):
        lang = _state(stored).lang
        if tab not in tb.TABLES:
            return [], HIDDEN, SHOWN
        return layout.panel(tab, lang), SHOWN, HIDDEN

    @secure_callback(
        app,
        guard,
        STAFF_ONLY,
        Output(ids.TABLES_PROBLEM_BAR, "is_open"),
        Output(ids.TABLES_PROBLEM_TEXT, "children"),
        Input(ids.TABLES_PROBLEM, "data"),
        Input(ids.TABLES_TABS, "active_tab"),
        State(ids.STATE, "data"),
    )
    def show_problem(problem, tab, stored):
        key = _problem_for(tab, problem)
        if key is None:
            return False, None
        lang = _state(stored).lang
        text = i18n.t("tables.problem.showing", lang, problem=i18n.t(f"tables.problem.{key}", lang))
        return True, text

    @secure_callback(
        app,
        guard,
        STAFF_ONLY,
        Output(ids.TABLES_PROBLEM, "data"),
        Output(ids.TABLES_TABS, "active_tab"),
        Input({"type": ids.TABLES_QUALITY_OPEN, "problem": ALL}, "n_clicks"),
        Input(ids.TABLES_PROBLEM_CLEAR, "n_clicks"),
        prevent_initial_call=True,
    )
    def open_problem(_opened, _cleared):
        trigger = ctx.triggered_id
        if trigger == ids.TABLES_PROBLEM_CLEAR:
            return None, no_update
        if not isinstance(trigger, dict) or not ctx.triggered or not ctx.triggered[0]["value"]:
            raise PreventUpdate
        found = _quality_problem(trigger.get("problem"))
        return {"table": found.table, "key": found.key}, found.table


def _quality_problem(key: object) -> table_quality.QualityProblem:
    """The data-quality problem a button names (PreventUpdate for anything else)."""
    try:
        return table_quality.problem(key)
    except tb.ModelError:
        raise PreventUpdate from None


def _register_grids(app: Dash, tables: TableService, guard: Guard) -> None:
    part = {"table": MATCH}

    @secure_callback(
        app,
        guard,
        STAFF_ONLY,
        Output({"type": ids.TABLES_GRID, **part}, "getRowsResponse"),
        Output({"type": ids.TABLES_MESSAGE, **part}, "children"),
        Output({"type": ids.TABLES_CSV, **part}, "href"),
        Output({"type": ids.TABLES_XLSX, **part}, "href"),
        Input({"type": ids.TABLES_GRID, **part}, "getRowsRequest"),
        State(ids.STATE, "data"),
        State(ids.TABLES_SEARCH, "value"),
        State(ids.TABLES_PROBLEM, "data"),
    )
    def fetch_rows(grid_request, stored, search, problem):
        if not isinstance(grid_request, dict):
            raise PreventUpdate
        table = ctx.outputs_list[0]["id"]["table"]
        start, stop = _bounds(grid_request)
        request = _request(table, grid_request, stored, search, problem)
        rows, message, links = _block(tables, request, start, stop)
        response = {"rowData": rows}
        if len(rows) < stop - start or links is None:
            response["rowCount"] = start + len(rows)
        if links is None:
            return response, _message(message), None, None
        first = start == 0
        return response, None, *(link if first else no_update for link in links)

    @secure_callback(
        app,
        guard,
        STAFF_ONLY,
        Output({"type": ids.TABLES_COUNT, **part}, "children"),
        Input({"type": ids.TABLES_GRID, **part}, "getRowsRequest"),
        State(ids.STATE, "data"),
        State(ids.TABLES_SEARCH, "value"),
        State(ids.TABLES_PROBLEM, "data"),
    )
    def count_rows(grid_request, stored, search, problem):
        if not isinstance(grid_request, dict) or _bounds(grid_request)[0] != 0:
            raise PreventUpdate
        table = ctx.outputs_list["id"]["table"]
        return _count_text(tables, _request(table, grid_request, stored, search, problem))


def _bounds(grid_request: dict) -> tuple[int, int]:
    start, stop = grid_request.get("startRow"), grid_request.get("endRow")
    if not isinstance(start, int) or not isinstance(stop, int) or not 0 <= start < stop:
        raise PreventUpdate
    return start, min(stop, start + 500)  # never more than a few blocks at once


def _message(text: str | None) -> html.Div:
    return html.Div(text, className="alert alert-warning py-1 px-2 small", role="status")


def _register_quality(app: Dash, tables: TableService, guard: Guard) -> None:
    @secure_callback(
        app,
        guard,
        STAFF_ONLY,
        Output(ids.TABLES_QUALITY, "children"),
        Input(ids.TABLES_TABS, "active_tab"),
        Input(ids.STATE, "data"),
        Input(ids.TABLES_VERSION, "data"),
    )
    def show_quality(tab, stored, _version):
        if tab != "quality":
            raise PreventUpdate
        state = _state(stored)
        try:
            counts = tables.quality_counts(state)
        except (DataUnavailable, tb.ModelError) as exc:
            return _message(i18n.t("tables.unavailable", state.lang, reason=str(exc)))
        return layout.quality(counts, state.lang)

    @secure_callback(
        app,
        guard,
        STAFF_ONLY,
        Output(ids.TABLES_VERSION, "data"),
        Input(ids.REFRESH, "n_intervals"),
        State(ids.TABLES_VERSION, "data"),
    )
    def watch_version(_tick, known):
        version = tables.service.peek_version()
        if version is None or version == known:
            raise PreventUpdate
        tables.warm(version)
        return version


def _browser_callback(app: Dash, function, *dependencies) -> None:
    """A callback the browser runs; no session may run it on the server (cf. callbacks/wall)."""
    before = set(app.callback_map)
    app.clientside_callback(function, *dependencies)
    rule = app.config.routes_pathname_prefix + UPDATE_COMPONENT
    declared = app.server.config.setdefault(CALLBACK_ROLES, {}).setdefault(rule, {})
    for key in set(app.callback_map) - before:
        declared[key] = BROWSER_ONLY
