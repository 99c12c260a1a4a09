"""What the pages' callbacks share."""

from __future__ import annotations

from dash.exceptions import PreventUpdate

from dashboard import state as st


def page_state(stored: object) -> st.ViewState:
    """The view state from the shell's store; nothing to do before the shell has set it."""
    if not isinstance(stored, dict):
        raise PreventUpdate
    return st.parse_query(stored.get("query"))


def drawn_version(rendered: object) -> object:
    """The version a page's drawing was remembered by (its store may hold anything)."""
    return rendered.get("version") if isinstance(rendered, dict) else None
