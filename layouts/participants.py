"""The participants statistics page: tiles, breakdowns, drill-down, time charts."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import definitions
from dashboard.i18n import t
from dashboard.participants import CHART_DEFINITIONS
from layouts import ids
from layouts.components import chart_card, graph_config, info_popover

PAGE = "participants"
GRAPHS = {
    "country": ids.filter_chart(PAGE, "country"),
    "map": ids.filter_chart(f"{PAGE}-map", "country"),
    "sector": ids.filter_chart(PAGE, "sector"),
    "helix": ids.filter_chart(PAGE, "org_type"),
    "heatmap": ids.filter_chart(PAGE, "country+sector"),
    "drill": ids.drill_chart(PAGE),
    "registrations": ids.PARTICIPANTS_REGISTRATIONS,
    "checkins_day": ids.PARTICIPANTS_CHECKINS_DAY,
    "checkins_hour": ids.PARTICIPANTS_CHECKINS_HOUR,
}


def _info(name: str, lang: str) -> html.Span:
    key = CHART_DEFINITIONS[name]
    return info_popover(
        ids.info(PAGE, name), definitions.name(key, lang), definitions.text(key, lang), lang
    )


def card(name: str, lang: str, height: int = 300) -> dbc.Card:
    """A chart of the page in its card, with its definition."""
    return chart_card(GRAPHS[name], height, _info(name, lang))


def drill_card(lang: str) -> dbc.Card:
    """The drill-down chart under its breadcrumb: a click on a bar goes one level down."""
    graph = dcc.Graph(
        id=GRAPHS["drill"],
        config=graph_config("participants-drill"),
        className="graph-participants-drill",
        style={"minHeight": "300px"},
    )
    body = [
        html.Div(_info("drill", lang), className="chart-tools"),
        html.Div(id=ids.PARTICIPANTS_CRUMBS, className="px-2 pt-1"),
        graph,
    ]
    return dbc.Card(dbc.CardBody(body), className="mb-3 chart-card")


def header(lang: str) -> html.Div:
    """The data status line and the download button."""
    return html.Div(
        [
            html.Div(id=ids.PARTICIPANTS_STATUS, className="flex-grow-1"),
            dbc.Button(
                t("participants.download", lang),
                id=ids.PARTICIPANTS_DOWNLOAD,
                color="primary",
                outline=True,
                size="sm",
                n_clicks=0,
            ),
            dcc.Download(id=ids.PARTICIPANTS_DOWNLOAD_FILE),
        ],
        className="d-flex align-items-center gap-3 mb-2",
    )


def layout(lang: str = "en") -> html.Div:
    """The page's frame: no data, the callbacks fill it."""
    return html.Div(
        [
            dcc.Store(id=ids.PARTICIPANTS_RENDERED),
            header(lang),
            dbc.Row(id=ids.PARTICIPANTS_KPIS, className="g-3 mb-1"),
            dbc.Row([dbc.Col(card("country", lang), lg=7), dbc.Col(card("map", lang, 560), lg=5)]),
            dbc.Row([dbc.Col(card("sector", lang), lg=6), dbc.Col(card("helix", lang), lg=6)]),
            dbc.Row(
                [
                    dbc.Col(drill_card(lang), lg=5),
                    dbc.Col(card("heatmap", lang), lg=7),
                ]
            ),
            card("registrations", lang, 360),
            dbc.Row(
                [
                    dbc.Col(card("checkins_day", lang), lg=4),
                    dbc.Col(card("checkins_hour", lang), lg=8),
                ]
            ),
        ]
    )
