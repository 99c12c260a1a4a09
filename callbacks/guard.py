"""Callbacks that check the session's role on the server before doing any work.

Any browser can POST to /_dash-update-component with any inputs, so hiding a page
protects nothing: each callback declares the roles it serves, and a request from
any other role gets an empty answer (204, no data) and a log line.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from dash import Dash
from dash.exceptions import PreventUpdate

from dashboard.web import Guard

log = logging.getLogger(__name__)

ROLES_KEY = "CALLBACK_ROLES"


def secure_callback(app: Dash, guard: Guard, roles: frozenset[str], *dependencies, **kwargs):
    """Like app.callback, but the callback runs only for a session of one of the roles."""

    def register(func: Callable) -> Callable:
        @functools.wraps(func)
        def checked(*args, **inner_kwargs):
            role = guard.role()
            if role not in roles:
                log.warning("callback %s refused for role %s", func.__name__, role or "none")
                raise PreventUpdate
            return func(*args, **inner_kwargs)

        before = set(app.callback_map)
        app.callback(*dependencies, **kwargs)(checked)
        declared = app.server.config.setdefault(ROLES_KEY, {})
        for key in set(app.callback_map) - before:
            declared[key] = roles
        return func

    return register


def declared_roles(app: Dash) -> dict[str, frozenset[str]]:
    """The roles each registered callback declared, by its output key."""
    return dict(app.server.config.get(ROLES_KEY, {}))
