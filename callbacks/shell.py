"""The frame's wiring: routing, the URL state, the frame's texts, the filter options."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from dash import ALL, Dash, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from callbacks.guard import secure_callback
from dashboard import i18n
from dashboard import state as st
from dashboard.auth import STATISTICS
from dashboard.options import filter_options, today_utc
from dashboard.service import DataService, DataUnavailable
from dashboard.views import choose_event
from dashboard.web import Guard
from layouts import ids, shell
from layouts.components import FILTER_CONTROLS, filter_label_id

DIMENSION_CONTROLS = [ids.FILTERS[d] for d in ("country", "sector", "org_type")]


def register(
    app: Dash, service: DataService, guard: Guard, pages: dict[str, Callable], demo: bool
) -> None:
    """Wire the frame's callbacks on the app given."""
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
        page = pages.get(path)
        return (page(lang) if page else shell.not_found(lang)), key

    @callback(
        Output(ids.URL, "search"),
        Output(ids.STATE, "data"),
        Output(ids.LANG, "data"),
        Output(ids.FILTER_EVENT, "value"),
        *[Output(control, "value") for control in DIMENSION_CONTROLS],
        Output(ids.FILTER_NOTICE, "children"),
        Output(ids.FILTER_EVENT, "options"),
        *[Output(control, "options") for control in DIMENSION_CONTROLS],
        Input(ids.URL, "search"),
        Input(ids.FILTER_EVENT, "value"),
        *[Input(control, "value") for control in DIMENSION_CONTROLS],
        Input(ids.FILTER_CLEAR, "n_clicks"),
        Input(ids.LANG_TOGGLE, "n_clicks"),
        Input({"type": ids.FILTER_CHART, "page": ALL, "dimension": ALL}, "clickData"),
        State(ids.LANG, "data"),
    )
    def sync_state(search, event, country, sector, org_type, _clear, _toggle, _clicks, lang):
        state = st.parse_query(search)
        trigger = ctx.triggered_id
        if trigger == ids.FILTER_CLEAR:
            state = st.cleared(state)
        elif trigger == ids.LANG_TOGGLE:
            state = st.switched_language(state)
        elif isinstance(trigger, dict):
            state = st.after_click(state, trigger["dimension"], _clicked_value(ctx.triggered))
        elif trigger in (ids.FILTER_EVENT, *DIMENSION_CONTROLS) and not _unset(
            event, country, sector, org_type
        ):
            selections = {"country": country, "sector": sector, "org_type": org_type}
            state = st.after_controls(state, event, selections)
        state = _with_event(state, service)
        query = state.to_query()
        notice = i18n.t("filter.ignored", state.lang, items=", ".join(state.ignored))
        return (
            query if query != (search or "") else no_update,
            state.as_store(),
            state.lang if state.lang != lang else no_update,
            state.event,
            *[list(getattr(state.filters, d)) for d in ("country", "sector", "org_type")],
            notice if state.ignored else None,
            *_options(service, state),
        )

    @callback(
        Output(ids.BRAND, "children"),
        Output(ids.NAV, "children"),
        Output(ids.LANG_TOGGLE, "children"),
        Output(ids.FILTER_CLEAR, "children"),
        *[Output(filter_label_id(name), "children") for name, _ in FILTER_CONTROLS],
        *[Output(control, "placeholder") for control in DIMENSION_CONTROLS],
        Input(ids.STATE, "data"),
        State(ids.URL, "pathname"),
    )
    def translate_frame(stored, path):
        lang = i18n.language((stored or {}).get("lang"))
        query = (stored or {}).get("query") or ""
        return (
            shell.brand(lang, demo),
            shell.nav_links(lang, path or "/", query),
            i18n.t("nav.language", lang),
            i18n.t("filter.clear", lang),
            *[i18n.t(f"filter.{name}", lang) for name, _ in FILTER_CONTROLS],
            *[i18n.t("filter.all", lang)] * len(DIMENSION_CONTROLS),
        )


def _options(service: DataService, state: st.ViewState) -> list:
    # Options travel with the values: a dropdown drops a value that is not among its options.
    try:
        options = filter_options(service, state)
    except DataUnavailable:
        return [no_update] * 4
    return [options[name] for name in ("event", "country", "sector", "org_type")]


def _unset(*values: object) -> bool:
    # Controls hold None only before the first sync: then the URL decides, not the controls.
    return all(value is None for value in values)


def _clicked_value(triggered: list[dict]) -> object:
    value = triggered[0].get("value") if triggered else None
    points = (value or {}).get("points") if isinstance(value, dict) else None
    point = points[0] if isinstance(points, list) and points else None
    return point.get("customdata") if isinstance(point, dict) else None


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
    return st.replace_event(state, chosen.id, ignored)
