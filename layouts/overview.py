"""The overview page: KPI tiles and four charts, filled by callbacks."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import definitions
from layouts import ids
from layouts.components import chart_card, info_popover

CHART_DEFINITIONS = {
    "country": "participants.by_country",
    "sector": "participants.by_sector",
    "org_type": "participants.by_org_type",
    "registrations": "participants.registrations",
}


def _info(name: str, lang: str) -> html.Span:
    key = CHART_DEFINITIONS[name]
    return info_popover(
        ids.info("overview", name), definitions.name(key, lang), definitions.text(key, lang), lang
    )


def layout(lang: str = "en") -> html.Div:
    """The overview's frame."""
    return html.Div(
        [
            dcc.Store(id=ids.OVERVIEW_RENDERED),
            html.Div(id=ids.OVERVIEW_STATUS, className="mb-2"),
            dbc.Row(id=ids.OVERVIEW_KPIS, className="g-3 mb-1"),
            dbc.Row(
                [
                    dbc.Col(
                        chart_card(
                            ids.filter_chart("overview", dimension),
                            info=_info(dimension, lang),
                        ),
                        lg=4,
                    )
                    for dimension in ("country", "sector", "org_type")
                ]
            ),
            chart_card(ids.OVERVIEW_REGISTRATIONS, info=_info("registrations", lang)),
        ]
    )
