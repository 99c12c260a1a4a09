"""Callbacks that check the session's role on the server before doing any work.

Any browser can POST to /_dash-update-component with any inputs, so hiding a page
protects nothing: each callback declares the roles it serves, and a request from
any other role gets an empty answer (204, no data) and a log line. The guard
(dashboard/web.py) checks the same declaration before Dash looks at the request,
and refuses a callback that declares none.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from dash import Dash
from dash.exceptions import PreventUpdate

from dashboard.web import CALLBACK_ROLES, UPDATE_COMPONENT, Guard

log = logging.getLogger(__name__)


def _table(app: Dash) -> dict[str, frozenset[str]]:
    # One table per Dash app on the server, keyed by the URL of its update route.
    rule = app.config.routes_pathname_prefix + UPDATE_COMPONENT
    return app.server.config.setdefault(CALLBACK_ROLES, {}).setdefault(rule, {})


def secure_callback(app: Dash, guard: Guard, roles: frozenset[str], *dependencies, **kwargs):
    """Like app.callback, but the callback runs only for a session of one of the roles."""
    if not roles:
        raise ValueError("a callback must declare the roles it serves")
    roles = frozenset(roles)

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
        declared = _table(app)
        for key in set(app.callback_map) - before:
            declared[key] = roles
        return func

    return register


def declared_roles(app: Dash) -> dict[str, frozenset[str]]:
    """The roles each registered callback of the app declared, by its output key."""
    return dict(_table(app))
