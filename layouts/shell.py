"""The app's frame: URL, shared stores, the timer, the navigation and filter bars, the page slot.

The frame is static: callbacks fill its texts, so that its controls keep their
state when the language changes or another page opens.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n import t
from layouts import ids
from layouts.components import filter_bar

PAGES = (
    ("/", "nav.overview"),
    ("/participants", "nav.participants"),
    ("/matchmaking", "nav.matchmaking"),
    ("/workshops", "nav.workshops"),
    ("/tables", "nav.tables"),
)
STAFF_PAGES = ("/tables",)  # rows about people: the server refuses them to other roles


def root(refresh_seconds: int) -> html.Div:
    """The layout Dash serves: no data in it, callbacks fill everything."""
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.STATE),
            dcc.Store(id=ids.LANG),
            dcc.Store(id=ids.PAGE_KEY),
            dcc.Interval(id=ids.REFRESH, interval=refresh_seconds * 1000),
            navbar(),
            dbc.Container(
                [filter_bar(), html.Div(id=ids.PAGE)],
                fluid=True,
                className="pb-4",
            ),
        ]
    )


def navbar() -> dbc.Navbar:
    """The navigation bar; its texts and links come from a callback."""
    # Below the lg breakpoint the links fold behind a toggler instead of wrapping.
    links = dbc.Collapse(
        [
            dbc.Nav(id=ids.NAV, navbar=True, className="me-auto"),
            dbc.Button(id=ids.LANG_TOGGLE, color="light", size="sm", n_clicks=0),
            # A plain form: logging out is a POST, so that a link elsewhere cannot do it.
            html.Form(
                html.Button(id=ids.LOGOUT, type="submit", className="btn btn-outline-light btn-sm"),
                action="/logout",
                method="POST",
                className="ms-2",
            ),
        ],
        id=ids.NAV_COLLAPSE,
        navbar=True,
        is_open=False,
    )
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand(id=ids.BRAND, href="/"),
                dbc.NavbarToggler(id=ids.NAV_TOGGLER, n_clicks=0),
                links,
            ],
            fluid=True,
        ),
        color="dark",
        dark=True,
        expand="lg",
        className="mb-3",
    )


def nav_links(lang: str, path: str, query: str, staff: bool = True) -> list:
    """The page links, keeping the view's query string (staff pages for staff only)."""
    return [
        dbc.NavItem(dbc.NavLink(t(key, lang), href=href + query, active=href == path))
        for href, key in PAGES
        if staff or href not in STAFF_PAGES
    ]


def brand(lang: str, demo: bool) -> list:
    """The app's name, and a badge in demo mode."""
    parts: list = [html.Span(t("app.title", lang), className="me-2")]
    if demo:
        parts.append(dbc.Badge(t("demo.badge", lang), color="warning", className="demo-badge"))
    return parts


def not_found(lang: str) -> html.Div:
    """What an unknown path shows: a sentence and a way back, never an error page."""
    return html.Div(
        [
            html.P(t("page.not_found", lang), className="lead"),
            dcc.Link(t("page.back_home", lang), href="/"),
        ],
        className="py-5 text-center",
    )
