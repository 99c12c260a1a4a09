"""The wall screen's wiring: its settings from the URL, the data refresh, the browser's tick.

The tick (clock, rotation, watchdog) runs in the browser, from assets/wall.js: it
needs no data, so it costs the server nothing and keeps going when the server is away.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from dash import ClientsideFunction, Dash, Input, Output, State
from dash.exceptions import PreventUpdate

from callbacks.guard import secure_callback
from dashboard import wall
from dashboard.auth import ANY_ROLE
from dashboard.service import DataService
from dashboard.settings import Settings
from dashboard.web import CALLBACK_ROLES, UPDATE_COMPONENT, Guard
from layouts import ids
from layouts import wall as wall_layout

# A role no session has: the declaration of callbacks that only the browser runs.
BROWSER_ONLY = frozenset({"browser-only"})
TICK_OUTPUTS = [
    *[(ids.wall_part("panel", name), "className") for name in wall.PANELS],
    *[(ids.wall_part("dot", name), "className") for name in wall.PANELS],
    (ids.WALL_PROGRESS_BAR, "style"),
    (ids.WALL_PROGRESS, "className"),
    (ids.WALL_CLOCK, "children"),
    (ids.WALL_SCREEN, "data"),
    (ids.WALL_OFFLINE, "children"),
]


def register(app: Dash, service: DataService, guard: Guard, settings: Settings) -> None:
    """Wire the wall's callbacks on the wall's app."""
    callback = partial(secure_callback, app, guard, ANY_ROLE)

    @callback(
        Output(ids.WALL_CONFIG, "data"),
        Output(ids.WALL_REFRESH, "interval"),
        Input(ids.WALL_URL, "search"),
    )
    def configure_wall(search):
        config = wall.parse_config(
            search, settings.refresh_seconds, settings.wall_reload_hours, settings.default_language
        )
        return config.as_store(), config.refresh_s * 1000

    @callback(
        *[Output(component, prop) for component, prop in wall_layout.refresh_outputs()],
        Input(ids.WALL_CONFIG, "data"),
        Input(ids.WALL_REFRESH, "n_intervals"),
        Input(ids.WALL_SCREEN, "data"),
        State(ids.WALL_RENDERED, "data"),
    )
    def refresh_wall(stored, _tick, screen, rendered):
        if not isinstance(stored, dict) or screen is None:
            raise PreventUpdate
        now = dt.datetime.now(dt.UTC)
        rendered = rendered if isinstance(rendered, dict) else None  # a forged store: redraw
        config = wall.WallConfig.from_store(stored)
        update = wall.refresh(service, config, wall.screen_height(screen), rendered, now)
        return wall_layout.refresh_values(update, now.isoformat(), rendered)

    _browser_callback(
        app,
        ClientsideFunction(namespace="wall", function_name="tick"),
        *[Output(component, prop) for component, prop in TICK_OUTPUTS],
        Input(ids.WALL_TICK, "n_intervals"),
        Input(ids.WALL_BEAT, "data"),
        State(ids.WALL_CONFIG, "data"),
        State(ids.WALL_RENDERED, "data"),
    )


def _browser_callback(app: Dash, function, *dependencies) -> None:
    """Register a callback that runs in the browser only; no session may run it on the server.

    Declared like every callback, with a role nobody has: the guard answers a crafted
    request for it with an empty 204 instead of letting Dash fail on it.
    """
    before = set(app.callback_map)
    app.clientside_callback(function, *dependencies)
    # The same per-app table that secure_callback fills and the guard reads.
    rule = app.config.routes_pathname_prefix + UPDATE_COMPONENT
    declared = app.server.config.setdefault(CALLBACK_ROLES, {}).setdefault(rule, {})
    for key in set(app.callback_map) - before:
        declared[key] = BROWSER_ONLY
