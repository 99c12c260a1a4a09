"""The frame's wiring: routing, the URL state, the frame's texts, the filter options.

sync_state is the one place where the state changes: the URL's query string, the filter
controls, chart clicks, filter chips, the drill chart and its breadcrumb, the comparison.
Each change writes the query string, so the browser's back and forward buttons step
through the states and a copied link reopens the view.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from dash import ALL, Dash, Input, Output, State, ctx, html, no_update
from dash.exceptions import PreventUpdate

from callbacks.guard import secure_callback
from dashboard import i18n
from dashboard import state as st
from dashboard.auth import STAFF, STATISTICS
from dashboard.options import filter_options, today_utc
from dashboard.service import DataService, DataUnavailable
from dashboard.views import choose_event
from dashboard.web import Guard
from layouts import ids, shell
from layouts.components import FILTER_CONTROLS, filter_chips, filter_label_id

DIMENSION_CONTROLS = [ids.FILTERS[d] for d in ("country", "sector", "org_type")]
CONTROLS = (ids.FILTER_EVENT, *DIMENSION_CONTROLS)


def register(
    app: Dash,
    service: DataService,
    guard: Guard,
    pages: dict[str, Callable],
    demo: bool,
    default_lang: str = "en",
) -> None:
    """Wire the frame's callbacks on the app given (links without lang= open in default_lang)."""
    callback = partial(secure_callback, app, guard, STATISTICS)

    @callback(
        Output(ids.PAGE, "children"),
        Output(ids.PAGE_KEY, "data"),
        Input(ids.URL, "pathname"),
        Input(ids.LANG, "data"),
        State(ids.PAGE_KEY, "data"),
    )
    def render_page(path, lang, rendered):
        if lang is None:
            raise PreventUpdate
        key = f"{path}|{lang}"
        if key == rendered:
            raise PreventUpdate
        page = pages.get(path) if isinstance(path, str) else None
        return (page(lang) if page else shell.not_found(lang)), key

    @callback(
        Output(ids.URL, "search"),
        Output(ids.STATE, "data"),
        Output(ids.LANG, "data"),
        Output(ids.FILTER_EVENT, "value"),
        *[Output(control, "value") for control in DIMENSION_CONTROLS],
        Output(ids.FILTER_COMPARE, "value"),
        Output(ids.FILTER_NOTICE, "children"),
        Output(ids.FILTER_EVENT, "options"),
        *[Output(control, "options") for control in DIMENSION_CONTROLS],
        Output(ids.FILTER_COMPARE, "options"),
        Input(ids.URL, "search"),
        Input(ids.FILTER_EVENT, "value"),
        *[Input(control, "value") for control in DIMENSION_CONTROLS],
        Input(ids.FILTER_COMPARE, "value"),
        Input(ids.FILTER_CLEAR, "n_clicks"),
        Input(ids.LANG_TOGGLE, "n_clicks"),
        Input({"type": ids.FILTER_CHART, "page": ALL, "dimension": ALL}, "clickData"),
        Input({"type": ids.FILTER_CHIP, "dimension": ALL, "value": ALL}, "n_clicks"),
        Input({"type": ids.DRILL_CHART, "page": ALL}, "clickData"),
        Input({"type": ids.DRILL_CRUMB, "page": ALL, "level": ALL}, "n_clicks"),
        State(ids.LANG, "data"),
    )
    def sync_state(search, event, country, sector, org_type, compare, *rest):
        lang = rest[-1]
        controls = {"event": event, "country": country, "sector": sector, "org_type": org_type}
        state = st.parse_query(search, default_lang)
        state = _next_state(state, ctx.triggered_id, ctx.triggered, controls)
        state = st.with_compare(state, compare) if ctx.triggered_id == ids.FILTER_COMPARE else state
        state = _with_event(state, service)
        query = state.to_query(default_lang)
        return (
            query if query != (search or "") else no_update,
            state.as_store(default_lang),
            state.lang if state.lang != lang else no_update,
            state.event,
            *[list(getattr(state.filters, d)) for d in ("country", "sector", "org_type")],
            state.compare,
            _notice(state),
            *_options(service, state),
        )

    @callback(
        Output(ids.NAV_COLLAPSE, "is_open"),
        Input(ids.NAV_TOGGLER, "n_clicks"),
        State(ids.NAV_COLLAPSE, "is_open"),
        prevent_initial_call=True,
    )
    def toggle_navbar(clicks, is_open):
        return not is_open if clicks else is_open

    @callback(
        Output(ids.FILTER_CHIPS, "children"),
        Input(ids.STATE, "data"),
    )
    def show_chips(stored):
        state = st.parse_query(stored.get("query") if isinstance(stored, dict) else None)
        return filter_chips(state.filters, state.lang)

    @callback(
        Output(ids.BRAND, "children"),
        Output(ids.NAV, "children"),
        Output(ids.LANG_TOGGLE, "children"),
        Output(ids.LOGOUT, "children"),
        Output(ids.FILTER_CLEAR, "children"),
        *[Output(filter_label_id(name), "children") for name, _ in FILTER_CONTROLS],
        *[Output(control, "placeholder") for control in DIMENSION_CONTROLS],
        Output(ids.FILTER_COMPARE, "placeholder"),
        Input(ids.STATE, "data"),
        State(ids.URL, "pathname"),
    )
    def translate_frame(stored, path):
        stored = stored if isinstance(stored, dict) else {}
        lang = i18n.language(stored.get("lang"))
        query = stored.get("query") or ""
        return (
            shell.brand(lang, demo),
            shell.nav_links(lang, path or "/", query, guard.role() == STAFF),
            i18n.t("nav.language", lang),
            i18n.t("nav.logout", lang, user=guard.user() or ""),
            i18n.t("filter.clear", lang),
            *[i18n.t(f"filter.{name}", lang) for name, _ in FILTER_CONTROLS],
            *[i18n.t("filter.all", lang)] * len(DIMENSION_CONTROLS),
            i18n.t("filter.compare.none", lang),
        )


def _next_state(
    state: st.ViewState, trigger: object, triggered: list[dict], controls: dict[str, object]
) -> st.ViewState:
    """The state after what the user did (nothing: the URL's own state)."""
    if trigger == ids.FILTER_CLEAR:
        return st.cleared(state)
    if trigger == ids.LANG_TOGGLE:
        return st.switched_language(state)
    if isinstance(trigger, dict):
        return _after_pattern(state, trigger, triggered)
    if trigger in CONTROLS and not _unset(*controls.values()):
        return st.after_controls(state, controls["event"], controls)
    return state


def _after_pattern(state: st.ViewState, trigger: dict, triggered: list[dict]) -> st.ViewState:
    value = triggered[0].get("value") if triggered else None
    if not value:
        # A chart, chip or crumb was drawn, not clicked: nothing changed.
        raise PreventUpdate
    kind = trigger.get("type")
    if kind == ids.FILTER_CHART:
        return st.after_click(state, trigger["dimension"], _clicked_value(triggered))
    if kind == ids.FILTER_CHIP:
        return st.without_filter(state, trigger["dimension"], trigger["value"])
    if kind == ids.DRILL_CHART:
        return st.after_drill(state, _clicked_value(triggered))
    if kind == ids.DRILL_CRUMB:
        return st.drilled_to(state, trigger["level"])
    return state


def _notice(state: st.ViewState) -> html.Div | None:
    if not state.ignored:
        return None
    text = i18n.t("filter.ignored", state.lang, items=", ".join(state.ignored))
    return html.Div(text, className="alert alert-warning py-1 px-2 mt-2 mb-0 small", role="status")


def _options(service: DataService, state: st.ViewState) -> list:
    # Options travel with the values: a dropdown drops a value that is not among its options.
    try:
        options = filter_options(service, state)
    except DataUnavailable:
        return [no_update] * 5
    compare = [o for o in options["event"] if o["value"] != state.event]
    return [*[options[name] for name in ("event", "country", "sector", "org_type")], compare]


def _unset(*values: object) -> bool:
    # Controls hold None only before the first sync: then the URL decides, not the controls.
    return all(value is None for value in values)


def _clicked_value(triggered: list[dict]) -> object:
    value = triggered[0].get("value") if triggered else None
    points = (value or {}).get("points") if isinstance(value, dict) else None
    point = points[0] if isinstance(points, list) and points else None
    if not isinstance(point, dict):
        return None
    if "customdata" in point:
        return point["customdata"]
    # Dash leaves a heatmap's customdata out of its clicks: its axes hold the values.
    return [point["y"], point["x"]] if "x" in point and "y" in point else None


def _with_event(state: st.ViewState, service: DataService) -> st.ViewState:
    """Name the event in the state: the one asked for if it exists, else today's."""
    try:
        events = service.events()
    except DataUnavailable:
        return state
    chosen = choose_event(state, events, today_utc())
    if chosen is None:
        return state
    ignored = state.ignored
    if state.event is not None and chosen.id != state.event:
        ignored = (*ignored, f"event={state.event}")
    state = st.replace_event(state, chosen.id, ignored)
    known = {e.id for e in events} - {chosen.id}
    if state.compare is not None and state.compare not in known:
        state = st.replace_event(
            st.with_compare(state, None), chosen.id, (*ignored, f"compare={state.compare}")
        )
    return state
